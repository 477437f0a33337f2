// Package csvout turns the tables of the report model into flat records,
// and writes them as CSV for spreadsheets: the data contract of DESIGN.md
// (UTF-8, one header row of stable snake_case names, numbers with a point
// and no thousands separator, nil as an empty cell).
//
// Both the generator (static files) and the CSV function use it, so it
// must stay small: the standard library and the report model only.
package csvout

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"

	"pkportal/report"
)

// Frame is a flat table: a header of field names and records of strings.
type Frame struct {
	Fields  []string
	Records [][]string
	// Numeric tells, per field, whether its values are numbers; the
	// writers use it to keep numbers as numbers and neutralise text.
	Numeric []bool
}

// FromTable flattens a report table: label, group and row_type, then one
// field per column, named by the column's key.
func FromTable(t *report.Table) Frame {
	f := Frame{Fields: []string{"label", "group", "row_type"}, Numeric: []bool{false, false, false}}
	for _, c := range t.Columns {
		f.Fields = append(f.Fields, c.Key)
		f.Numeric = append(f.Numeric, c.Type == "number")
	}
	for _, r := range t.Rows {
		rec := []string{r.Label, r.Group, r.Type}
		for i := range t.Columns {
			var v string
			if i < len(r.Cells) {
				v = CellValue(r.Cells[i])
			}
			rec = append(rec, v)
		}
		f.Records = append(f.Records, rec)
	}
	return f
}

// CellValue is the data-contract form of a cell: its number, its text, or
// empty for nil.
func CellValue(c report.Cell) string {
	if c.Num != "" {
		return string(c.Num)
	}
	return c.Text
}

// Options change how a Frame is written for a spreadsheet program.
type Options struct {
	// Comma is the field delimiter; 0 means ','.
	Comma rune
	// DecimalComma writes numbers with a decimal comma ("-9444,2").
	DecimalComma bool
	// BOM starts the output with a UTF-8 byte order mark, which Excel
	// needs to read UTF-8.
	BOM bool
	// Neutralise prefixes with an apostrophe the text cells that a
	// spreadsheet would read as a formula (OWASP CSV injection).
	Neutralise bool
}

// Write writes the frame as delimited text with RFC 4180 quoting.
func Write(w io.Writer, f Frame, o Options) error {
	if o.BOM {
		if _, err := io.WriteString(w, "\ufeff"); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	if o.Comma != 0 {
		cw.Comma = o.Comma
	}
	if err := cw.Write(f.Fields); err != nil {
		return err
	}
	rec := make([]string, len(f.Fields))
	for _, r := range f.Records {
		for i, v := range r {
			numeric := i < len(f.Numeric) && f.Numeric[i]
			switch {
			case numeric && o.DecimalComma:
				v = strings.Replace(v, ".", ",", 1)
			case !numeric && o.Neutralise:
				v = Neutralise(v)
			}
			rec[i] = v
		}
		if err := cw.Write(rec[:len(r)]); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Neutralise returns a text cell that no spreadsheet reads as a formula:
// a cell starting with = + - @ tab or carriage return gets a leading
// apostrophe.
func Neutralise(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}

// Objects returns the records as JSON-ready objects keyed by field, numbers
// as JSON numbers and empty cells as null.
func (f Frame) Objects() []map[string]any {
	out := make([]map[string]any, 0, len(f.Records))
	for _, rec := range f.Records {
		m := make(map[string]any, len(rec))
		for i, v := range rec {
			switch {
			case v == "":
				m[f.Fields[i]] = nil
			case f.Numeric[i]:
				m[f.Fields[i]] = json.Number(v)
			default:
				m[f.Fields[i]] = v
			}
		}
		out = append(out, m)
	}
	return out
}
