package pipeline

import (
	"bytes"
	"errors"
	"testing"

	"pkportal/functions/reportdata"
	"pkportal/ingest"
	"pkportal/search"
)

const refreshIndex = "go run ./generator build -search-index functions/reportdata/search.idx"

// The search function embeds the index built at generation time; the
// committed copy must be what the sources give today, in the format
// version the search package reads, or the function serves stale results
// (or refuses to start).
func TestSearchIndexIsCurrent(t *testing.T) {
	got := reportdata.SearchIndex()
	if _, err := search.Open(got); err != nil {
		if errors.Is(err, search.ErrVersion) {
			t.Fatalf("%v: refresh with %s", err, refreshIndex)
		}
		t.Fatalf("embedded search index: %v (refresh with %s)", err, refreshIndex)
	}
	rs, err := ingest.ParseDir("../../sources")
	if err != nil {
		t.Fatal(err)
	}
	want, err := search.Encode(rs)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("functions/reportdata/search.idx is stale (%d bytes, the sources give %d): run %s", len(got), len(want), refreshIndex)
	}
}
