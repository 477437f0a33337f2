package search

import (
	"bytes"
	"runtime"
	"testing"

	"pkportal/report"
)

// TestEncodeSameWhateverTheSplit: encode analyzes contents in batches on
// every core while it numbers them on one; the file must be the one
// numbering them in order gives, whatever the batch size and the number
// of cores (a published index is compared with a fresh one byte for byte).
func TestEncodeSameWhateverTheSplit(t *testing.T) {
	r := realReport(t)
	other := *r // a second report sharing most of its contents
	other.Symbol, other.Slug = "A/76/999", "a-76-999"
	rs := []*report.Report{r, &other}
	docs := [][]Doc{Docs(rs, "fr"), Docs(rs, "en")}
	want, err := encode(UILangs, docs, sizes{})
	if err != nil {
		t.Fatal(err)
	}
	ix, err := Open(want)
	if err != nil {
		t.Fatal(err)
	}
	if n := ix.Contents(); n < 200 || n >= analyzeBatch {
		t.Fatalf("%d distinct contents: want several batches of 100, one of %d", n, analyzeBatch)
	}
	defer func(b, procs int) { analyzeBatch = b; runtime.GOMAXPROCS(procs) }(analyzeBatch, runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		for _, b := range []int{1, 7, 100} {
			analyzeBatch = b
			got, err := encode(UILangs, [][]Doc{Docs(rs, "fr"), Docs(rs, "en")}, sizes{})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%d cores, batches of %d contents: %d bytes differ from the %d of one batch", procs, b, len(got), len(want))
			}
		}
	}
}
