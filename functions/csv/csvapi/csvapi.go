// Package csvapi is the handler of the CSV function (/api/csv): custom
// downloads of the report tables as CSV, TSV or JSON.
//
// It serves the reports it is given; the Lambda binary gives it the reports
// embedded at build time, `generator serve` those it just built. It must
// not link Hugo or the generator.
package csvapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"

	"pkportal/csvout"
	"pkportal/functions/lambdahttp"
	"pkportal/report"
)

// Handler answers /api/csv requests.
type Handler struct {
	reports map[string]*report.Report // by slug
}

// New returns a handler over the given reports.
func New(reports []*report.Report) *Handler {
	h := &Handler{reports: map[string]*report.Report{}}
	for _, r := range reports {
		h.reports[r.Slug] = r
	}
	return h
}

// ServeHTTP answers GET requests with parameters report (a slug such as
// a-76-564, or several separated by commas), table (a table id, or several),
// format (csv, tsv or json), bom=1, delimiter (comma, semicolon, tab) and
// decimal (point or comma).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		lambdahttp.Error(w, http.StatusMethodNotAllowed, "method not allowed: use GET")
		return
	}
	q := r.URL.Query()
	for k := range q {
		if !knownParams[k] {
			lambdahttp.Error(w, http.StatusBadRequest, fmt.Sprintf("unknown parameter %q: accepted are %s", k, strings.Join(sortedKeys(knownParams), ", ")))
			return
		}
	}
	reports, err := h.pickReports(q.Get("report"))
	if err != nil {
		lambdahttp.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	tables, err := pickTables(reports, q.Get("table"))
	if err != nil {
		lambdahttp.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	opts, format, err := options(q.Get("format"), q.Get("delimiter"), q.Get("decimal"), q.Get("bom"))
	if err != nil {
		lambdahttp.Error(w, http.StatusBadRequest, err.Error())
		return
	}
	frame := combine(tables)
	name := fileName(reports, tables) + "." + format
	lambdahttp.SetSecurityHeaders(w.Header())
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	switch format {
	case "json":
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_ = json.NewEncoder(w).Encode(frame.Objects())
	case "tsv":
		w.Header().Set("Content-Type", "text/tab-separated-values; charset=utf-8")
		_ = csvout.Write(w, frame, opts)
	default:
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		_ = csvout.Write(w, frame, opts)
	}
}

var knownParams = map[string]bool{"report": true, "table": true, "format": true, "bom": true, "delimiter": true, "decimal": true}

type picked struct {
	report  *report.Report
	dataset csvout.Dataset
}

func (h *Handler) pickReports(v string) ([]*report.Report, error) {
	if v == "" {
		return nil, fmt.Errorf("missing parameter report: give a report slug such as %s", strings.Join(h.slugs(), ", "))
	}
	var out []*report.Report
	for _, s := range strings.Split(v, ",") {
		r, ok := h.reports[strings.ToLower(strings.TrimSpace(s))]
		if !ok {
			return nil, fmt.Errorf("unknown report %q: accepted values are %s", s, strings.Join(h.slugs(), ", "))
		}
		out = append(out, r)
	}
	return out, nil
}

func (h *Handler) slugs() []string {
	var s []string
	for k := range h.reports {
		s = append(s, k)
	}
	sort.Strings(s)
	if len(s) > 10 {
		s = append(s[:10], "…")
	}
	return s
}

// kinds name groups of datasets that table= accepts besides single ids.
var kinds = map[string]string{"indicators": "indicators", "outputs": "outputs"}

func pickTables(reports []*report.Report, v string) ([]picked, error) {
	if v == "" {
		return nil, fmt.Errorf("missing parameter table: give a table id such as iii-a, or indicators, outputs")
	}
	var out []picked
	for _, r := range reports {
		all := csvout.Datasets(r)
		for _, id := range strings.Split(v, ",") {
			id = strings.ToLower(strings.TrimSpace(id))
			n := len(out)
			for _, d := range all {
				if d.ID == id || kinds[id] == d.Kind {
					out = append(out, picked{r, d})
				}
			}
			if len(out) == n {
				ids := []string{"indicators", "outputs"}
				for _, d := range all {
					ids = append(ids, d.ID)
				}
				return nil, fmt.Errorf("unknown table %q in report %s: accepted values are %s", id, r.Slug, strings.Join(ids, ", "))
			}
		}
	}
	return out, nil
}

func options(format, delim, decimal, bom string) (csvout.Options, string, error) {
	o := csvout.Options{Neutralise: true}
	switch format {
	case "", "csv":
		format = "csv"
	case "tsv":
		o.Comma = '\t'
	case "json":
	default:
		return o, "", fmt.Errorf("unknown format %q: accepted values are csv, tsv, json", format)
	}
	switch delim {
	case "", "comma", ",":
	case "semicolon", ";":
		o.Comma = ';'
	case "tab":
		o.Comma = '\t'
	default:
		return o, "", fmt.Errorf("unknown delimiter %q: accepted values are comma, semicolon, tab", delim)
	}
	switch decimal {
	case "", "point":
	case "comma":
		if o.Comma == 0 || o.Comma == ',' {
			o.Comma = ';'
		}
		o.DecimalComma = true
	default:
		return o, "", fmt.Errorf("unknown decimal %q: accepted values are point, comma", decimal)
	}
	switch bom {
	case "", "0":
	case "1":
		o.BOM = true
	default:
		return o, "", fmt.Errorf("unknown bom %q: accepted values are 0, 1", bom)
	}
	return o, format, nil
}

// combine makes one tidy frame: a single table as it is; several tables
// with report, period and table columns first, and the union of fields.
func combine(ts []picked) csvout.Frame {
	if len(ts) == 1 {
		return ts[0].dataset.Frame
	}
	out := csvout.Frame{Fields: []string{"report", "period", "table"}, Numeric: []bool{false, false, false}}
	pos := map[string]int{}
	frames := make([]csvout.Frame, len(ts))
	for i, p := range ts {
		frames[i] = p.dataset.Frame
		for j, f := range frames[i].Fields {
			if _, ok := pos[f]; !ok {
				pos[f] = len(out.Fields)
				out.Fields = append(out.Fields, f)
				out.Numeric = append(out.Numeric, frames[i].Numeric[j])
			}
		}
	}
	for i, p := range ts {
		for _, rec := range frames[i].Records {
			row := make([]string, len(out.Fields))
			row[0], row[1], row[2] = p.report.Symbol, p.report.Period.Label, p.dataset.ID
			for j, v := range rec {
				row[pos[frames[i].Fields[j]]] = v
			}
			out.Records = append(out.Records, row)
		}
	}
	return out
}

func fileName(reports []*report.Report, ts []picked) string {
	if len(ts) == 1 {
		return reports[0].Slug + "-" + ts[0].dataset.ID
	}
	if len(reports) == 1 {
		return reports[0].Slug + "-tables"
	}
	return "pkportal-tables"
}

func sortedKeys(m map[string]bool) []string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	sort.Strings(s)
	return s
}
