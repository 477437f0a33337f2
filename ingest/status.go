package ingest

import (
	"regexp"
	"strings"

	"pkportal/ingest/lang"
	"pkportal/ingest/source"
	"pkportal/report"
)

// statusVocab holds the phrases by which a report states the status of an
// indicator of achievement (ingest/lang/<language>/status.json).
type statusVocab struct {
	// Achieved, NotAchieved and Partly are phrases that, opening the
	// actual indicator's text (or its first line), state its status.
	Achieved    []string `json:"achieved"`
	NotAchieved []string `json:"notAchieved"`
	Partly      []string `json:"partly"`
	// Above and Below are phrases by which the report says a result was
	// higher or lower than planned, anywhere in an indicator's actual
	// text or an output's remarks (matched without regard to case).
	Above []string `json:"above"`
	Below []string `json:"below"`

	// num is the number format of the language; figure a bare figure
	// with an optional bound and unit in it: "≥ 90 %", "109 jours",
	// "1 668", "7,2 %".
	num    *source.NumberFormat
	figure *regexp.Regexp
}

// setStatuses reads the status of every indicator of the report, and how
// the report compares each indicator's and output's result with the plan.
func setStatuses(r *report.Report) error {
	var v statusVocab
	if err := lang.Load(r.Language, "status", &v); err != nil {
		return err
	}
	nf, err := source.Numbers(r.Language)
	if err != nil {
		return err
	}
	v.num = nf
	v.figure = regexp.MustCompile(`^([≥≤<>]?)\s*(\d{1,3}(?:` + nf.GroupClass() + `\d{3})+|\d+(?:` + nf.DecimalRe() + `\d+)?)\s*(\pL+|%)?`)
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			for _, in := range ea.Indicators {
				in.Status, in.StatusBasis = indicatorStatus(in, r.Period.Label, &v)
				in.VersusPlan = v.versusPlan(in.Actual)
			}
			for _, o := range ea.Outputs {
				o.VersusPlan = v.versusPlan(o.Remarks)
			}
		}
	}
	return nil
}

// versusPlan is report.VersusAbove or report.VersusBelow when text says
// the result was higher or lower than planned, and "" when it says neither
// or both (a remark on two parts of an output, one above, one below).
func (v *statusVocab) versusPlan(text string) string {
	text = strings.ToLower(text)
	says := func(phrases []string) bool {
		for _, p := range phrases {
			if strings.Contains(text, strings.ToLower(p)) {
				return true
			}
		}
		return false
	}
	switch above, below := says(v.Above), says(v.Below); {
	case above && !below:
		return report.VersusAbove
	case below && !above:
		return report.VersusBelow
	}
	return ""
}

// indicatorStatus reads an indicator's status: from the text when the
// report states it, else by comparing a bare actual figure with a target
// of the same unit; an unbounded target counts only when equalled, since
// the report does not say whether more or less is better.
func indicatorStatus(in *report.Indicator, period string, v *statusVocab) (status, basis string) {
	first, _, _ := strings.Cut(in.Actual, "\n")
	first = strings.TrimSpace(first)
	for _, c := range []struct {
		phrases []string
		status  string
	}{{v.Partly, report.StatusPartly}, {v.NotAchieved, report.StatusNotAchieved}, {v.Achieved, report.StatusAchieved}} {
		for _, p := range c.phrases {
			if first == p || strings.HasPrefix(first, p+" ") || strings.HasPrefix(first, p+",") || strings.HasPrefix(first, p+".") ||
				(len([]rune(p)) > 12 && strings.Contains(first, p)) {
				return c.status, "text"
			}
		}
	}
	var target *report.PeriodValue
	for i := range in.Values {
		if in.Values[i].Period == period {
			target = &in.Values[i]
		}
	}
	if target == nil {
		return report.StatusNotAssessable, "no target for the period"
	}
	tCmp, tNum, tUnit, ok := readFigure(v, target.Raw)
	if !ok {
		return report.StatusNotAssessable, "target is not a figure"
	}
	aCmp, aNum, aUnit, ok := readFigure(v, first)
	if !ok || aCmp != "" || strings.TrimSpace(v.figure.ReplaceAllString(first, "")) != "" {
		return report.StatusNotAssessable, "actual is not a bare figure"
	}
	if !sameUnit(tUnit, aUnit) {
		return report.StatusNotAssessable, "actual and target differ in unit"
	}
	a, errA := aNum.Units(4)
	t, errT := tNum.Units(4)
	if errA != nil || errT != nil {
		return report.StatusNotAssessable, "figures out of range"
	}
	met := false
	switch tCmp {
	case "≥":
		met = a >= t
	case ">":
		met = a > t
	case "≤":
		met = a <= t
	case "<":
		met = a < t
	default:
		if a != t {
			return report.StatusNotAssessable, "target has no bound and differs from the actual figure"
		}
		met = true
	}
	if met {
		return report.StatusAchieved, "target"
	}
	return report.StatusNotAchieved, "target"
}

// readFigure reads a bare figure: its bound, number and unit.
func readFigure(v *statusVocab, s string) (cmp string, num report.Decimal, unit string, ok bool) {
	m := v.figure.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", "", "", false
	}
	num, ok = v.num.Parse(m[2])
	return m[1], num, m[3], ok
}

// sameUnit compares units by their first word, singular or plural.
func sameUnit(a, b string) bool {
	a, b = strings.TrimSuffix(strings.ToLower(a), "s"), strings.TrimSuffix(strings.ToLower(b), "s")
	return a == b
}
