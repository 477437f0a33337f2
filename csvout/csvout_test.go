package csvout

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"pkportal/functions/reportdata"
	"pkportal/report"
)

func sample() Frame {
	return Frame{
		Fields:  []string{"label", "amount"},
		Numeric: []bool{false, true},
		Records: [][]string{
			{"Personnel civil", "-9444.2"},
			{"=HYPERLINK(\"x\")", "1183384.7"},
			{"Virgule, \"guillemets\"\net ligne", ""},
			{"-moins", "0.7"},
		},
	}
}

func TestWriteParsesBack(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 5 || recs[3][0] != "Virgule, \"guillemets\"\net ligne" || recs[1][1] != "-9444.2" || recs[3][1] != "" {
		t.Errorf("records: %q", recs)
	}
}

func TestWriteForSpreadsheets(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, sample(), Options{Comma: ';', DecimalComma: true, BOM: true, Neutralise: true}); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasPrefix(s, "\ufefflabel;amount\n") {
		t.Errorf("no BOM or wrong header: %q", s[:20])
	}
	for _, want := range []string{"Personnel civil;-9444,2\n", "'=HYPERLINK", "'-moins;0,7\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in %q", want, s)
		}
	}
}

// A column of figures that a range makes text (III.E's factors) takes
// the decimal comma, and a range that starts with a minus is no formula;
// a single negative figure stays a figure.
func TestFiguresForSpreadsheets(t *testing.T) {
	f := Frame{Fields: []string{"label", "percentage"}, Numeric: []bool{false, false}, Figures: []bool{false, true},
		Records: [][]string{{"a", "2.4"}, {"b", "0.0-5.0"}, {"c", "-1.5"}, {"d", "-5.0-3.0"}}}
	var b bytes.Buffer
	if err := Write(&b, f, Options{Comma: ';', DecimalComma: true, Neutralise: true}); err != nil {
		t.Fatal(err)
	}
	if want := "label;percentage\na;2,4\nb;0,0-5,0\nc;-1,5\nd;'-5,0-3,0\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

func TestFromTable(t *testing.T) {
	tb := &report.Table{
		ID:      "iii-d",
		Columns: []report.Column{{Key: "amount", Type: "number"}},
		Rows: []report.Row{
			{Label: "Produit des placements", Type: report.RowItem, Cells: []report.Cell{{Raw: "2 477,4", Num: "2477.4"}}},
			{Label: "Contributions volontaires en espèces", Type: report.RowItem, Cells: []report.Cell{{Raw: "–"}}},
			{Label: "Total", Type: report.RowTotal, Cells: []report.Cell{{Raw: "48 772,5", Num: "48772.5"}}},
		},
	}
	f := FromTable(tb)
	if strings.Join(f.Fields, ",") != "label,group,row_type,amount" {
		t.Errorf("fields %v", f.Fields)
	}
	if got := f.Records[1][3]; got != "" {
		t.Errorf("nil dash gave %q, want an empty cell", got)
	}
	if got := f.Objects()[2]["amount"]; got == nil || got.(interface{ String() string }).String() != "48772.5" {
		t.Errorf("json total %v", got)
	}
}

func TestNeutraliseKeepsNumbers(t *testing.T) {
	for in, want := range map[string]string{
		"-9444.2": "-9444.2", "-5": "-5", "12": "12", "-": "'-", "-5+3": "'-5+3", "-.5": "'-.5", "-5.": "'-5.",
		"=1+1": "'=1+1", "+33 1 23": "'+33 1 23", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "texte": "texte", "": "",
	} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
	// a text value in a number field of a combined frame is still text
	var b bytes.Buffer
	f := Frame{Fields: []string{"value"}, Numeric: []bool{true}, Records: [][]string{{"-1.5"}, {"=cmd"}}}
	if err := Write(&b, f, Options{Neutralise: true, DecimalComma: true, Comma: ';'}); err != nil {
		t.Fatal(err)
	}
	if b.String() != "value\n-1,5\n'=cmd\n" {
		t.Errorf("got %q", b.String())
	}
}

func TestAppendJSON(t *testing.T) {
	f := Frame{
		Fields:  []string{"label", "amount", "n"},
		Numeric: []bool{false, true, true},
		Records: [][]string{
			{"Personnel civil", "-9444.2", "1"},
			{"\"guillemets\" \\ <b>&</b>\n\t\x01 \u2028 é", "", "05"},
			{"bad \xff utf8", "0.5", ""},
		},
	}
	b := AppendJSON(nil, f)
	if !strings.HasPrefix(string(b), `[{"label":"Personnel civil","amount":-9444.2,"n":1},`) {
		t.Errorf("json %s", b)
	}
	var rows []map[string]any
	if err := json.Unmarshal(b, &rows); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if rows[1]["label"] != f.Records[1][0] || rows[1]["amount"] != nil || rows[1]["n"] != "05" || rows[2]["label"] != "bad \ufffd utf8" {
		t.Errorf("rows %v", rows)
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("texte", "-1.5")
	f.Add("\"\\\x00\xff<>&\u2028", "01")
	f.Fuzz(func(t *testing.T, s, n string) {
		fr := Frame{Fields: []string{s, "n"}, Numeric: []bool{false, true}, Records: [][]string{{s, n}}}
		b := AppendJSON(nil, fr)
		var rows []map[string]any
		if err := json.Unmarshal(b, &rows); err != nil {
			t.Fatalf("%q %q: %v: %s", s, n, err, b)
		}
		var want bytes.Buffer
		_ = json.Indent(&want, b, "  ", " ")
		if got := AppendJSONIndent(nil, fr, "  ", " "); string(got) != want.String() {
			t.Fatalf("%q %q: indented\n%s\nwant\n%s", s, n, got, want.Bytes())
		}
	})
}

// TestAppendJSONIndent: the same bytes as json.Indent of AppendJSON.
func TestAppendJSONIndent(t *testing.T) {
	frames := []Frame{
		sample(),
		{Fields: []string{"a"}},
		{Fields: nil, Records: [][]string{{}, {}}},
		{Fields: []string{"label", "amount", "n"}, Numeric: []bool{false, true, true},
			Records: [][]string{{"x <b>&\u2028", "-1.5", "05"}, {"", "", ""}, {"short"}}},
	}
	for _, f := range frames {
		for _, prefix := range []string{"", "  "} {
			var want bytes.Buffer
			if err := json.Indent(&want, AppendJSON(nil, f), prefix, " "); err != nil {
				t.Fatal(err)
			}
			if got := AppendJSONIndent(nil, f, prefix, " "); string(got) != want.String() {
				t.Errorf("indented\n%s\nwant\n%s", got, want.Bytes())
			}
		}
	}
}

func TestSelect(t *testing.T) {
	f := sample().Select([]string{"amount", "label"})
	if strings.Join(f.Fields, ",") != "amount,label" || !f.Numeric[0] || f.Numeric[1] || f.Records[0][0] != "-9444.2" || f.Records[0][1] != "Personnel civil" {
		t.Errorf("select %+v", f)
	}
}

// Datasets of the embedded report: every kind, with the statuses of the
// model and one row per delivered figure.
func TestDatasetsOfEmbeddedReport(t *testing.T) {
	rs, err := reportdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	r := rs[0]
	kinds := map[string]int{}
	for _, d := range Datasets(r) {
		kinds[d.Kind]++
		if len(d.Frame.Fields) != len(d.Frame.Numeric) {
			t.Errorf("%s: %d fields, %d numeric flags", d.ID, len(d.Frame.Fields), len(d.Frame.Numeric))
		}
		for _, rec := range d.Frame.Records {
			if len(rec) != len(d.Frame.Fields) {
				t.Fatalf("%s: record of %d fields", d.ID, len(rec))
			}
			for i, v := range rec {
				if d.Frame.Numeric[i] && v != "" && !IsNumber(v) {
					t.Errorf("%s.%s: %q is not a number", d.ID, d.Frame.Fields[i], v)
				}
			}
		}
	}
	if kinds["table"] < 8 || kinds["indicators"] != 16 || kinds["outputs"] != 16 || kinds["variances"] != 1 || kinds["follow-up"] != 1 {
		t.Errorf("kinds %v", kinds)
	}
	iv, _ := DatasetByID(r, "iv")
	if !strings.HasPrefix(iv.Title, "IV. ") {
		t.Errorf("iv title %q", iv.Title)
	}
	var yes, no int
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			d, _ := DatasetByID(r, ea.ID+"-outputs")
			st := d.Frame.Index("status")
			for _, rec := range d.Frame.Records {
				switch rec[st] {
				case OutputCompleted:
					yes++
				case OutputNotCompleted:
					no++
				}
			}
			in, _ := DatasetByID(r, ea.ID+"-indicators")
			st = in.Frame.Index("status")
			for i, x := range ea.Indicators {
				if in.Frame.Records[i][st] != x.Status {
					t.Errorf("%s: status %q, want %q", x.ID, in.Frame.Records[i][st], x.Status)
				}
			}
		}
	}
	if yes == 0 || no == 0 {
		t.Errorf("output statuses: %d completed, %d not completed", yes, no)
	}
}

