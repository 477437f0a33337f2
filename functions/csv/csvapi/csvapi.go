// Package csvapi is the handler of the CSV function (/api/csv): custom
// downloads of the datasets of the reports (tables, results frameworks,
// variances, follow-up) as CSV, TSV, JSON or XLSX.
//
// It serves the reports of a Source; the Lambda binary gives it the pack
// embedded at build time (a report decoded when a request first names
// it; a Handler keeps at most 64 decoded: maxEntries), `generator serve`
// the reports it just built. It must not link Hugo or the generator.
//
// Every request it cannot answer gets a 4xx with a message that names the
// parameter and the accepted values; it never answers 5xx.
package csvapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"

	"pkportal/charts"
	"pkportal/csvout"
	"pkportal/functions/lambdahttp"
	"pkportal/report"
)

// MaxBody is the largest answer the handler sends, in bytes. Lambda
// answers at most 6 MB of JSON, in which the body is escaped (or base64
// for XLSX): a larger answer would fail at the gateway as a 5xx, so the
// handler answers 413 instead.
const MaxBody = 4 << 20

// CacheControl is the Cache-Control of a successful answer: the data
// changes only with a new build, so an hour in any cache, and a day more
// while the cache revalidates.
const CacheControl = "public, max-age=3600, stale-while-revalidate=86400"

// Handler answers /api/csv requests.
type Handler struct {
	src   Source
	slugs []string // sorted
	// the reports in use, with their datasets: at most maxEntries, the
	// least recently asked for dropped first
	mu      sync.Mutex
	entries map[string]*entry
	recent  []string // slugs of entries, least recently asked for first
}

// Source gives a Handler its reports: every slug up front, a report when
// a request first names it (reportpack.Pack decodes it then).
type Source interface {
	Slugs() []string
	Report(slug string) (*report.Report, error)
}

// maxEntries is the most reports a Handler keeps decoded, with their
// datasets and workbooks: its memory does not grow with the reports it
// serves.
const maxEntries = 64

// MaxReports is the most reports one request may name.
const MaxReports = 50

// entry is a report with its datasets, computed once.
type entry struct {
	r        *report.Report
	datasets []csvout.Dataset
	byID     map[string]int
	ids      []string // accepted values of table for this report
	// xlsx keeps the workbook of each dataset once made: a workbook
	// costs milliseconds of fixed work, and there are as many as datasets.
	xlsx sync.Map // dataset id → []byte
}

// Kinds are the values of the table parameter that stand for several
// datasets of a report.
var Kinds = map[string]func(d csvout.Dataset) bool{
	"all":        func(csvout.Dataset) bool { return true },
	"tables":     func(d csvout.Dataset) bool { return d.Kind == "table" },
	"indicators": func(d csvout.Dataset) bool { return d.Kind == "indicators" },
	"outputs":    func(d csvout.Dataset) bool { return d.Kind == "outputs" },
}

var kindNames = []string{"all", "tables", "indicators", "outputs"}

// Params are the accepted query parameters.
var Params = []string{"report", "table", "columns", "row_type", "format", "delimiter", "decimal", "bom"}

// Formats are the accepted values of the format parameter.
var Formats = []string{"csv", "tsv", "json", "xlsx"}

// RowTypes are the accepted values of the row_type parameter.
var RowTypes = []string{report.RowItem, report.RowSubtotal, report.RowTotal, report.RowHeading, report.RowDeduction}

// tidy are the fields that a combined answer starts with.
var tidy = []string{"report", "period", "table"}

// New returns a handler over the given reports.
func New(reports []*report.Report) *Handler { return NewFrom(Reports(reports)) }

// NewFrom returns a handler over the reports of src.
func NewFrom(src Source) *Handler {
	h := &Handler{src: src, slugs: slices.Clone(src.Slugs()), entries: map[string]*entry{}}
	sort.Strings(h.slugs)
	return h
}

// Reports is a Source of reports in memory.
func Reports(rs []*report.Report) Source {
	m := reportMap{}
	for _, r := range rs {
		m[r.Slug] = r
	}
	return m
}

type reportMap map[string]*report.Report

func (m reportMap) Slugs() []string {
	var out []string
	for s := range m {
		out = append(out, s)
	}
	return out
}

func (m reportMap) Report(slug string) (*report.Report, error) {
	if r, ok := m[slug]; ok {
		return r, nil
	}
	return nil, fmt.Errorf("no report %s", slug)
}

