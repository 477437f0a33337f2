package csvapi

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
)

func serve(t *testing.T, q map[string]string) events.APIGatewayProxyResponse {
	t.Helper()
	rs, err := reportdata.Load()
	if err != nil {
		t.Fatal(err)
	}
	return lambdahttp.Serve(context.Background(), New(rs), events.APIGatewayProxyRequest{
		HTTPMethod: "GET", Path: "/.netlify/functions/csv", QueryStringParameters: q,
	})
}

func TestTableAsCSV(t *testing.T) {
	res := serve(t, map[string]string{"report": "a-76-564", "table": "iii-a"})
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	if ct := res.Headers["Content-Type"]; ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := res.Headers["Content-Disposition"]; !strings.Contains(cd, `filename="a-76-564-iii-a.csv"`) {
		t.Errorf("Content-Disposition %q", cd)
	}
	recs, err := csv.NewReader(strings.NewReader(res.Body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
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

func TestSpreadsheetOptions(t *testing.T) {
	res := serve(t, map[string]string{"report": "a-76-564", "table": "iii-a", "decimal": "comma", "bom": "1"})
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	if !strings.HasPrefix(res.Body, "\ufefflabel;group;row_type;") {
		t.Errorf("expected a BOM and semicolons, got %q", res.Body[:40])
	}
	if !strings.Contains(res.Body, ";-2513,7;") {
		t.Error("decimal comma not applied to -2513.7")
	}
}

func TestJSONAndSeveralTables(t *testing.T) {
	res := serve(t, map[string]string{"report": "a-76-564", "table": "iii-d,iii-f", "format": "json"})
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(res.Body), &rows); err != nil {
		t.Fatal(err)
	}
	tables := map[any]bool{}
	for _, r := range rows {
		tables[r["table"]] = true
		if r["report"] != "A/76/564" || r["period"] != "2020/21" {
			t.Fatalf("row without report or period: %v", r)
		}
	}
	if !tables["iii-d"] || !tables["iii-f"] {
		t.Errorf("tables in answer: %v", tables)
	}
}

func TestBadRequests(t *testing.T) {
	for _, q := range []map[string]string{
		{},
		{"report": "a-76-564"},
		{"report": "a-1-1", "table": "iii-a"},
		{"report": "a-76-564", "table": "nope"},
		{"report": "a-76-564", "table": "iii-a", "format": "pdf"},
		{"report": "a-76-564", "table": "iii-a", "delimiter": "|"},
		{"report": "a-76-564", "table": "iii-a", "color": "red"},
	} {
		res := serve(t, q)
		if res.StatusCode != 400 {
			t.Errorf("%v: status %d, want 400", q, res.StatusCode)
		}
		if res.Body == "" || strings.Contains(res.Body, "<") {
			t.Errorf("%v: message %q", q, res.Body)
		}
	}
	res := serve(t, map[string]string{"report": "a-76-564", "table": "nope"})
	if !strings.Contains(res.Body, "iii-a") {
		t.Errorf("message does not list the accepted tables: %q", res.Body)
	}
}
