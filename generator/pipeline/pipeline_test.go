package pipeline

import (
	"bytes"
	"testing"

	"pkportal/functions/reportdata"
	"pkportal/ingest"
)

// The functions embed the reports at build time; the committed copy must
// be what the sources give today, or the functions serve stale data.
// To refresh: go run ./generator build -functions-data functions/reportdata/reports.json.gz
func TestFunctionsDataIsCurrent(t *testing.T) {
	rs, err := ingest.ParseDir("../../sources")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := reportdata.Encode(&want, rs); err != nil {
		t.Fatal(err)
	}
	wantRs, err := reportdata.Decode(want.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err := reportdata.Load()
	if err != nil {
		t.Fatalf("%v (refresh with go run ./generator build -functions-data functions/reportdata/reports.json.gz)", err)
	}
	var a, b bytes.Buffer
	_ = reportdata.Encode(&a, got)
	_ = reportdata.Encode(&b, wantRs)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("functions/reportdata/reports.json.gz is stale: run go run ./generator build -functions-data functions/reportdata/reports.json.gz")
	}
}
