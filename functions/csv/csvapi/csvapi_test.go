package csvapi

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/xuri/excelize/v2"

	"pkportal/charts"
	"pkportal/csvout"
	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/report"
)

var (
	loadOnce sync.Once
	loaded   []*report.Report
	loadErr  error
)

// reports are the embedded reports, plus a copy of the first under another
// symbol (for answers over several reports) and a small fixture with text
// cells that a spreadsheet would read as formulas.
func reports(t testing.TB) []*report.Report {
	t.Helper()
	loadOnce.Do(func() {
		loaded, loadErr = reportdata.Load()
		if loadErr != nil || len(loaded) == 0 {
			return
		}
		b, _ := json.Marshal(loaded[0])
		var cp report.Report
		if loadErr = json.Unmarshal(b, &cp); loadErr != nil {
			return
		}
		cp.Symbol, cp.Slug, cp.Period.Label = "A/77/999", "a-77-999", "2021/22"
		loaded = append(loaded, &cp, injection())
	})
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return loaded
}

func injection() *report.Report {
	return &report.Report{
		SchemaVersion: report.SchemaVersion, Symbol: "A/99/1", Slug: "a-99-1", Language: "fr",
		Period: report.Period{Label: "2020/21"},
		Tables: []*report.Table{{
			ID: "iii-d", Title: "Autres produits",
			Columns: []report.Column{{Key: "amount", Type: "number"}, {Key: "remark", Type: "string"}},
			Rows: []report.Row{
				{Label: "=HYPERLINK(\"http://x\",\"clic\")", Type: report.RowItem, Cells: []report.Cell{{Num: "-9444.2"}, {Text: "-5"}}},
				{Label: "+1+cmd|' /C calc'!A0", Type: report.RowItem, Cells: []report.Cell{{Num: "12"}, {Text: "@SUM(A1)"}}},
				{Label: "\tTab", Type: report.RowItem, Cells: []report.Cell{{Num: "0.5"}, {Text: "\rCR"}}},
				{Label: "-moins", Type: report.RowTotal, Cells: []report.Cell{{Num: "-1"}, {Text: "texte"}}},
			},
		}},
	}
}

var (
	handlerOnce sync.Once
	handler     *Handler
)

func testHandler(t testing.TB) *Handler {
	rs := reports(t)
	handlerOnce.Do(func() { handler = New(rs) })
	return handler
}

// get answers a raw query string, with optional request headers in pairs.
func get(t testing.TB, query string, headers ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/api/csv", RawQuery: query}, Header: http.Header{}}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	rec := httptest.NewRecorder()
	testHandler(t).ServeHTTP(rec, req)
	return rec
}

func ok(t *testing.T, query string) *httptest.ResponseRecorder {
	t.Helper()
	rec := get(t, query)
	if rec.Code != 200 {
		t.Fatalf("%s: status %d: %s", query, rec.Code, rec.Body)
	}
	return rec
}

func parseCSV(t *testing.T, body string, comma rune) [][]string {
	t.Helper()
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(body, "\ufeff")))
	r.Comma = comma
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestTableAsCSV(t *testing.T) {
	rec := ok(t, "report=a-76-564&table=iii-a")
	h := rec.Header()
	if ct := h.Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := h.Get("Content-Disposition"); cd != `attachment; filename="a-76-564-iii-a.csv"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	for k, want := range map[string]string{"Cache-Control": CacheControl, "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'"} {
		if !strings.HasPrefix(h.Get(k), want) {
			t.Errorf("%s %q", k, h.Get(k))
		}
	}
	if !strings.HasPrefix(h.Get("ETag"), `"`) {
		t.Errorf("ETag %q", h.Get("ETag"))
	}
	recs := parseCSV(t, rec.Body.String(), ',')
	if got := strings.Join(recs[0], ","); got != "label,group,row_type,apportionment,expenditure,variance_amount,variance_percent" {
		t.Errorf("header %s", got)
	}
	found := false
	for _, r := range recs {
		if r[0] == "Police des Nations Unies" {
			found = true
			if r[3] != "11501.5" || r[4] != "14015.2" || r[5] != "-2513.7" || r[6] != "-21.9" {
				t.Errorf("Police des Nations Unies row: %v", r)
			}
		}
	}
	if !found {
		t.Error("no row for Police des Nations Unies")
	}
}

