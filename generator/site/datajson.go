package site

import (
	"bytes"
	"encoding/json"
	"strings"

	"pkportal/csvout"
	"pkportal/report"
)

// datasetJSON is the {id}.json twin of a dataset's CSV file: the bytes
// that json.MarshalIndent(doc, "", " ") gave of the document as a map,
// written member by member, the rows (most of the bytes) straight from
// the frame rather than encoded, compacted and indented in three passes.
func datasetJSON(r *report.Report, d csvout.Dataset) ([]byte, error) {
	o := &jsonObject{}
	o.b.Grow(1024 + 64*len(d.Frame.Records)*len(d.Frame.Fields))
	// members in the order of their keys, as a map is encoded
	if d.Kind != "chart" { // how to cite it (a chart's figures: its source's)
		o.member("citation", r.CiteTable("en", d.ID))
	}
	if d.Table != nil {
		o.member("columns", d.Table.Columns)
	}
	o.member("fields", d.Frame.Fields)
	o.member("id", d.ID)
	o.member("kind", d.Kind)
	if d.Table != nil {
		o.member("notes", d.Table.Notes)
	}
	o.member("period", r.Period.Label)
	o.member("report", r.Symbol)
	o.key("rows")
	o.b.Write(csvout.AppendJSONIndent(o.b.AvailableBuffer(), d.Frame, " ", " "))
	o.member("schema_version", report.SchemaVersion)
	if sec := datasetSection(r, d); sec != "" {
		o.member("section", sec)
	}
	o.member("title", d.Title)
	if d.Table != nil {
		o.member("unit", d.Table.Unit)
	}
	if ws := tableWarnings(r, d.ID); len(ws) > 0 {
		o.member("warnings", ws)
	}
	return o.close()
}

// datasetSection is the id of the section that prints dataset d: a
// table's, an accomplishment's component ("ii-f-2" for ea-2-1-outputs),
// section IV for the variances, VI for the follow-up; "" for a chart's.
func datasetSection(r *report.Report, d csvout.Dataset) string {
	switch {
	case d.Table != nil:
		return d.Table.Section
	case d.Kind == "variances":
		return "iv"
	case d.Kind == "follow-up":
		return "vi"
	}
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			if strings.HasPrefix(d.ID, ea.ID+"-") {
				return c.ID
			}
		}
	}
	return ""
}

// tableWarnings are the source's discrepancies (report.Warning) in the
// table id: a figure printed as the source prints it, which another of
// its figures contradicts. The dataset's files carry them, as its pages do.
func tableWarnings(r *report.Report, id string) []report.Warning {
	var out []report.Warning
	for _, w := range r.Warnings {
		if w.Table == id {
			out = append(out, w)
		}
	}
	return out
}

// jsonObject writes a JSON object as json.MarshalIndent(v, "", " ")
// lays it out, one member at a time (the caller gives them in the order
// encoding/json would: a map's keys sorted).
type jsonObject struct {
	b   bytes.Buffer
	n   int
	err error
}

// key starts a member; k must need no escaping.
func (o *jsonObject) key(k string) {
	if o.n == 0 {
		o.b.WriteByte('{')
	} else {
		o.b.WriteByte(',')
	}
	o.n++
	o.b.WriteString("\n \"")
	o.b.WriteString(k)
	o.b.WriteString("\": ")
}

// member writes the member k with the value v as encoding/json encodes
// and indents it.
func (o *jsonObject) member(k string, v any) {
	o.key(k)
	b, err := json.Marshal(v)
	if err == nil {
		o.b.Write(appendIndent(o.b.AvailableBuffer(), b, " ", " "))
	}
	if err != nil && o.err == nil {
		o.err = err
	}
}

// close ends the object and returns it with a final newline.
func (o *jsonObject) close() ([]byte, error) {
	if o.n == 0 {
		o.b.WriteString("{}")
	} else {
		o.b.WriteString("\n}")
	}
	o.b.WriteByte('\n')
	return o.b.Bytes(), o.err
}

// appendIndent appends src, compact JSON as json.Marshal writes it, to
// dst, indented: the bytes json.Indent(dst, src, prefix, indent) gives,
// five times faster (strings are copied whole, there is no whitespace to
// skip nor syntax to check). src must be valid and compact.
func appendIndent(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		switch c := src[i]; c {
		case '"':
			j := i + 1
			for {
				k := bytes.IndexByte(src[j:], '"')
				if k < 0 { // not valid JSON: copy the rest
					j = len(src) - 1
					break
				}
				j += k
				bs := 0 // backslashes before the quote: an odd count escapes it
				for bs < j-i-1 && src[j-1-bs] == '\\' {
					bs++
				}
				if bs%2 == 0 {
					break
				}
				j++
			}
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, c, src[i+1]) // {} and [] stay on one line
				i++
				continue
			}
			dst = append(dst, c)
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, c, ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}
