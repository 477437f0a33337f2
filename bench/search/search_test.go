// Package search_test measures the search index: query latency on the real
// report and on a corpus of 1,000 reports (the real one replicated under
// new symbols), index build time and memory. See RESULTS.md.
package search_test

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"testing"
	"time"

	"pkportal/functions/reportdata"
	"pkportal/report"
	"pkportal/search"
)

var queries = []string{
	"rations", "securite electorale", "drone*", `"points de distribution"`, "1 010 véhicules",
	"A/74/745", "206 098,9", "taux de vacance", "femmes", "Police des Nations Unies",
	"coup d’État", "justice transitionnelle", "heures de vol", "carburant", "vaccination",
}

// replicate returns n copies of the reports under new symbols.
func replicate(rs []*report.Report, n int) []*report.Report {
	var out []*report.Report
	for i := 0; len(out) < n; i++ {
		for _, r := range rs {
			c := *r
			c.Symbol = fmt.Sprintf("A/99/%d", 1000+i)
			c.Slug = report.Slug(c.Symbol)
			out = append(out, &c)
		}
	}
	return out[:n]
}

func load(b testing.TB) []*report.Report {
	rs, err := reportdata.Load()
	if err != nil || len(rs) == 0 {
		b.Fatalf("embedded reports: %v", err)
	}
	return rs
}

func BenchmarkQueryOneReport(b *testing.B) {
	ix := search.FromReports(load(b), "fr")
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
		search.FromReports(rs, "fr")
	}
}

// TestLatency prints build time, heap and query percentiles for 1 and for
// N reports (BENCH_REPORTS, default 1000). It runs only with BENCH=1.
func TestLatency(t *testing.T) {
	if os.Getenv("BENCH") == "" {
		t.Skip("set BENCH=1 to measure")
	}
	n := 1000
	fmt.Sscan(os.Getenv("BENCH_REPORTS"), &n)
	for _, size := range []int{1, n} {
		rs := replicate(load(t), size)
		runtime.GC()
		var m0, m1 runtime.MemStats
		runtime.ReadMemStats(&m0)
		t0 := time.Now()
		ix := search.FromReports(rs, "fr")
		build := time.Since(t0)
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
		fmt.Printf("reports %d: docs %d, build %v, heap %.1f MB, query p50 %v p99 %v max %v\n",
			size, ix.Len(), build.Round(time.Millisecond), float64(m1.HeapAlloc-m0.HeapAlloc)/1e6,
			lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1])
		runtime.KeepAlive(ix)
	}
}