// Every dataset of the embedded report comes back exactly as the model
// flattens it (text cells neutralised, numbers untouched).
func TestEveryDatasetParsesBack(t *testing.T) {
	r := reports(t)[0]
	ds := csvout.Datasets(r)
	if len(ds) < 40 {
		t.Fatalf("only %d datasets", len(ds))
	}
	for _, d := range ds {
		recs := parseCSV(t, ok(t, "report="+r.Slug+"&table="+d.ID).Body.String(), ',')
		if !slices.Equal(recs[0], d.Frame.Fields) {
			t.Errorf("%s: header %v, want %v", d.ID, recs[0], d.Frame.Fields)
		}
		if len(recs)-1 != len(d.Frame.Records) {
			t.Fatalf("%s: %d records, want %d", d.ID, len(recs)-1, len(d.Frame.Records))
		}
		for i, want := range d.Frame.Records {
			for j, v := range want {
				if !d.Frame.Numeric[j] {
					v = csvout.Neutralise(v)
				}
				if recs[i+1][j] != v {
					t.Errorf("%s row %d %s: %q, want %q", d.ID, i, d.Frame.Fields[j], recs[i+1][j], v)
				}
			}
		}
	}
}

func TestSpreadsheetOptions(t *testing.T) {
	body := ok(t, "report=a-76-564&table=iii-a&decimal=comma&bom=1").Body.String()
	if !strings.HasPrefix(body, "\ufefflabel;group;row_type;") {
		t.Errorf("expected a BOM and semicolons, got %q", body[:40])
	}
	if !strings.Contains(body, ";-2513,7;") {
		t.Error("decimal comma not applied to -2513.7")
	}
	for q, comma := range map[string]rune{
		"delimiter=semicolon": ';', "delimiter=tab": '\t', "delimiter=pipe": '|', "delimiter=%3B": ';', "delimiter=;": ';',
		"format=tsv": '\t', "format=tsv&decimal=comma": '\t', "delimiter=comma&decimal=comma": ',',
	} {
		rec := ok(t, "report=a-76-564&table=iii-a&"+q)
		recs := parseCSV(t, rec.Body.String(), comma)
		if len(recs[0]) != 7 {
			t.Errorf("%s: header %q", q, recs[0])
		}
		want := "-2513.7"
		if strings.Contains(q, "decimal=comma") {
			want = "-2513,7"
		}
		if !slices.ContainsFunc(recs, func(r []string) bool { return r[5] == want }) {
			t.Errorf("%s: no %s", q, want)
		}
		if strings.Contains(q, "tsv") && !strings.HasSuffix(rec.Header().Get("Content-Disposition"), `.tsv"`) {
			t.Errorf("%s: %s", q, rec.Header().Get("Content-Disposition"))
		}
	}
}