// entry returns the report with the given slug and its datasets, made
// when it is first asked for; false when the handler has no such report.
func (h *Handler) entry(slug string) (*entry, bool, error) {
	if _, ok := slices.BinarySearch(h.slugs, slug); !ok {
		return nil, false, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if e, ok := h.entries[slug]; ok {
		i := slices.Index(h.recent, slug)
		h.recent = append(slices.Delete(h.recent, i, i+1), slug)
		return e, true, nil
	}
	r, err := h.src.Report(slug)
	if err != nil {
		return nil, true, err
	}
	e := &entry{r: r, datasets: csvout.Datasets(r), byID: map[string]int{}}
	for _, t := range charts.Tables(r, r.Language) { // the data files' chart-* too
		e.datasets = append(e.datasets, csvout.ChartDataset(t))
	}
	e.ids = append(e.ids, kindNames...)
	for i, d := range e.datasets {
		e.byID[d.ID] = i
		e.ids = append(e.ids, d.ID)
	}
	if len(h.recent) >= maxEntries {
		delete(h.entries, h.recent[0])
		h.recent = slices.Delete(h.recent, 0, 1)
	}
	h.entries[slug] = e
	h.recent = append(h.recent, slug)
	return e, true, nil
}

// request is a parsed and checked query.
type request struct {
	entries []*entry
	parts   []part
	// tableArgs are the values of table, lower-cased, once each.
	tableArgs []string
	columns   []string
	rowTypes  map[string]bool
	format    string
	opts      csvout.Options
	name      string
}

// part is one dataset of one report in the answer.
type part struct {
	e *entry
	d *csvout.Dataset
}

// badRequest is an error whose message is for the reader.
type badRequest struct {
	status int
	msg    string
}

func (e *badRequest) Error() string { return e.msg }

func bad(format string, a ...any) error {
	return &badRequest{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

// ServeHTTP answers GET and HEAD requests with the parameters:
//
//   - report: a report slug such as a-76-564 (or its symbol A/76/564), or
//     several separated by commas;
//   - table: a dataset id such as iii-a or ea-2-1-indicators, several, or a
//     kind: all, tables, indicators, outputs;
//   - columns: the fields to keep, in order (report, period and table
//     included);
//   - row_type: item, subtotal, total, heading, deduction, or several, to
//     keep those rows of hierarchical tables (row_type=item adds up to the
//     table's total without double counting; a deduction, staff assessment
//     income, is subtracted from the gross amount to give the net amount);
//   - format: csv (default), tsv, json or xlsx;
//   - delimiter: comma, semicolon, tab or pipe (csv only);
//   - decimal: point or comma (csv and tsv; comma makes the default
//     delimiter a semicolon);
//   - bom: 1 to start a CSV or TSV with a byte order mark for Excel.
//
// Several reports or datasets come as one tidy table that starts with the
// report, period and table fields. Text cells of CSV and TSV that a
// spreadsheet would read as a formula are neutralised; numbers stay
// numbers. The answer has an ETag and answers If-None-Match with 304.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		lambdahttp.Error(w, http.StatusMethodNotAllowed, "method not allowed: use GET")
		return
	}
	req, err := h.parse(r.URL.RawQuery)
	if err != nil {
		status := http.StatusBadRequest
		if b, ok := err.(*badRequest); ok {
			status = b.status
		}
		lambdahttp.Error(w, status, err.Error())
		return
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := req.write(buf); err != nil {
		lambdahttp.Error(w, http.StatusBadRequest, "the answer could not be written: "+err.Error())
		return
	}
	if buf.Len() > MaxBody {
		lambdahttp.Error(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("the answer would be %d bytes, over the %d a function may send: ask for fewer reports or tables, or fewer columns", buf.Len(), MaxBody))
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	etag := `"` + hex.EncodeToString(sum[:16]) + `"`
	hd := w.Header()
	lambdahttp.SetSecurityHeaders(hd)
	hd.Set("Cache-Control", CacheControl)
	hd.Set("ETag", etag)
	hd.Set("Vary", "Accept-Encoding")
	hd.Set("Access-Control-Allow-Origin", "*")
	if etagMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	hd.Set("Content-Type", contentTypes[req.format])
	hd.Set("Content-Disposition", `attachment; filename="`+req.name+`"`)
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(buf.Bytes())
	}
}

var contentTypes = map[string]string{
	"csv":  "text/csv; charset=utf-8",
	"tsv":  "text/tab-separated-values; charset=utf-8",
	"json": "application/json; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer { return buffers.Get().(*bytes.Buffer) }

func putBuffer(b *bytes.Buffer) {
	if b.Cap() > MaxBody*2 {
		return // let a rare huge buffer go
	}
	b.Reset()
	buffers.Put(b)
}

// etagMatch reports whether an If-None-Match header names etag (weak
// comparison, as RFC 9110 asks for If-None-Match), or is "*".
func etagMatch(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == etag {
			return true
		}
	}
	return false
}

// values splits every value of a parameter on commas, trims and drops
// empty items: table=iii-a,iii-b and table=iii-a&table=iii-b are the same.
func values(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// single returns the one value of a parameter, "" when absent.
func single(q url.Values, name string) (string, error) {
	vs := q[name]
	if len(vs) > 1 {
		return "", bad("parameter %s is given %d times: give it once", name, len(vs))
	}
	if len(vs) == 0 {
		return "", nil
	}
	return strings.TrimSpace(vs[0]), nil
}

func (h *Handler) parse(raw string) (*request, error) {
	// a bare ";" (delimiter=;) is a value, not a separator
	q, err := url.ParseQuery(strings.ReplaceAll(raw, ";", "%3B"))
	if err != nil {
		return nil, bad("malformed query string: %s", clip(err.Error()))
	}
	for k := range q {
		if !contains(Params, k) {
			return nil, bad("unknown parameter %q: accepted parameters are %s", clip(k), strings.Join(Params, ", "))
		}
	}
	req := &request{}
	if err := h.pickReports(req, values(q, "report")); err != nil {
		return nil, err
	}
	if err := req.pickTables(values(q, "table")); err != nil {
		return nil, err
	}
	if err := req.options(q); err != nil {
		return nil, err
	}
	if err := req.pickRowTypes(values(q, "row_type")); err != nil {
		return nil, err
	}
	if err := req.pickColumns(values(q, "columns")); err != nil {
		return nil, err
	}
	req.name = req.fileName()
	return req, nil
}

// clip shortens what a reader sent before it goes into a message.
func clip(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func (h *Handler) pickReports(req *request, vs []string) error {
	if len(vs) == 0 {
		return bad("missing parameter report: accepted values are %s", h.accepted())
	}
	if len(vs) > MaxReports {
		return bad("%d reports asked for: at most %d in one request", len(vs), MaxReports)
	}
	for _, v := range vs {
		e, ok, err := h.entry(report.Slug(v))
		if err != nil {
			return &badRequest{http.StatusInternalServerError, fmt.Sprintf("report %s could not be read: %v", clip(v), err)}
		}
		if !ok {
			return bad("unknown report %q: accepted values of report are %s", clip(v), h.accepted())
		}
		if !containsEntry(req.entries, e) {
			req.entries = append(req.entries, e)
		}
	}
	return nil
}

func containsEntry(es []*entry, e *entry) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

func (h *Handler) accepted() string {
	if len(h.slugs) > 20 {
		return strings.Join(h.slugs[:20], ", ") + fmt.Sprintf(" and %d more", len(h.slugs)-20)
	}
	if len(h.slugs) == 0 {
		return "(none: no report is loaded)"
	}
	return strings.Join(h.slugs, ", ")
}

func (req *request) pickTables(vs []string) error {
	if len(vs) == 0 {
		return bad("missing parameter table: accepted values are %s", strings.Join(req.entries[0].ids, ", "))
	}
	for _, v := range vs {
		if id := strings.ToLower(v); !contains(req.tableArgs, id) {
			req.tableArgs = append(req.tableArgs, id)
		}
	}
	for _, e := range req.entries {
		seen := make([]bool, len(e.datasets))
		for _, v := range vs {
			id := strings.ToLower(v)
			if match, ok := Kinds[id]; ok {
				for i := range e.datasets {
					if match(e.datasets[i]) && !seen[i] {
						seen[i] = true
						req.parts = append(req.parts, part{e, &e.datasets[i]})
					}
				}
				continue
			}
			i, ok := e.byID[id]
			if !ok {
				return bad("unknown table %q in report %s: accepted values of table are %s", clip(v), e.r.Slug, strings.Join(e.ids, ", "))
			}
			if !seen[i] {
				seen[i] = true
				req.parts = append(req.parts, part{e, &e.datasets[i]})
			}
		}
	}
	if len(req.parts) == 0 {
		return bad("table %s matches no dataset of the reports asked for", clip(strings.Join(vs, ",")))
	}
	return nil
}

func (req *request) options(q url.Values) error {
	format, err := single(q, "format")
	if err != nil {
		return err
	}
	format = strings.ToLower(format)
	if format == "" {
		format = "csv"
	}
	if !contains(Formats, format) {
		return bad("unknown format %q: accepted values of format are %s", clip(format), strings.Join(Formats, ", "))
	}
	req.format = format
	o := csvout.Options{Neutralise: true}
	if format == "tsv" {
		o.Comma = '\t'
	}
	delim, err := single(q, "delimiter")
	if err != nil {
		return err
	}
	switch strings.ToLower(delim) {
	case "":
	case "comma", ",":
		o.Comma = ','
	case "semicolon", ";":
		o.Comma = ';'
	case "tab", "\t":
		o.Comma = '\t'
	case "pipe", "|":
		o.Comma = '|'
	default:
		return bad("unknown delimiter %q: accepted values of delimiter are comma, semicolon, tab, pipe", clip(delim))
	}
	if delim != "" && format != "csv" {
		return bad("parameter delimiter applies to format=csv only, not format=%s", format)
	}
	decimal, err := single(q, "decimal")
	if err != nil {
		return err
	}
	switch strings.ToLower(decimal) {
	case "", "point":
	case "comma":
		if format != "csv" && format != "tsv" {
			return bad("decimal=comma applies to format=csv or tsv only: %s numbers are numbers", format)
		}
		o.DecimalComma = true
		if delim == "" && format == "csv" {
			o.Comma = ';'
		}
	default:
		return bad("unknown decimal %q: accepted values of decimal are point, comma", clip(decimal))
	}
	bom, err := single(q, "bom")
	if err != nil {
		return err
	}
	switch strings.ToLower(bom) {
	case "", "0", "false":
	case "1", "true":
		if format != "csv" && format != "tsv" {
			return bad("bom=1 applies to format=csv or tsv only")
		}
		o.BOM = true
	default:
		return bad("unknown bom %q: accepted values of bom are 0, 1", clip(bom))
	}
	req.opts = o
	return nil
}

// combined reports whether the answer is a tidy table of several
// datasets, with the report, period and table fields first.
func (req *request) combined() bool { return len(req.parts) > 1 }

// fields are the fields of the answer before columns picks among them:
// for several datasets, report, period and table, then the union of the
// datasets' fields in order of first appearance.
func (req *request) fields() []string {
	if !req.combined() {
		return req.parts[0].d.Frame.Fields
	}
	out := append([]string(nil), tidy...)
	for _, p := range req.parts {
		for _, f := range p.d.Frame.Fields {
			if !contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

func (req *request) pickRowTypes(vs []string) error {
	if len(vs) == 0 {
		return nil
	}
	req.rowTypes = map[string]bool{}
	for _, v := range vs {
		v = strings.ToLower(v)
		if !contains(RowTypes, v) {
			return bad("unknown row_type %q: accepted values of row_type are %s", clip(v), strings.Join(RowTypes, ", "))
		}
		req.rowTypes[v] = true
	}
	for _, p := range req.parts {
		if p.d.Frame.Index("row_type") < 0 {
			return bad("parameter row_type applies to tables with a row_type field: %s of %s has none", p.d.ID, p.e.r.Slug)
		}
	}
	return nil
}

func (req *request) pickColumns(vs []string) error {
	if len(vs) == 0 {
		return nil
	}
	all := req.fields()
	accepted := all
	if !req.combined() {
		accepted = append(append([]string(nil), tidy...), all...)
	}
	for _, v := range vs {
		if !contains(accepted, v) {
			return bad("unknown column %q: accepted values of columns are %s", clip(v), strings.Join(accepted, ", "))
		}
		if contains(req.columns, v) {
			return bad("column %q is asked for twice", v)
		}
		req.columns = append(req.columns, v)
	}
	return nil
}

// frame builds the answer's table.
func (req *request) frame() csvout.Frame {
	needTidy := req.combined()
	for _, c := range req.columns {
		if contains(tidy, c) {
			needTidy = true
		}
	}
	var f csvout.Frame
	if !needTidy && req.rowTypes == nil {
		f = req.parts[0].d.Frame // a single dataset as it is: no copy
	} else {
		f = req.join(needTidy)
	}
	if req.columns != nil {
		f = f.Select(req.columns)
	}
	return f
}

// join makes one frame of the parts, with the tidy fields first when
// asked, keeping the rows of the asked row types.
func (req *request) join(withTidy bool) csvout.Frame {
	var out csvout.Frame
	if withTidy {
		out.Fields = append(out.Fields, tidy...)
		out.Numeric = append(out.Numeric, false, false, false)
		out.Figures = append(out.Figures, false, false, false)
		out.Dates = append(out.Dates, false, false, false)
	}
	pos := map[string]int{}
	for _, p := range req.parts {
		for j, name := range p.d.Frame.Fields {
			if _, ok := pos[name]; !ok {
				pos[name] = len(out.Fields)
				out.Fields = append(out.Fields, name)
				out.Numeric = append(out.Numeric, p.d.Frame.Numeric[j])
				out.Figures = append(out.Figures, j < len(p.d.Frame.Figures) && p.d.Frame.Figures[j])
				out.Dates = append(out.Dates, j < len(p.d.Frame.Dates) && p.d.Frame.Dates[j])
			} else {
				// a date field only if a date in every table that has it
				out.Dates[pos[name]] = out.Dates[pos[name]] && j < len(p.d.Frame.Dates) && p.d.Frame.Dates[j]
				if j < len(p.d.Frame.Figures) && p.d.Frame.Figures[j] {
					out.Figures[pos[name]] = true
				}
				// a field of numbers in one table and of text in another
				// (a chart's count "completed", the outputs' "completed"
				// as printed) is text: its type cannot depend on which
				// table comes first
				if out.Numeric[pos[name]] != p.d.Frame.Numeric[j] {
					// its numbers still take a decimal comma
					out.Numeric[pos[name]], out.Figures[pos[name]] = false, true
				}
			}
		}
	}
	for _, p := range req.parts {
		fr := p.d.Frame
		rt := fr.Index("row_type")
		cols := make([]int, len(fr.Fields))
		for j, name := range fr.Fields {
			cols[j] = pos[name]
		}
		for _, rec := range fr.Records {
			if req.rowTypes != nil && (rt < 0 || rt >= len(rec) || !req.rowTypes[rec[rt]]) {
				continue
			}
			row := make([]string, len(out.Fields))
			if withTidy {
				row[0], row[1], row[2] = p.e.r.Symbol, p.e.r.Period.Label, p.d.ID
			}
			for j, v := range rec {
				row[cols[j]] = v
			}
			out.Records = append(out.Records, row)
		}
	}
	return out
}

func (req *request) write(buf *bytes.Buffer) error {
	f := req.frame()
	switch req.format {
	case "json":
		buf.Write(csvout.AppendJSON(buf.AvailableBuffer(), f))
		buf.WriteByte('\n')
		return nil
	case "xlsx":
		plain := len(req.parts) == 1 && req.columns == nil && req.rowTypes == nil
		if plain {
			if b, ok := req.parts[0].e.xlsx.Load(req.parts[0].d.ID); ok {
				buf.Write(b.([]byte))
				return nil
			}
		}
		if err := writeXLSX(buf, f, req.sheetName()); err != nil {
			return err
		}
		if plain && buf.Len() <= MaxBody {
			req.parts[0].e.xlsx.Store(req.parts[0].d.ID, bytes.Clone(buf.Bytes()))
		}
		return nil
	default:
		return csvout.Write(buf, f, req.opts)
	}
}

// fileName is a meaningful name for the download: the report's slug and
// the table's id for one dataset, e.g. a-76-564-iii-a.csv; the reports
// and the tables or kinds asked for otherwise.
func (req *request) fileName() string {
	var rs []string
	for _, e := range req.entries {
		rs = append(rs, e.r.Slug)
	}
	ts := req.tableArgs // the ids and kinds asked for, checked
	name := strings.Join(rs, "_")
	if len(rs) > 3 {
		name = fmt.Sprintf("%d-reports", len(rs))
	}
	switch {
	case len(ts) <= 3:
		name += "-" + strings.Join(ts, "_")
	default:
		name += "-" + fmt.Sprintf("%d-tables", len(ts))
	}
	if req.rowTypes != nil {
		var rt []string
		for _, t := range RowTypes {
			if req.rowTypes[t] {
				rt = append(rt, t)
			}
		}
		name += "-" + strings.Join(rt, "_")
	}
	return safeName(name) + "." + req.format
}

// safeName keeps a file name to letters, digits, - and _.
func safeName(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b[i] = '-'
		}
	}
	if len(b) > 120 {
		b = b[:120]
	}
	return string(b)
}

// sheetName is the XLSX sheet's name: the table's id for one dataset,
// "data" otherwise (at most 31 characters, as Excel wants).
func (req *request) sheetName() string {
	if len(req.parts) == 1 {
		n := req.parts[0].d.ID
		if len(n) > 31 {
			n = n[:31]
		}
		return n
	}
	return "data"
}
