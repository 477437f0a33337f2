package ingest

import (
	"strings"
	"testing"

	"pkportal/ingest/lang"
	"pkportal/report"
)

// Statuses are read from the report, checked here against the source by
// hand, one case of each way of reading them.
func TestIndicatorStatuses(t *testing.T) {
	r := parsed(t)
	ind := map[string]*report.Indicator{}
	counts := map[string]int{}
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			for _, in := range ea.Indicators {
				ind[in.ID] = in
				counts[in.Status]++
			}
		}
	}
	for id, want := range map[string][2]string{
		"ea-1-1-i2":  {report.StatusAchieved, "text"},      // "Objectif atteint"
		"ea-3-2-i1":  {report.StatusNotAchieved, "text"},   // "Non"
		"ea-1-3-i3":  {report.StatusNotAchieved, "text"},   // "L’objectif n’a pas été atteint car…"
		"ea-4-2-i1":  {report.StatusPartly, "text"},        // "…n’a pas pu atteindre pleinement cet objectif…"
		"ea-5-1-i1":  {report.StatusNotAchieved, "target"}, // 68 % for ≥ 90 %
		"ea-5-1-i3":  {report.StatusAchieved, "target"},    // 30 % for ≥ 30 %
		"ea-5-1-i4":  {report.StatusAchieved, "target"},    // 109 jours for ≤ 120 jours civils…
		"ea-5-1-i5":  {report.StatusNotAchieved, "target"}, // 353 jours for ≤ 120 jours
		"ea-5-1-i10": {report.StatusNotAchieved, "target"}, // 28,3 % for ≤ 20 %
		"ea-5-1-i11": {report.StatusAchieved, "target"},    // 100 % for 100 %
		"ea-5-1-i2":  {report.StatusNotAssessable, ""},     // 7,2 % for "8 % ± 3 %": no rule
		"ea-1-1-i3":  {report.StatusNotAssessable, ""},     // 26 % for 30 %: the report gives no bound
		"ea-2-1-i2":  {report.StatusNotAssessable, ""},     // a sentence, not a figure
	} {
		in := ind[id]
		if in == nil {
			t.Errorf("%s: no such indicator", id)
			continue
		}
		if in.Status != want[0] || (want[1] != "" && in.StatusBasis != want[1]) {
			t.Errorf("%s: status %s (%s), want %s (%s); actual %.40q", id, in.Status, in.StatusBasis, want[0], want[1], in.Actual)
		}
	}
	if counts[""] > 0 {
		t.Errorf("%d indicators without a status", counts[""])
	}
	// a status read from the target: the data carries that target's figure
	// (5.1 i4 and i5 had an empty target_value beside their status)
	for id, in := range ind {
		if in.StatusBasis != "target" {
			continue
		}
		for _, v := range in.Values {
			if v.Period == r.Period.Label && v.Num == "" {
				t.Errorf("%s: status %s from its target %q, whose figure the data lacks", id, in.Status, v.Raw)
			}
		}
	}
	t.Logf("statuses: %v", counts)
}

// Output 1.3 o13 is cut by a page break; the corrections file moves the
// end of its remark back (sources/A-76-564.fr.corrections.json).
func TestCorrectedOutput(t *testing.T) {
	r := parsed(t)
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			for _, o := range ea.Outputs {
				if o.ID != "ea-1-3-o13" {
					continue
				}
				if !strings.HasSuffix(o.Planned, "du personnel de la force des Nations Unies") {
					t.Errorf("planned: %q", o.Planned)
				}
				if !strings.HasSuffix(o.Remarks, "l’activité a été réorientée de façon à appuyer le renforcement susmentionné des capacités en matière électorale") {
					t.Errorf("remarks: %q", o.Remarks)
				}
				if len(o.Completed) != 1 || o.Completed[0].Raw != "Non" {
					t.Errorf("completed: %+v", o.Completed)
				}
				return
			}
		}
	}
	t.Error("no output ea-1-3-o13")
}

// The summary compares with 2019/20: "contre des dépenses d’un montant de
// 1 136,9 millions de dollars et un taux d’utilisation de 99,9 % pendant
// l’exercice 2019/20".
func TestPreviousPeriod(t *testing.T) {
	p := parsed(t).Previous
	if p == nil || p.Period != "2019/20" || p.Expenditure != "1136.9" || p.UtilizationRate != "99.9" {
		t.Errorf("previous period: %+v", p)
	}
}

// Each language's phrases for a result against the plan: a remark that
// says one direction gives it, one that says both or neither gives none.
func TestVersusPlanPhrases(t *testing.T) {
	for _, c := range []struct{ lang, text, want string }{
		{"fr", "Ce produit, inférieur aux prévisions, tient à l’instabilité", report.VersusBelow},
		{"fr", "Le nombre plus élevé de préfets formés tient au renforcement", report.VersusAbove},
		{"fr", "Le premier chiffre est supérieur aux prévisions, le second inférieur aux prévisions", ""},
		{"fr", "Objectif atteint", ""},
		{"en", "The lower than planned output was attributable to the travel restrictions", report.VersusBelow},
		{"en", "The number of patrols was higher than planned owing to", report.VersusAbove},
		{"en", "Target achieved", ""},
	} {
		var v statusVocab
		if err := lang.Load(c.lang, "status", &v); err != nil {
			t.Fatal(err)
		}
		if got := v.versusPlan(c.text); got != c.want {
			t.Errorf("%s %q: %q, want %q", c.lang, c.text, got, c.want)
		}
	}
}
