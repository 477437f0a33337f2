package pipeline

import (
	"bytes"
	"encoding/json"
	"testing"

	"pkportal/functions/reportdata"
	"pkportal/functions/reportpack"
	"pkportal/ingest"
)

// The functions embed the reports at build time; the committed copy must
// be what the sources give today, or the functions serve stale data.
// To refresh: go run ./generator build -functions-data functions/reportdata/reports.pack
func TestFunctionsDataIsCurrent(t *testing.T) {
	rs, err := ingest.ParseDir("../../sources")
	if err != nil {
		t.Fatal(err)
	}
	var fresh bytes.Buffer
	if err := reportpack.Write(&fresh, rs); err != nil {
		t.Fatal(err)
	}
	p, err := reportpack.Open(fresh.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want, err := p.All()
	if err != nil {
		t.Fatal(err)
	}
	got, err := reportdata.Load()
	if err != nil {
		t.Fatalf("%v (refresh with go run ./generator build -functions-data functions/reportdata/reports.pack)", err)
	}
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if !bytes.Equal(a, b) {
		t.Error("functions/reportdata/reports.pack is stale: run go run ./generator build -functions-data functions/reportdata/reports.pack")
	}
}
