package ingest

import (
	"os"
	"reflect"
	"testing"

	"pkportal/report"
)

// englishFixture is a test fixture in the English structure, with English
// number formatting (see testdata/README.md).
const englishFixture = "testdata/A-00-000.en.txt"

// TestEnglishFixture parses the English fixture with every parser (section
// tree, financial tables, variances, framework, statuses) and checks what
// a reader would: the figures as printed and as numbers, the cleaned texts.
func TestEnglishFixture(t *testing.T) {
	r := englishReport(t)
	if !r.Synthetic || r.Language != "en" || r.Symbol != "A/00/000" || r.Period.Label != "2020/21" {
		t.Errorf("report: synthetic %v, language %q, symbol %q, period %+v", r.Synthetic, r.Language, r.Symbol, r.Period)
	}
	if p := r.Previous; p == nil || p.Period != "2019/20" || p.Expenditure != "1136.9" || p.UtilizationRate != "99.9" {
		t.Errorf("previous period: %+v", r.Previous)
	}
	tables := map[string]*report.Table{}
	var ids []string
	for _, tb := range r.Tables {
		tables[tb.ID] = tb
		ids = append(ids, tb.ID)
	}
	if want := []string{"summary-financial", "iii-a", "iii-b", "iii-d", "iii-e", "iii-e-factors", "iii-f"}; !reflect.DeepEqual(ids, want) {
		t.Fatalf("tables %v, want %v", ids, want)
	}
	// row label → its cells as printed and as read
	cells := func(id, label string) []report.Cell {
		for _, row := range tables[id].Rows {
			if row.Label == label {
				return row.Cells
			}
		}
		t.Errorf("%s: no row %q", id, label)
		return nil
	}
	check := func(id, label string, want ...string) {
		t.Helper()
		cs := cells(id, label)
		if len(cs) != len(want)/2 {
			t.Errorf("%s %q: %d cells, want %d", id, label, len(cs), len(want)/2)
			return
		}
		for k, c := range cs {
			got := string(c.Num)
			if got == "" {
				got = c.Text
			}
			if c.Raw != want[2*k] || got != want[2*k+1] {
				t.Errorf("%s %q cell %d: %q → %q, want %q → %q", id, label, k, c.Raw, got, want[2*k], want[2*k+1])
			}
		}
	}
	check("summary-financial", "Gross requirements", "1,183,384.7", "1183384.7", "1,103,359.2", "1103359.2", "80,025.5", "80025.5", "6.8", "6.8")
	check("summary-financial", "Civilian personnel", "196,654.7", "196654.7", "206,098.9", "206098.9", "(9,444.2)", "-9444.2", "(4.8)", "-4.8")
	check("summary-financial", "Voluntary contributions in kind (budgeted)", "–", "", "–", "", "–", "", "–", "")
	check("iii-a", "United Nations police", "11,501.5", "11501.5", "14,015.2", "14015.2", "(2,513.7)", "-2513.7", "(21.9)", "-21.9")
	check("iii-a", "Facilities and infrastructure", "137,960.3", "137960.3", "97,512.0", "97512.0", "40,448.3", "40448.3", "29.3", "29.3")
	check("iii-a", "Net requirements", "1,166,019.4", "1166019.4", "1,084,883.1", "1084883.1", "81,136.3", "81136.3", "7.0", "7.0")
	check("iii-b", "III. Operational costs", "492,807.1", "492807.1", "(6,156.8)", "-6156.8", "486,650.3", "486650.3")
	check("iii-d", "Cancellation of prior-period obligations", "45,826.8", "45826.8")
	check("iii-e", "Total", "160,288.6", "160288.6")
	check("iii-e-factors", "Extreme environmental condition factor", "2.4", "2.4", "1 July 2017", "2017-07-01", "1 April 2016", "2016-04-01")
	check("iii-e-factors", "Incremental transportation factor", "0.0-5.0", "0.0-5.0", "", "", "", "")
	check("iii-f", "Status-of-forces agreement", "45,201.2", "45201.2")
	// "Status-of-forces agreementa": the footnote letter leaves the label
	if row := tables["iii-f"].Rows[0]; !reflect.DeepEqual(row.Notes, []string{"a"}) {
		t.Errorf("iii-f notes: %+v", row)
	}
	// the checks pass but for the source's own rounding in III.B, as in
	// the French original
	if len(r.Warnings) != 1 || r.Warnings[0].Table != "iii-b" || r.Warnings[0].Row != "II. Civilian personnel" {
		t.Errorf("warnings: %+v", r.Warnings)
	}
	// section IV: "$844.4 39.0%", "($2,513.7) (21.9%)"
	if len(r.Variances) != 2 {
		t.Fatalf("variances: %+v", r.Variances)
	}
	for i, want := range []report.Variance{
		{ID: "iv-military-observers", Label: "Military observers", Group: "Military and police personnel", Amount: "844.4", Percent: "39.0", Paragraphs: []int{11}},
		{ID: "iv-united-nations-police", Label: "United Nations police", Group: "Military and police personnel", Amount: "-2513.7", Percent: "-21.9", Paragraphs: []int{12}},
	} {
		got := *r.Variances[i]
		got.Line = 0
		if !reflect.DeepEqual(got, want) {
			t.Errorf("variance %d: %+v, want %+v", i, got, want)
		}
	}
	if len(r.Decisions) != 2 || r.Decisions[0].Amount != "80025500" || r.Decisions[1].Amount != "48772500" {
		t.Errorf("decisions: %+v", r.Decisions)
	}
	// the framework of component 1
	if len(r.Components) != 2 || len(r.Components[0].Accomplishments) != 1 {
		t.Fatalf("components: %+v", r.Components)
	}
	ea := r.Components[0].Accomplishments[0]
	if ea.ID != "ea-1-1" || ea.Text != "Progress towards the decentralization of State authority" || len(ea.Indicators) != 2 || len(ea.Outputs) != 2 {
		t.Fatalf("accomplishment: %+v", ea)
	}
	i1, i2 := ea.Indicators[0], ea.Indicators[1]
	pv := func(per, raw, num, unit, label string) report.PeriodValue {
		return report.PeriodValue{Period: per, Raw: raw, Num: report.Decimal(num), Unit: unit, Measure: 1, Label: label}
	}
	if i1.Planned != "Decrease in the number of recorded civilian casualties" || i1.Actual != "1,831 civilians were killed or injured during the period" ||
		!reflect.DeepEqual(i1.Values, []report.PeriodValue{pv("2018/19", "1,962", "1962", "", ""), pv("2019/20", "1,911", "1911", "", ""), pv("2020/21", "1,250", "1250", "", "")}) {
		t.Errorf("indicator 1: %+v", i1)
	}
	label := "percentage of women elected"
	if i2.Planned != "Increased participation of women in elected bodies" || i2.Actual != "30%" || i2.Status != report.StatusAchieved || i2.StatusBasis != "target" ||
		!reflect.DeepEqual(i2.Values, []report.PeriodValue{pv("2018/19", "8.84%", "8.84", "%", label), pv("2019/20", "27.9%", "27.9", "%", label), pv("2020/21", "30%", "30", "%", label)}) {
		t.Errorf("indicator 2: %+v", i2)
	}
	o1, o2 := ea.Outputs[0], ea.Outputs[1]
	if o1.Planned != "Technical support for 35 meetings of the communal committees in the north and the centre of the country" ||
		!reflect.DeepEqual(o1.Completed, []report.Delivered{{Raw: "1,010", Num: "1010", Label: "Meetings were supported"}}) ||
		o1.Remarks != "The higher output resulted from the use of videoconferencing" {
		t.Errorf("output 1: %+v", o1)
	}
	if o2.Planned != "2 training sessions for 210 prefects and mayors on local governance and the management of decentralized public services" ||
		!reflect.DeepEqual(o2.Completed, []report.Delivered{{Raw: "No"}}) || o2.Remarks != "The sessions were postponed owing to the pandemic" {
		t.Errorf("output 2: %+v", o2)
	}
}

// englishReport parses the English fixture.
func englishReport(t *testing.T) *report.Report {
	t.Helper()
	data, err := os.ReadFile(englishFixture)
	if err != nil {
		t.Fatal(err)
	}
	r, err := Parse("A-00-000.en.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
