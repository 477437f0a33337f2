package pipeline

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"pkportal/functions/reportdata"
	"pkportal/generator/site"
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
	ix, err := search.Open(got)
	if err == nil && !slices.Equal(ix.Langs(), site.Languages) {
		// the search function's `lang` is a UI language of the site: a
		// language the site has and the index does not is a refused query
		t.Errorf("the index's UI languages %v, the site's %v", ix.Langs(), site.Languages)
	}
	if err != nil {
		if errors.Is(err, search.ErrVersion) {
			t.Fatalf("%v: refresh with %s", err, refreshIndex)
		}
		t.Fatalf("embedded search index: %v (refresh with %s)", err, refreshIndex)
	}
	rs, err := ingest.ParseDir("../../sources")
	if err != nil {
		t.Fatal(err)
	}
	want, err := search.Encode(rs, site.Languages...)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("functions/reportdata/search.idx is stale (%d bytes, the sources give %d): run %s", len(got), len(want), refreshIndex)
	}
}
