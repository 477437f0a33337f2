// Package csvout turns the tables of the report model into flat records,
// and writes them as CSV for spreadsheets: the portal's data contract
// (UTF-8, one header row of stable snake_case names, numbers with a point
// and no thousands separator, nil as an empty cell; README.md, "Data",
// tells the data's readers). It also lists a report's datasets (Datasets:
// its tables, each expected accomplishment's indicators and outputs, the
// variances, the follow-up; ChartDataset for a chart's data) and writes a
// frame as JSON (AppendJSON, AppendJSONIndent).
//
// Both the generator (static files) and the CSV function use it, so it
// must stay small: the standard library and the report model only.
package csvout

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"pkportal/report"
)

// Frame is a flat table: a header of field names and records of strings.
type Frame struct {
	Fields  []string
	Records [][]string
	// Numeric tells, per field, whether its values are numbers; the
	// writers use it to keep numbers as numbers and neutralise text.
	Numeric []bool
	// Figures tells, per text field, that its values are figures as the
	// report prints them, numbers and ranges of numbers, in a column that
	// a range makes text (III.E's factors: "2.4", "0.0-5.0"); a decimal
	// comma rewrites them too (nil: none).
	Figures []bool
	// Dates tells, per field, that its values are dates, written
	// YYYY-MM-DD (a spreadsheet's date cells; nil: none).
	Dates []bool
}