func TestNeutralisation(t *testing.T) {
	recs := parseCSV(t, ok(t, "report=a-99-1&table=iii-d").Body.String(), ',')
	want := [][]string{
		{"label", "group", "row_type", "amount", "remark"},
		{"'=HYPERLINK(\"http://x\",\"clic\")", "", "item", "-9444.2", "-5"},
		{"'+1+cmd|' /C calc'!A0", "", "item", "12", "'@SUM(A1)"},
		{"'\tTab", "", "item", "0.5", "'\rCR"},
		{"'-moins", "", "total", "-1", "texte"},
	}
	// encoding/csv reads a quoted \r as \n? It keeps it inside quotes.
	if len(recs) != len(want) {
		t.Fatalf("records %q", recs)
	}
	for i := range want {
		for j := range want[i] {
			got := strings.ReplaceAll(recs[i][j], "\n", "\r")
			if got != want[i][j] {
				t.Errorf("row %d field %d: %q, want %q", i, j, recs[i][j], want[i][j])
			}
		}
	}
	// JSON keeps the values as they are: programs read it, not spreadsheets.
	var rows []map[string]any
	if err := json.Unmarshal(ok(t, "report=a-99-1&table=iii-d&format=json").Body.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	if rows[0]["label"] != "=HYPERLINK(\"http://x\",\"clic\")" || rows[0]["amount"] != -9444.2 {
		t.Errorf("json row %v", rows[0])
	}
}

func TestJSONAndSeveralTables(t *testing.T) {
	rec := ok(t, "report=a-76-564&table=iii-d,iii-f&format=json")
	if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.Contains(cd, `filename="a-76-564-iii-d_iii-f.json"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	// keys in field order, numbers as numbers
	if !strings.HasPrefix(rec.Body.String(), `[{"report":"A/76/564","period":"2020/21","table":"iii-d","label":`) {
		t.Errorf("json starts %q", rec.Body.String()[:80])
	}
	var rows []map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &rows); err != nil {
		t.Fatal(err)
	}
	tables := map[any]int{}
	for _, r := range rows {
		tables[r["table"]]++
		if r["report"] != "A/76/564" || r["period"] != "2020/21" {
			t.Fatalf("row without report or period: %v", r)
		}
		if v, ok := r["amount"]; ok && v != nil {
			if _, isNum := v.(float64); !isNum {
				t.Errorf("amount %v is not a number", v)
			}
		}
	}
	d, _ := csvout.DatasetByID(reports(t)[0], "iii-d")
	f, _ := csvout.DatasetByID(reports(t)[0], "iii-f")
	if tables["iii-d"] != len(d.Frame.Records) || tables["iii-f"] != len(f.Frame.Records) {
		t.Errorf("rows per table: %v", tables)
	}
}

// A field of numbers in one table and of text in another is text in a
// download of both, whichever comes first (the chart's count "completed",
// the outputs' "completed" as printed: the outputs' "35" came out a number
// beside "Oui", or the chart's counts strings, by the order of the tables);
// alone, each keeps its type.
func TestFieldTypeWhateverTheOrder(t *testing.T) {
	kinds := func(q string) map[string]bool { // the JSON types of "completed"
		var rows []map[string]any
		if err := json.Unmarshal(ok(t, q).Body.Bytes(), &rows); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			switch r["completed"].(type) {
			case float64:
				seen["number"] = true
			case string:
				seen["string"] = true
			}
		}
		return seen
	}
	for _, q := range []string{"table=chart-output-delivery,ea-1-1-outputs", "table=ea-1-1-outputs,chart-output-delivery", "table=all"} {
		if got := kinds("report=a-76-564&format=json&" + q); got["number"] || !got["string"] {
			t.Errorf("%s: completed is %v, want strings only", q, got)
		}
	}
	if got := kinds("report=a-76-564&format=json&table=chart-output-delivery"); !got["number"] || got["string"] {
		t.Errorf("chart-output-delivery alone: completed is %v, want numbers", got)
	}
}

// A chart's data, a file of the data package, is served as the file is.
func TestChartData(t *testing.T) {
	r := reports(t)[0]
	tables := charts.Tables(r, r.Language)
	if len(tables) < 4 {
		t.Fatalf("%d charts' data", len(tables))
	}
	for _, tb := range tables {
		var want bytes.Buffer
		if err := csvout.Write(&want, csvout.ChartDataset(tb).Frame, csvout.Options{}); err != nil {
			t.Fatal(err)
		}
		if rec := ok(t, "report=a-76-564&table="+tb.ID); rec.Body.String() != want.String() {
			t.Errorf("table=%s:\n%s\nwant\n%s", tb.ID, rec.Body.String(), want.String())
		}
	}
}

func TestKinds(t *testing.T) {
	r := reports(t)[0]
	var nInd, nOut, nAll int
	for _, d := range csvout.Datasets(r) {
		switch d.Kind {
		case "indicators":
			nInd += len(d.Frame.Records)
		case "outputs":
			nOut += len(d.Frame.Records)
		}
		nAll += len(d.Frame.Records)
	}
	for _, tb := range charts.Tables(r, r.Language) { // the data files' chart-* are served too
		nAll += len(csvout.ChartDataset(tb).Frame.Records)
	}
	for q, n := range map[string]int{"indicators": nInd, "outputs": nOut, "all": nAll, "indicators,ea-1-1-indicators": nInd} {
		rec := ok(t, "report=a-76-564&table="+q)
		recs := parseCSV(t, rec.Body.String(), ',')
		if len(recs)-1 != n {
			t.Errorf("table=%s: %d rows, want %d", q, len(recs)-1, n)
		}
		if !slices.Equal(recs[0][:3], []string{"report", "period", "table"}) {
			t.Errorf("table=%s: header %v", q, recs[0])
		}
	}
	if nInd < 90 || nOut < 200 {
		t.Errorf("%d indicators, %d output rows", nInd, nOut)
	}
	recs := parseCSV(t, ok(t, "report=a-76-564&table=indicators").Body.String(), ',')
	st := slices.Index(recs[0], "status")
	counts := map[string]int{}
	for _, r := range recs[1:] {
		counts[r[st]]++
	}
	if counts[report.StatusAchieved] == 0 || counts[report.StatusNotAssessable] == 0 {
		t.Errorf("statuses %v", counts)
	}
	for q, name := range map[string]string{
		"report=a-76-564&table=outputs":                        "a-76-564-outputs.csv",
		"report=a-76-564&table=all&format=xlsx":                "a-76-564-all.xlsx",
		"report=a-76-564,a-77-999&table=IV&format=json":        "a-76-564_a-77-999-iv.json",
		"report=a-76-564&table=iii-a,iii-b,iii-d,iii-f":        "a-76-564-4-tables.csv",
		"report=a-76-564&table=iii-a&row_type=item&format=tsv": "a-76-564-iii-a-item.tsv",
	} {
		if cd := ok(t, q).Header().Get("Content-Disposition"); cd != `attachment; filename="`+name+`"` {
			t.Errorf("%s: Content-Disposition %q, want %s", q, cd, name)
		}
	}
}

func TestSeveralReports(t *testing.T) {
	recs := parseCSV(t, ok(t, "report=a-76-564,A/77/999&table=iii-a&row_type=total").Body.String(), ',')
	n := len(recs)
	if n < 3 || n%2 != 1 || recs[1][0] != "A/76/564" || recs[n-1][0] != "A/77/999" || recs[n-1][1] != "2021/22" || recs[1][2] != "iii-a" || recs[1][5] != "total" {
		t.Errorf("records %q", recs)
	}
	// the same report twice is once
	recs2 := parseCSV(t, ok(t, "report=a-76-564&report=a-76-564&table=iii-a").Body.String(), ',')
	one := parseCSV(t, ok(t, "report=a-76-564&table=iii-a").Body.String(), ',')
	if len(recs2) != len(one) {
		t.Errorf("duplicate report: %d rows, want %d", len(recs2), len(one))
	}
}

func TestColumnsAndRowType(t *testing.T) {
	recs := parseCSV(t, ok(t, "report=a-76-564&table=iii-a&columns=label,expenditure&row_type=item").Body.String(), ',')
	if !slices.Equal(recs[0], []string{"label", "expenditure"}) {
		t.Errorf("header %v", recs[0])
	}
	all := parseCSV(t, ok(t, "report=a-76-564&table=iii-a").Body.String(), ',')
	var items int
	for _, r := range all[1:] {
		if r[2] == "item" {
			items++
		}
		if r[2] == "subtotal" && slices.ContainsFunc(recs, func(x []string) bool { return x[0] == r[0] && r[0] != "" && x[1] == r[4] }) {
			t.Errorf("subtotal %q kept", r[0])
		}
	}
	if items == 0 || len(recs)-1 != items {
		t.Errorf("%d rows, want the %d items", len(recs)-1, items)
	}
	// tidy columns can be asked of a single table too
	recs = parseCSV(t, ok(t, "report=a-76-564&table=iii-a&columns=report,period,label&row_type=total,subtotal").Body.String(), ',')
	if !slices.Equal(recs[0], []string{"report", "period", "label"}) || recs[1][0] != "A/76/564" {
		t.Errorf("records %q", recs[:2])
	}
	for _, r := range recs[1:] {
		if r[2] == "" {
			t.Errorf("row %q", r)
		}
	}
}

// TestItemsAddUpToTotal: row_type=item of III.A adds up, column by column,
// to its final Total row (DESIGN.md, "Data contract"); staff assessment
// income, subtracted from the gross amount, is row_type=deduction.
func TestItemsAddUpToTotal(t *testing.T) {
	const cols = "label,apportionment,expenditure,variance_amount"
	units := func(s string) int64 {
		t.Helper()
		if s == "" {
			return 0 // the source's dash for nil
		}
		n, err := report.Decimal(s).Units(3)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	items := parseCSV(t, ok(t, "report=a-76-564&table=iii-a&row_type=item&columns="+cols).Body.String(), ',')
	totals := parseCSV(t, ok(t, "report=a-76-564&table=iii-a&row_type=total&columns="+cols).Body.String(), ',')
	if len(items) < 3 || len(totals) < 2 {
		t.Fatalf("items %q, totals %q", items, totals)
	}
	total := totals[len(totals)-1]
	if total[0] != "Total" {
		t.Fatalf("last total row %q", total)
	}
	for k := 1; k < len(items[0]); k++ {
		var sum int64
		for _, r := range items[1:] {
			sum += units(r[k])
		}
		if want := units(total[k]); sum != want {
			t.Errorf("%s: the items add up to %s, the Total row is %s", items[0][k], report.FromUnits(sum, 3), report.FromUnits(want, 3))
		}
	}
	ded := parseCSV(t, ok(t, "report=a-76-564&table=iii-a&row_type=deduction&columns=label,row_type,apportionment").Body.String(), ',')
	if want := [][]string{{"label", "row_type", "apportionment"}, {"Recettes provenant des contributions du personnel", "deduction", "17365.3"}}; !slices.EqualFunc(ded, want, slices.Equal) {
		t.Errorf("row_type=deduction: got %q, want %q", ded, want)
	}
}

func TestXLSXThroughLambda(t *testing.T) {
	res := lambdahttp.Serve(context.Background(), testHandler(t), events.APIGatewayProxyRequest{
		HTTPMethod: "GET", Path: "/.netlify/functions/csv",
		QueryStringParameters: map[string]string{"report": "a-76-564", "table": "iii-a", "format": "xlsx"},
	})
	if res.StatusCode != 200 || !res.IsBase64Encoded {
		t.Fatalf("status %d, base64 %v: %.200s", res.StatusCode, res.IsBase64Encoded, res.Body)
	}
	if ct := res.Headers["Content-Type"]; ct != contentTypes["xlsx"] {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Headers["Content-Disposition"]; cd != `attachment; filename="a-76-564-iii-a.xlsx"` {
		t.Errorf("Content-Disposition %q", cd)
	}
	b, err := base64.StdEncoding.DecodeString(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if sheets := x.GetSheetList(); len(sheets) != 1 || sheets[0] != "iii-a" {
		t.Errorf("sheets %v", sheets)
	}
	rows, err := x.GetRows("iii-a")
	if err != nil {
		t.Fatal(err)
	}
	d, _ := csvout.DatasetByID(reports(t)[0], "iii-a")
	if !slices.Equal(rows[0], d.Frame.Fields) || len(rows)-1 != len(d.Frame.Records) {
		t.Fatalf("header %v, %d rows", rows[0], len(rows)-1)
	}
	for i, rec := range d.Frame.Records {
		for j, v := range rec {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
			typ, _ := x.GetCellType("iii-a", cell)
			got, _ := x.GetCellValue("iii-a", cell, excelize.Options{RawCellValue: true})
			if v == "" {
				if got != "" {
					t.Errorf("%s: %q, want blank", cell, got)
				}
				continue
			}
			if d.Frame.Numeric[j] {
				if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || got != v && got+".0" != v && !sameNumber(got, v) {
					t.Errorf("%s: %q (type %v), want the number %s", cell, got, typ, v)
				}
			} else if got != v {
				t.Errorf("%s: %q, want %q", cell, got, v)
			}
		}
	}
	style, _ := x.GetCellStyle("iii-a", "A1")
	if st, err := x.GetStyle(style); err != nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header not bold: %v %v", st, err)
	}
}

// III.E's factors' dates are date cells in a workbook, shown as the CSV
// writes them (they were text: a spreadsheet could not sort or count
// by them as dates), alone and among other tables.
func TestXLSXDates(t *testing.T) {
	for _, q := range []string{"report=a-76-564&table=iii-e-factors&format=xlsx", "report=a-76-564&table=iii-e-factors,iii-a&format=xlsx"} {
		x, err := excelize.OpenReader(bytes.NewReader(ok(t, q).Body.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		sheet := x.GetSheetList()[0]
		rows, _ := x.GetRows(sheet)
		col := slices.Index(rows[0], "effective_date")
		if col < 0 {
			t.Fatalf("%s: no effective_date in %v", q, rows[0])
		}
		dates := 0
		for r := 1; r < len(rows); r++ {
			cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
			shown, _ := x.GetCellValue(sheet, cell)
			if shown == "" {
				continue
			}
			raw, _ := x.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
			if _, err := strconv.ParseFloat(raw, 64); err != nil || len(shown) != 10 || shown[4] != '-' {
				t.Errorf("%s %s: shown %q, stored %q: want a date cell shown YYYY-MM-DD", q, cell, shown, raw)
			}
			dates++
		}
		if dates == 0 {
			t.Errorf("%s: no date", q)
		}
	}
}

func sameNumber(a, b string) bool {
	var x, y float64
	if json.Unmarshal([]byte(a), &x) != nil || json.Unmarshal([]byte(b), &y) != nil {
		return false
	}
	return x == y
}

func TestXLSXSeveralTables(t *testing.T) {
	rec := ok(t, "report=a-76-564&table=all&format=xlsx")
	x, err := excelize.OpenReader(bytes.NewReader(rec.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if sheets := x.GetSheetList(); len(sheets) != 1 || sheets[0] != "data" {
		t.Errorf("sheets %v", sheets)
	}
	rows, _ := x.GetRows("data")
	recs := parseCSV(t, ok(t, "report=a-76-564&table=all").Body.String(), ',')
	if len(rows) != len(recs) || !slices.Equal(rows[0], recs[0]) {
		t.Errorf("%d rows, want %d", len(rows), len(recs))
	}
}

func TestETagAndCaching(t *testing.T) {
	first := ok(t, "report=a-76-564&table=iii-a")
	etag := first.Header().Get("ETag")
	again := ok(t, "report=a-76-564&table=iii-a")
	if again.Header().Get("ETag") != etag {
		t.Errorf("ETag changes between requests: %s, %s", etag, again.Header().Get("ETag"))
	}
	if other := ok(t, "report=a-76-564&table=iii-a&bom=1").Header().Get("ETag"); other == etag {
		t.Error("same ETag for another answer")
	}
	for _, inm := range []string{etag, "W/" + etag, `"x", ` + etag, "*"} {
		rec := get(t, "report=a-76-564&table=iii-a", "If-None-Match", inm)
		if rec.Code != http.StatusNotModified || rec.Body.Len() != 0 || rec.Header().Get("ETag") != etag {
			t.Errorf("If-None-Match %s: status %d, %d bytes", inm, rec.Code, rec.Body.Len())
		}
	}
	if rec := get(t, "report=a-76-564&table=iii-a", "If-None-Match", `"other"`); rec.Code != 200 {
		t.Errorf("other ETag: status %d", rec.Code)
	}
	// xlsx answers are stable too
	x1 := ok(t, "report=a-76-564&table=iii-a&format=xlsx").Header().Get("ETag")
	x2 := ok(t, "report=a-76-564&table=iii-a&format=xlsx").Header().Get("ETag")
	if x1 != x2 {
		t.Errorf("xlsx ETag changes: %s %s", x1, x2)
	}
}

func TestHeadAndMethods(t *testing.T) {
	req := &http.Request{Method: http.MethodHead, URL: &url.URL{Path: "/api/csv", RawQuery: "report=a-76-564&table=iii-a"}, Header: http.Header{}}
	rec := httptest.NewRecorder()
	testHandler(t).ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("ETag") == "" {
		t.Errorf("HEAD: %d, %d bytes, ETag %q", rec.Code, rec.Body.Len(), rec.Header().Get("ETag"))
	}
	req.Method = http.MethodPost
	rec = httptest.NewRecorder()
	testHandler(t).ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
}

func TestBadRequests(t *testing.T) {
	for q, want := range map[string][]string{
		"":                                       {"report", "a-76-564"},
		"report=a-76-564":                        {"table", "iii-a", "indicators"},
		"report=a-1-1&table=iii-a":               {"report", "a-76-564"},
		"report=a-76-564&table=nope":             {"table", "iii-a", "ea-2-1-outputs", "outputs"},
		"report=a-76-564&table=iii-a&format=pdf": {"format", "csv, tsv, json, xlsx"},
		"report=a-76-564&table=iii-a&delimiter=x":               {"delimiter", "semicolon"},
		"report=a-76-564&table=iii-a&decimal=dot":               {"decimal", "point, comma"},
		"report=a-76-564&table=iii-a&bom=yes":                   {"bom", "0, 1"},
		"report=a-76-564&table=iii-a&color=red":                 {"color", "report, table, columns"},
		"report=a-76-564&table=iii-a&columns=label,nope":        {"columns", "nope", "expenditure", "report"},
		"report=a-76-564&table=iii-a&columns=label,label":       {"label"},
		"report=a-76-564&table=iii-a&row_type=sum":              {"row_type", "item, subtotal, total, heading, deduction"},
		"report=a-76-564&table=indicators&row_type=item":        {"row_type", "ea-1-1-indicators"},
		"report=a-76-564&table=iii-a&format=json&decimal=comma": {"decimal"},
		"report=a-76-564&table=iii-a&format=xlsx&bom=1":         {"bom"},
		"report=a-76-564&table=iii-a&format=tsv&delimiter=;":    {"delimiter", "csv"},
		"report=a-76-564&table=iii-a&format=csv&format=json":    {"format", "once"},
		"report=a-76-564&table=iii-a&x=%zz":                     {"malformed"},
		"report=%2C&table=iii-a":                                {"report"},
	} {
		rec := get(t, q)
		if rec.Code != 400 {
			t.Errorf("%q: status %d, want 400", q, rec.Code)
			continue
		}
		msg := rec.Body.String()
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("%q: message %q lacks %q", q, msg, w)
			}
		}
		if ct := rec.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%q: Content-Type %q", q, ct)
		}
	}
}

func TestTooLarge(t *testing.T) {
	var many []*report.Report
	base := reports(t)[0]
	for i := range 30 {
		cp := *base
		cp.Slug = base.Slug + "-" + string(rune('a'+i))
		many = append(many, &cp)
	}
	h := New(many)
	var slugs []string
	for _, r := range many {
		slugs = append(slugs, r.Slug)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, &http.Request{Method: "GET", URL: &url.URL{RawQuery: "table=all&report=" + strings.Join(slugs, ",")}, Header: http.Header{}})
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.Contains(rec.Body.String(), "fewer") {
		t.Errorf("status %d: %.200s", rec.Code, rec.Body)
	}
}

// FuzzHandler sends random query strings and If-None-Match headers: the
// handler answers 200, 304 or a 4xx, never a 5xx, and a 200 parses.
func FuzzHandler(f *testing.F) {
	for _, s := range []string{
		"report=a-76-564&table=iii-a", "report=a-76-564&table=indicators&format=json",
		"report=a-76-564,a-99-1&table=iii-d&columns=report,label,amount&row_type=item&decimal=comma&bom=1",
		"report=a-76-564&table=all&format=xlsx", "report=%zz", "table=&report=,,,", "columns=%00&report=a-99-1&table=iii-d",
		"report=a-76-564&table=iii-a&delimiter=%09&format=tsv", ";;&&==", "report=A%2F76%2F564&table=IV",
	} {
		f.Add(s, "")
	}
	f.Add("report=a-76-564&table=iii-a", "*")
	f.Fuzz(func(t *testing.T, query, inm string) {
		rec := get(t, query, "If-None-Match", inm)
		if rec.Code >= 500 {
			t.Fatalf("%q: status %d: %s", query, rec.Code, rec.Body)
		}
		if rec.Code == 200 {
			switch ct := rec.Header().Get("Content-Type"); {
			case strings.HasPrefix(ct, "application/json"):
				if !json.Valid(rec.Body.Bytes()) {
					t.Fatalf("%q: invalid JSON", query)
				}
			case strings.HasPrefix(ct, "text/csv"):
				r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(rec.Body.Bytes(), []byte("\ufeff"))))
				r.Comma, r.LazyQuotes = -1, false
				_ = r // the delimiter varies; parsing is checked in the other tests
			}
		}
	})
}

// With a decimal comma, the figures of a column that a range makes text
// (III.E's factors: 2.4 … 0.0-5.0) take the comma like the numbers around
// them, alone or with another table; dates and accomplishment numbers
// ("1.1") stay as they are.
func TestDecimalCommaInFigureText(t *testing.T) {
	for _, q := range []string{"table=iii-e-factors", "table=iii-e-factors,iii-a", "table=iii-e-factors&columns=label,percentage,effective_date"} {
		body := ok(t, "report=a-76-564&decimal=comma&"+q).Body.String()
		for _, want := range []string{";2,4;", ";0,0-5,0;", "2017-07-01"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: no %q in\n%.600s", q, want, body)
			}
		}
		if strings.Contains(body, "2.4") || strings.Contains(body, "0.0-5.0") {
			t.Errorf("%s: a figure kept its point", q)
		}
	}
	if body := ok(t, "report=a-76-564&decimal=comma&table=ea-1-1-indicators").Body.String(); !strings.Contains(body, ";1.1;") {
		t.Errorf("accomplishment number changed: %.300s", body)
	}
}
