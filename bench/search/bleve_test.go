//go:build bleve

package searchbench_test

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/fr"
	"github.com/blevesearch/bleve/v2/mapping"

	"pkportal/search"
)

// bleveDoc is what bleve indexes of a search.Doc: the same fields our
// index searches (title, label, body) and the filters.
type bleveDoc struct {
	Title, Label, Text, Kind, Report string
}

// bleveIndex builds an on-disk bleve v2 index (scorch) of the documents in
// dir with bleve's French analyzer on the text fields.
func bleveIndex(t testing.TB, docs []search.Doc, dir string) bleve.Index {
	m := bleve.NewIndexMapping()
	m.DefaultAnalyzer = fr.AnalyzerName
	dm := mapping.NewDocumentMapping()
	for _, f := range []string{"Title", "Label", "Text"} {
		fm := mapping.NewTextFieldMapping()
		fm.Analyzer = fr.AnalyzerName
		fm.Store = false
		dm.AddFieldMappingsAt(f, fm)
	}
	m.DefaultMapping = dm
	ix, err := bleve.New(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	b := ix.NewBatch()
	for i, d := range docs {
		b.Index(fmt.Sprint(i), bleveDoc{d.Title, d.Label, d.Text, d.Kind, d.Report})
		if b.Size() >= 5000 {
			if err := ix.Batch(b); err != nil {
				t.Fatal(err)
			}
			b = ix.NewBatch()
		}
	}
	if err := ix.Batch(b); err != nil {
		t.Fatal(err)
	}
	return ix
}

func dirSize(dir string) int64 {
	var n int64
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		if fi, err := e.Info(); err == nil {
			if e.IsDir() {
				n += dirSize(dir + "/" + e.Name())
			} else {
				n += fi.Size()
			}
		}
	}
	return n
}

// TestBleveLatency measures bleve v2 on the same documents and queries as
// TestLatency (query string syntax, top 20 with highlighting): build
// time, on-disk size, heap, open time and query percentiles. Run with
// BENCH=1 go test -tags bleve ./bench/search -run TestBleveLatency -v
// (SYNTH=FILE for the synthetic reports, as TestLatency).
func TestBleveLatency(t *testing.T) {
	if os.Getenv("BENCH") == "" {
		t.Skip("set BENCH=1 to measure")
	}
	n := 1000
	fmt.Sscan(os.Getenv("BENCH_REPORTS"), &n)
	for _, size := range []int{1, n} {
		docs := search.Docs(corpus(t, size), "fr")
		dir := t.TempDir() + "/ix"
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t0 := time.Now()
		ix := bleveIndex(t, docs, dir)
		build := time.Since(t0)
		ix.Close()
		t0 = time.Now()
		ix, err := bleve.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		open := time.Since(t0)
		var lat []time.Duration
		for round := 0; round < 20; round++ {
			for _, q := range queries {
				req := bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 20, 0, false)
				req.Highlight = bleve.NewHighlight()
				t0 := time.Now()
				if _, err := ix.Search(req); err != nil {
					t.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		fmt.Printf("bleve reports=%d docs=%d build=%v disk=%.1fMB open=%v heap=%.1fMB p50=%v p99=%v\n",
			size, len(docs), build.Round(time.Millisecond), float64(dirSize(dir))/1e6, open.Round(time.Microsecond),
			float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1e6, lat[len(lat)/2], lat[len(lat)*99/100])
		ix.Close()
	}
}

// TestBleveAnalysis shows, on the real report, which of the analysis cases
// of issue 6 bleve's French analyzer answers (documents found), beside
// ours.
func TestBleveAnalysis(t *testing.T) {
	if os.Getenv("BENCH") == "" {
		t.Skip("set BENCH=1 to measure")
	}
	docs := search.Docs(load(t), "fr")
	ix := bleveIndex(t, docs, t.TempDir()+"/ix")
	defer ix.Close()
	ours, err := search.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"securite electorale", "sécurité électorale", "ration", "l'engin", "drone*", `"1 010 véhicules"`, "A/76/564", "2020/21", `"206 098,9"`} {
		res, err := ix.Search(bleve.NewSearchRequestOptions(bleve.NewQueryStringQuery(q), 3, 0, false))
		n := -1
		if err == nil {
			n = int(res.Total)
		}
		_, mine, _ := ours.Search(q, search.Options{Limit: 3})
		fmt.Printf("analysis %-24q bleve %4d  ours %4d\n", q, n, mine)
	}
}
