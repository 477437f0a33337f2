package main

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"pkportal/generator/hugobuild"
	"pkportal/generator/site"
	"pkportal/generator/synth"
	"pkportal/ingest"
	"pkportal/report"
)

const realSource = "../../sources/A-76-564.fr.txt"

// BenchmarkIngest parses and validates the real report (target ≤ 100 ms,
// issue 3), from its text in memory, corrections applied.
func BenchmarkIngest(b *testing.B) {
	data, err := os.ReadFile(realSource)
	if err != nil {
		b.Fatal(err)
	}
	data, err = ingest.ApplyCorrections(realSource, data)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ingest.Parse("A-76-564.fr.txt", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGenerate writes the Hugo site source of the real report.
func BenchmarkGenerate(b *testing.B) {
	r, err := ingest.ParseFile(realSource)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	b.ReportAllocs()
	i := 0
	var cpu time.Duration
	for b.Loop() {
		i++
		out := filepath.Join(dir, fmt.Sprint(i))
		c := processCPU()
		if err := site.Write(out, []*report.Report{r}); err != nil {
			b.Fatal(err)
		}
		cpu += processCPU() - c
		os.RemoveAll(out)
	}
	// CPU time (user + system, every thread, the collector's too) tells
	// two versions apart where wall time on a shared machine does not.
	b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// processCPU is the CPU time the process has used so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkRender renders, with Hugo alone, the site source of 10
// synthetic reports (written once, outside the timing).
func BenchmarkRender10(b *testing.B) {
	src, err := os.ReadFile(realSource)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	if err := synth.Generate(src, 10, filepath.Join(dir, "src")); err != nil {
		b.Fatal(err)
	}
	rs, err := ingest.ParseDir(filepath.Join(dir, "src"))
	if err != nil {
		b.Fatal(err)
	}
	siteDir := filepath.Join(dir, "site")
	if err := site.Write(siteDir, rs); err != nil {
		b.Fatal(err)
	}
	pages := 0
	i := 0
	for b.Loop() {
		i++
		pub := filepath.Join(dir, "public", fmt.Sprint(i))
		st, err := hugobuild.Build(hugobuild.Options{SiteDir: siteDir, PublishDir: pub})
		if err != nil {
			b.Fatal(err)
		}
		pages = st.Pages
		os.RemoveAll(pub)
	}
	b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