// FromTable flattens a report table: label, group and row_type, then one
// field per column, named by the column's key.
func FromTable(t *report.Table) Frame {
	f := Frame{Fields: []string{"label", "group", "row_type"}, Numeric: []bool{false, false, false}}
	for _, c := range t.Columns {
		f.Fields = append(f.Fields, c.Key)
		f.Numeric = append(f.Numeric, c.Type == "number")
	}
	f.Figures = make([]bool, len(f.Fields))
	f.Dates = make([]bool, len(f.Fields))
	for i, c := range t.Columns {
		f.Figures[3+i] = c.Type != "number" && figuresOnly(t, i)
		f.Dates[3+i] = c.Type == "date"
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

// figure is a number or a range of numbers as the data contract writes
// them: "2.4", "0.0-5.0".
var figure = regexp.MustCompile(`^-?\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?$`)

// figuresOnly reports whether column i of t holds figures only (and some).
func figuresOnly(t *report.Table, i int) bool {
	n := 0
	for _, r := range t.Rows {
		if i >= len(r.Cells) {
			continue
		}
		v := CellValue(r.Cells[i])
		if v == "" {
			continue
		}
		if !figure.MatchString(v) {
			return false
		}
		n++
	}
	return n > 0
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
			// a number of a number field stays a number; anything else
			// is text, even in a number field of a combined frame
			numeric := i < len(f.Numeric) && f.Numeric[i] && IsNumber(v)
			switch {
			case numeric && o.DecimalComma:
				v = strings.Replace(v, ".", ",", 1)
			case o.DecimalComma && i < len(f.Figures) && f.Figures[i] && figure.MatchString(v):
				dot := v
				v = strings.ReplaceAll(v, ".", ",") // "0,0-5,0", as the report prints it
				if o.Neutralise && !IsNumber(dot) {
					v = Neutralise(v) // a range from a negative figure, "-5,0-3,0", is no formula
				}
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
// apostrophe (OWASP CSV injection). A cell that is a plain number, such as
// "-12.5", is left alone: it is a number, not a formula.
func Neutralise(v string) string {
	if v != "" && strings.IndexByte("=+-@\t\r", v[0]) >= 0 && !IsNumber(v) {
		return "'" + v
	}
	return v
}

// IsNumber reports whether v is a plain decimal number of the data
// contract: an optional minus, digits, and optionally a point and digits.
// Such a string is also a valid JSON number when it has no leading zero.
func IsNumber(v string) bool {
	v = strings.TrimPrefix(v, "-")
	i, frac, hasPoint := strings.Cut(v, ".")
	if i == "" || (hasPoint && frac == "") {
		return false
	}
	for _, part := range [2]string{i, frac} {
		for j := 0; j < len(part); j++ {
			if part[j] < '0' || part[j] > '9' {
				return false
			}
		}
	}
	return true
}

// Index returns the position of the named field, or -1.
func (f Frame) Index(name string) int {
	for i, n := range f.Fields {
		if n == name {
			return i
		}
	}
	return -1
}

// Select returns a frame with the given fields only, in the given order;
// the caller checks that every name is a field of f (see Index). Records
// are new slices over the same strings.
func (f Frame) Select(fields []string) Frame {
	idx := make([]int, len(fields))
	out := Frame{Fields: append([]string(nil), fields...), Numeric: make([]bool, len(fields)), Figures: make([]bool, len(fields)), Dates: make([]bool, len(fields)), Records: make([][]string, len(f.Records))}
	for i, name := range fields {
		idx[i] = f.Index(name)
		out.Numeric[i] = idx[i] >= 0 && f.Numeric[idx[i]]
		out.Figures[i] = idx[i] >= 0 && idx[i] < len(f.Figures) && f.Figures[idx[i]]
		out.Dates[i] = idx[i] >= 0 && idx[i] < len(f.Dates) && f.Dates[idx[i]]
	}
	cells := make([]string, len(f.Records)*len(fields))
	for r, rec := range f.Records {
		row := cells[r*len(fields) : (r+1)*len(fields) : (r+1)*len(fields)]
		for i, j := range idx {
			if j >= 0 && j < len(rec) {
				row[i] = rec[j]
			}
		}
		out.Records[r] = row
	}
	return out
}

// WriteJSON writes the records as a JSON array of objects whose keys are
// the fields in order; numbers are JSON numbers, empty cells null.
func WriteJSON(w io.Writer, f Frame) error {
	_, err := w.Write(AppendJSON(nil, f))
	return err
}

// AppendJSON appends the JSON form of WriteJSON to b.
func AppendJSON(b []byte, f Frame) []byte {
	b = append(b, '[')
	for r, rec := range f.Records {
		if r > 0 {
			b = append(b, ',')
		}
		b = append(b, '{')
		for i, name := range f.Fields {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, name)
			b = append(b, ':')
			b = f.appendJSONValue(b, rec, i)
		}
		b = append(b, '}')
	}
	return append(b, ']')
}

// AppendJSONIndent appends the JSON form of WriteJSON to b, indented:
// the bytes of json.Indent(b, AppendJSON(nil, f), prefix, indent), in
// one pass (the data files are indented).
func AppendJSONIndent(b []byte, f Frame, prefix, indent string) []byte {
	newline := func(b []byte, depth int) []byte {
		b = append(b, '\n')
		b = append(b, prefix...)
		for range depth {
			b = append(b, indent...)
		}
		return b
	}
	if len(f.Records) == 0 {
		return append(b, "[]"...)
	}
	b = append(b, '[')
	for r, rec := range f.Records {
		if r > 0 {
			b = append(b, ',')
		}
		b = newline(b, 1)
		if len(f.Fields) == 0 {
			b = append(b, "{}"...)
			continue
		}
		b = append(b, '{')
		for i, name := range f.Fields {
			if i > 0 {
				b = append(b, ',')
			}
			b = newline(b, 2)
			b = appendJSONString(b, name)
			b = append(b, ':', ' ')
			b = f.appendJSONValue(b, rec, i)
		}
		b = newline(b, 1)
		b = append(b, '}')
	}
	b = newline(b, 0)
	return append(b, ']')
}

// appendJSONValue appends the value of field i of the record rec: null
// when empty, a number in a numeric field, a string otherwise.
func (f Frame) appendJSONValue(b []byte, rec []string, i int) []byte {
	var v string
	if i < len(rec) {
		v = rec[i]
	}
	switch {
	case v == "":
		return append(b, "null"...)
	case i < len(f.Numeric) && f.Numeric[i] && IsNumber(v) && !leadingZero(v):
		return append(b, v...)
	}
	return appendJSONString(b, v)
}

// leadingZero reports a number such as "05" that JSON does not allow.
func leadingZero(v string) bool {
	v = strings.TrimPrefix(v, "-")
	return len(v) > 1 && v[0] == '0' && v[1] != '.'
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string: quotes, backslashes and
// control characters escaped, invalid UTF-8 replaced by U+FFFD, and < > &
// and the line separators escaped as encoding/json does.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, "\\ufffd"...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
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
