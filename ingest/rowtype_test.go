package ingest

import (
	"reflect"
	"testing"

	"pkportal/report"
)

// TestItemsAddUpToTotal is the data contract's promise on the real report:
// keeping the rows typed item of a table whose last row is its total gives,
// in every amount column, that total, without double counting (DESIGN.md,
// "Data contract"). Staff assessment income, which the report subtracts
// from the gross amount, is not an item: it is typed deduction.
func TestItemsAddUpToTotal(t *testing.T) {
	t.Run("A-76-564.fr", func(t *testing.T) {
		itemsAddUp(t, parsed(t), "Recettes provenant des contributions du personnel")
	})
	t.Run("A-00-000.en", func(t *testing.T) {
		itemsAddUp(t, englishReport(t), "Staff assessment income")
	})
}

// itemsAddUp checks the items of every table of r against its final total,
// and that the row labelled staff, in III.A and the summary, is the one
// deduction of each.
func itemsAddUp(t *testing.T, r *report.Report, staff string) {
	const places = 3
	units := func(tb *report.Table, row report.Row, k int) int64 {
		t.Helper()
		if k >= len(row.Cells) || row.Cells[k].Num == "" {
			return 0 // the source's dash for nil
		}
		n, err := row.Cells[k].Num.Units(places)
		if err != nil {
			t.Fatalf("table %s, row %q: %v", tb.ID, row.Label, err)
		}
		return n
	}
	var checked []string
	for _, tb := range r.Tables {
		if len(tb.Rows) == 0 || tb.Rows[len(tb.Rows)-1].Type != report.RowTotal {
			continue
		}
		total := tb.Rows[len(tb.Rows)-1]
		columns := 0
		for k, col := range tb.Columns {
			if col.Type != "number" || col.Unit != report.AmountUnit {
				continue
			}
			columns++
			var sum int64
			for _, row := range tb.Rows {
				if row.Type == report.RowItem {
					sum += units(tb, row, k)
				}
			}
			if want := units(tb, total, k); sum != want {
				t.Errorf("table %s, column %s: the rows typed item add up to %s, the total row %q (line %d) is %s",
					tb.ID, col.Key, report.FromUnits(sum, places), total.Label, total.Line, report.FromUnits(want, places))
			}
		}
		if columns > 0 {
			checked = append(checked, tb.ID)
		}
	}
	want := []string{"summary-financial", "iii-a", "iii-b", "iii-d", "iii-e", "iii-f"}
	if !reflect.DeepEqual(checked, want) {
		t.Errorf("tables checked: got %q, want %q", checked, want)
	}

	for _, id := range []string{"iii-a", "summary-financial"} {
		tb := r.Table(id)
		if tb == nil {
			t.Fatalf("no table %s", id)
		}
		var types []string
		for _, row := range tb.Rows {
			if row.Label == staff {
				types = append(types, row.Type)
			}
			if row.Type == report.RowDeduction && row.Label != staff {
				t.Errorf("table %s: row %q (line %d) typed %s", id, row.Label, row.Line, row.Type)
			}
		}
		if !reflect.DeepEqual(types, []string{report.RowDeduction}) {
			t.Errorf("table %s: rows %q typed %q, want one typed %q", id, staff, types, report.RowDeduction)
		}
	}
}
