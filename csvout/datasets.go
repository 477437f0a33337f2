package csvout

import (
	"strconv"
	"strings"

	"pkportal/report"
)

// Dataset is one downloadable table of a report: a table of the report
// itself, a results framework, the variance analysis or the follow-up.
type Dataset struct {
	// ID is the dataset's language-neutral id, the same in every
	// language: "iii-a", "ea-2-1-indicators", "iv", "vi"….
	ID string
	// Title is in the report's language.
	Title string
	// Kind is "table", "indicators", "outputs", "variances" or "follow-up".
	Kind  string
	Frame Frame
	// Table is the report table, for Kind "table".
	Table *report.Table
}

// ChartDataset is the dataset of a chart's data table (charts.Tables).
func ChartDataset(t *report.Table) Dataset {
	return Dataset{ID: t.ID, Title: t.Title, Kind: "chart", Frame: FromTable(t), Table: t}
}

// Datasets lists every dataset of a report in document order.
func Datasets(r *report.Report) []Dataset {
	var out []Dataset
	for _, t := range r.Tables {
		out = append(out, Dataset{ID: t.ID, Title: t.Title, Kind: "table", Frame: FromTable(t), Table: t})
	}
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			out = append(out,
				Dataset{ID: ea.ID + "-indicators", Title: ea.Number + " " + ea.Text, Kind: "indicators", Frame: indicators(ea)},
				Dataset{ID: ea.ID + "-outputs", Title: ea.Number + " " + ea.Text, Kind: "outputs", Frame: outputs(ea)})
		}
	}
	if len(r.Variances) > 0 {
		out = append(out, Dataset{ID: "iv", Title: sectionTitle(r, "iv"), Kind: "variances", Frame: variances(r)})
	}
	if len(r.FollowUp) > 0 {
		out = append(out, Dataset{ID: "vi", Title: sectionTitle(r, "vi"), Kind: "follow-up", Frame: followUp(r.FollowUp)})
	}
	return out
}

// sectionTitle is "IV. Analyse des écarts" for the section with the given
// id, or the id in capitals when the report has no such section.
func sectionTitle(r *report.Report, id string) string {
	title := strings.ToUpper(id)
	r.Walk(func(s *report.Section) {
		if s.ID == id && s.Title != "" {
			if s.Number != "" {
				title = s.Number + ". " + s.Title
			} else {
				title = s.Title
			}
		}
	})
	return title
}

// DatasetByID returns the dataset with the given id, or false.
func DatasetByID(r *report.Report, id string) (Dataset, bool) {
	for _, d := range Datasets(r) {
		if d.ID == id {
			return d, true
		}
	}
	return Dataset{}, false
}

func frame(fields ...string) Frame {
	f := Frame{}
	for _, s := range fields {
		name, num := strings.CutSuffix(s, ":n")
		f.Fields = append(f.Fields, name)
		f.Numeric = append(f.Numeric, num)
	}
	return f
}

func indicators(ea *report.Accomplishment) Frame {
	f := frame("id", "accomplishment", "n:n", "planned", "values", "baseline_period", "baseline", "baseline_value:n", "baseline_unit",
		"target_period", "target", "target_value:n", "target_unit", "target_comparator", "actual", "status", "status_basis", "versus_plan")
	for _, in := range ea.Indicators {
		var base, target report.PeriodValue
		if n := len(in.Values); n > 0 {
			target = in.Values[n-1]
			if n > 1 && in.Values[n-2].Measure == target.Measure {
				base = in.Values[n-2]
			}
		}
		f.Records = append(f.Records, []string{in.ID, ea.Number, strconv.Itoa(in.N), in.Planned, in.ValuesText(": ", "; "),
			base.Period, base.Raw, string(base.Num), base.Unit, target.Period, target.Raw, string(target.Num), target.Unit, target.Comparator,
			in.Actual, in.Status, in.StatusBasis, in.VersusPlan})
	}
	return f
}

func outputs(ea *report.Accomplishment) Frame {
	f := frame("id", "accomplishment", "n:n", "group", "planned", "completed", "value:n", "label", "remarks", "status", "versus_plan")
	for _, o := range ea.Outputs {
		row := func(d report.Delivered) {
			f.Records = append(f.Records, []string{o.ID, ea.Number, strconv.Itoa(o.N), o.Group, o.Planned, d.Raw, string(d.Num), d.Label, o.Remarks, OutputStatus(d), o.VersusPlan})
		}
		if len(o.Completed) == 0 {
			row(report.Delivered{})
		}
		for _, d := range o.Completed {
			row(d)
		}
	}
	return f
}

// Output statuses, read from a "completed" column that says yes or no.
const (
	OutputCompleted    = "completed"
	OutputNotCompleted = "not-completed"
)

// yesNo holds the words for yes and no of the six official languages, as
// the "completed" column of the outputs prints them.
var yesNo = map[string]string{
	"oui": OutputCompleted, "yes": OutputCompleted, "sí": OutputCompleted, "si": OutputCompleted,
	"да": OutputCompleted, "是": OutputCompleted, "نعم": OutputCompleted,
	"non": OutputNotCompleted, "no": OutputNotCompleted, "нет": OutputNotCompleted,
	"否": OutputNotCompleted, "لا": OutputNotCompleted,
}

// OutputStatus is the status of a delivered figure when the report states
// it as yes or no (OutputCompleted, OutputNotCompleted), and empty when the
// figure is a number or anything else: a status is read, never guessed.
func OutputStatus(d report.Delivered) string {
	if d.Num != "" {
		return ""
	}
	return yesNo[strings.ToLower(strings.TrimSpace(d.Raw))]
}

func variances(r *report.Report) Frame {
	text := map[int]string{}
	r.Walk(func(s *report.Section) {
		for _, b := range s.Blocks {
			if p := b.Paragraph; p != nil && p.Number > 0 {
				text[p.Number] = p.FullText()
			}
		}
	})
	f := frame("id", "label", "group", "variance_amount:n", "variance_percent:n", "paragraphs", "explanation")
	for _, v := range r.Variances {
		var nums, expl []string
		for _, n := range v.Paragraphs {
			nums = append(nums, strconv.Itoa(n))
			expl = append(expl, text[n])
		}
		f.Records = append(f.Records, []string{v.ID, v.Label, v.Group, string(v.Amount), string(v.Percent), strings.Join(nums, " "), strings.Join(expl, "\n")})
	}
	return f
}

func followUp(rows []*report.FollowUp) Frame {
	f := frame("id", "body", "resolution", "resolution_paragraph", "request", "action")
	for _, x := range rows {
		f.Records = append(f.Records, []string{x.ID, x.Body, x.Resolution, x.ResolutionParagraph, x.Request, x.Action})
	}
	return f
}
