package csvout

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

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
