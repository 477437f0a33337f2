package charts

import (
	"html"
	"strconv"
	"strings"
	"testing"

	"pkportal/ingest"
	"pkportal/report"
)

// TestOutputDeliveryRealReport counts the outputs of A/76/564 as the chart
// does: every output in one of the four categories, and the outputs that
// mix delivered figures with "Non" or 0 counted as partly completed.
func TestOutputDeliveryRealReport(t *testing.T) {
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	outputs := map[string]*report.Output{}
	for _, c := range r.Components {
		for _, a := range c.Accomplishments {
			for _, o := range a.Outputs {
				outputs[o.ID] = o
			}
		}
	}
	if len(outputs) != 217 {
		t.Errorf("%d outputs, want 217", len(outputs))
	}
	for _, id := range []string{"ea-2-4-o7", "ea-4-2-o2", "ea-5-1-o5", "ea-1-3-o8"} {
		o := outputs[id]
		if o == nil {
			t.Errorf("%s: not found", id)
			continue
		}
		if got := delivery(o); got != partlyCompleted {
			t.Errorf("%s %v: category %d, want %d (partly completed)", id, o.Completed, got, partlyCompleted)
		}
	}
	var ch *Chart
	for _, c := range ForReport(r, "fr") {
		if c.ID == "chart-output-delivery" {
			ch = &c
		}
	}
	if ch == nil {
		t.Fatal("no chart-output-delivery")
	}
	sums := map[string]int{}
	total := 0
	for _, rw := range ch.Table.Rows {
		line := rw.Label + ":"
		for i, col := range ch.Table.Columns {
			n, err := strconv.Atoi(string(rw.Cells[i].Num))
			if err != nil {
				t.Fatalf("%s %s: %q", rw.Label, col.Key, rw.Cells[i].Num)
			}
			sums[col.Key] += n
			total += n
			line += " " + col.Key + "=" + strconv.Itoa(n)
		}
		t.Log(line)
	}
	t.Logf("total %d: %v", total, sums)
	total -= sums["completed_lower"] // counted among the completed too
	if total != len(outputs) {
		t.Errorf("the categories add up to %d, want %d outputs", total, len(outputs))
	}
	// The four outputs above are the only ones of A/76/564 that mix
	// delivered and undelivered parts; no output lacks a result; of the
	// 198 completed, the remarks of 42 say they were lower than planned
	// (the data count them among the completed, as the rule under the
	// chart defines them; the drawing stacks them apart).
	want := map[string]int{"completed": 198, "completed_lower": 42, "partly_completed": 4, "not_completed": 15, "not_reported": 0}
	for k, n := range want {
		if sums[k] != n {
			t.Errorf("%s: %d, want %d", k, sums[k], n)
		}
	}
	// the drawing stacks the completed lower than planned apart, within
	// the completed bar written with its whole count: component 2's 59
	// completed, of which 15 lower than planned (the solid part 44 long)
	svg := html.UnescapeString(ch.SVG)
	for _, tip := range []string{"Composante 2 : protection des civils – Exécutés\u00a0: 59</title>", "Composante 2 : protection des civils – dont inférieurs aux prévisions\u00a0: 15</title>", ">59</text>"} {
		if !strings.Contains(svg, tip) {
			t.Errorf("no bar %q", tip)
		}
	}
	t.Log(ch.Desc)
}

// The vacancy chart's data carry the strengths its rates are of (the
// report's approved and actual average), as its labels show the approved.
func TestVacancyDataCarryTheStrengths(t *testing.T) {
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, tb := range Tables(r, "fr") {
		if tb.ID != "chart-vacancy" {
			continue
		}
		var keys []string
		for _, c := range tb.Columns {
			keys = append(keys, c.Key)
		}
		if strings.Join(keys, ",") != "vacancy_rate,approved,actual_average" {
			t.Fatalf("columns %v", keys)
		}
		for _, row := range tb.Rows {
			if row.Label == "Observateurs militaires" {
				if got := []report.Decimal{row.Cells[0].Num, row.Cells[1].Num, row.Cells[2].Num}; got[0] != "60.0" || got[1] != "40" || got[2] != "16" {
					t.Errorf("military observers: %v, want 60.0, 40, 16 (summary-hr)", got)
				}
				return
			}
		}
		t.Fatal("no row for the military observers")
	}
	t.Fatal("no chart-vacancy")
}
