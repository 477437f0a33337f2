package searchbench_test

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	searchbench "pkportal/bench/search"
	"pkportal/functions/reportdata"
	"pkportal/report"
	"pkportal/search"
)

var queries = searchbench.Queries

func replicate(rs []*report.Report, n int) []*report.Report { return searchbench.Replicate(rs, n) }

// corpus returns size reports: the first size of the SYNTH file (a
// reports.json.gz that mkindex -save writes) when SYNTH is set, else the
// embedded reports replicated under new symbols.
func corpus(t testing.TB, size int) []*report.Report {
	f := os.Getenv("SYNTH")
	if f == "" {
		return replicate(load(t), size)
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := reportdata.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	return rs[:min(size, len(rs))]
}

func load(b testing.TB) []*report.Report {
	rs, err := reportdata.Load()
	if err != nil || len(rs) == 0 {
		b.Fatalf("embedded reports: %v", err)
	}
	return rs
}

func BenchmarkQueryOneReport(b *testing.B) {
	ix, err := search.Open(reportdata.SearchIndex())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		_, _, _ = ix.Search(queries[i%len(queries)], search.Options{Limit: 20})
		i++
	}
}

func BenchmarkBuildOneReport(b *testing.B) {
	rs := load(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := search.Encode(rs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEncode writes the index file of BENCH_REPORTS reports (default
// 1000; SYNTH chooses them, see corpus), as the deploy's build does:
//
//	SYNTH=/tmp/synth.json.gz go test ./bench/search -run XXX -bench Encode -benchtime 3x
func BenchmarkEncode(b *testing.B) {
	n := 1000
	fmt.Sscan(os.Getenv("BENCH_REPORTS"), &n)
	rs := corpus(b, n)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := search.Encode(rs); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLatency prints, for 1 and for N reports (BENCH_REPORTS, default
// 1000), the time to write the index file (what the generator does), its
// size, the heap it takes once opened, and query percentiles. It runs only
// with BENCH=1.
func TestLatency(t *testing.T) {
	if os.Getenv("BENCH") == "" {
		t.Skip("set BENCH=1 to measure")
	}
	n := 1000
	fmt.Sscan(os.Getenv("BENCH_REPORTS"), &n)
	for _, size := range []int{1, n} {
		rs := corpus(t, size)
		var m0, m1 runtime.MemStats
		t0 := time.Now()
		b, err := search.Encode(rs)
		if err != nil {
			t.Fatal(err)
		}
		build := time.Since(t0)
		rs = nil
		runtime.GC()
		runtime.ReadMemStats(&m0)
		ix, err := search.Open(b)
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		var lat []time.Duration
		for round := 0; round < 20; round++ {
			for _, q := range queries {
				t0 := time.Now()
				_, _, _ = ix.Search(q, search.Options{Limit: 20})
				lat = append(lat, time.Since(t0))
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		runtime.GC()
		var m2 runtime.MemStats
		runtime.ReadMemStats(&m2)
		fmt.Printf("reports %d: docs %d (contents %d), build %v, file %.1f MB, heap after open %.2f MB (after queries %.2f MB), query p50 %v p99 %v max %v\n",
			size, ix.Len(), ix.Contents(), build.Round(time.Millisecond), float64(ix.Size())/1e6,
			float64(int64(m1.HeapAlloc)-int64(m0.HeapAlloc))/1e6, float64(int64(m2.HeapAlloc)-int64(m0.HeapAlloc))/1e6,
			lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1])
		runtime.KeepAlive(ix)
	}
}

// BenchmarkEncodeWith writes the index file of BENCH_REPORTS reports
// (default 1000; SYNTH chooses them) after one of them changed, from the
// index before the change, as a deploy's rebuild does:
//
//	SYNTH=/tmp/synth.json.gz go test ./bench/search -run XXX -bench EncodeWith -benchtime 3x
func BenchmarkEncodeWith(b *testing.B) {
	n := 1000
	fmt.Sscan(os.Getenv("BENCH_REPORTS"), &n)
	rs := corpus(b, n)
	prev, err := search.Encode(rs)
	if err != nil {
		b.Fatal(err)
	}
	changed := *rs[len(rs)/2]
	changed.Title += " (révisé)"
	srcs := make([]search.Source, len(rs))
	b.ReportAllocs()
	for b.Loop() {
		for i, r := range rs {
			srcs[i] = search.Source{Slug: r.Slug, Lang: r.Language}
		}
		srcs[len(rs)/2] = search.Source{Report: &changed}
		if _, err := search.EncodeWith(prev, srcs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCitation: a query that cites a paragraph ("par. 26", in every
// report; "A/…, par. 26", in one), over an index file given by INDEX (the
// search.idx of the deploy's build of N synthetic reports), else the
// embedded one:
//
//	INDEX=/dev/shm/c1000.idx go test ./bench/search -run XXX -bench Citation -benchtime 20x
func BenchmarkCitation(b *testing.B) {
	data := reportdata.SearchIndex()
	if f := os.Getenv("INDEX"); f != "" {
		var err error
		if data, err = os.ReadFile(f); err != nil {
			b.Fatal(err)
		}
	}
	ix, err := search.Open(data)
	if err != nil {
		b.Fatal(err)
	}
	one := ix.Reports()[len(ix.Reports())-1] + " par. 26"
	for _, q := range []string{"par. 26", one} {
		b.Run(strings.ReplaceAll(q, "/", "-"), func(b *testing.B) {
			for b.Loop() {
				if _, n, err := ix.Search(q, search.Options{Limit: 20}); err != nil || n == 0 {
					b.Fatalf("%q: %d results, %v", q, n, err)
				}
			}
		})
	}
}