// An indicator with two measures (A/76/564 3.1, indicator 6) and one with
// a label: the values column keeps both measures and the label, the
// baseline is taken from the target's measure only.
func TestIndicatorMeasures(t *testing.T) {
	ea := &report.Accomplishment{Number: "3.1", Indicators: []*report.Indicator{
		{ID: "ea-3-1-i6", N: 6, Planned: "Plans, ainsi que violences", Values: []report.PeriodValue{
			{Period: "2019/20", Raw: "exécution des 2 plans d’action", Measure: 1},
			{Period: "2020/21", Raw: "exécution des 2 plans d’action", Measure: 1},
			{Period: "2020/21", Raw: "exécution des 2 plans à hauteur de 50 %", Measure: 2},
		}},
		{ID: "ea-3-1-i7", N: 7, Planned: "Des femmes sont candidates", Values: []report.PeriodValue{
			{Period: "2019/20", Raw: "27,9 %", Num: "27.9", Unit: "%", Measure: 1, Label: "pourcentage d’élues"},
			{Period: "2020/21", Raw: "30 %", Num: "30", Unit: "%", Measure: 1, Label: "pourcentage d’élues"},
		}},
	}}
	f := indicators(ea)
	get := func(i int, field string) string { return f.Records[i][f.Index(field)] }
	if got := get(0, "values"); got != "2019/20: exécution des 2 plans d’action; 2020/21: exécution des 2 plans d’action | 2020/21: exécution des 2 plans à hauteur de 50 %" {
		t.Errorf("values %q", got)
	}
	if get(0, "baseline") != "" || get(0, "target") != "exécution des 2 plans à hauteur de 50 %" {
		t.Errorf("baseline %q target %q", get(0, "baseline"), get(0, "target"))
	}
	if got := get(1, "values"); got != "pourcentage d’élues: 2019/20: 27,9 %; 2020/21: 30 %" {
		t.Errorf("values %q", got)
	}
	if get(1, "baseline_value") != "27.9" || get(1, "target_value") != "30" || get(1, "planned") != "Des femmes sont candidates" {
		t.Errorf("record %q", f.Records[1])
	}
}
