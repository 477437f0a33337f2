// Command mkindex writes a search index file for the benchmarks: the
// embedded reports replicated under new symbols (-n), or the reports of a
// folder of sources (-src, e.g. from generator synth). bench/search/run.sh
// builds the search function and the cold-start program with it in place
// of the committed index (go build -overlay).
//
//	go run ./bench/search/mkindex -n 1000 -o /tmp/search.idx
//	go run ./generator synth -n 1000 -o /tmp/synth
//	go run ./bench/search/mkindex -src /tmp/synth -save /tmp/synth.json.gz -o /tmp/synth.idx
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"time"

	"pkportal/bench/corpus"
	searchbench "pkportal/bench/search"
	"pkportal/functions/reportdata"
	"pkportal/report"
	"pkportal/search"
)

func main() {
	n := flag.Int("n", 1000, "copies of the embedded reports, under new symbols")
	src := flag.String("src", "", "index the source reports of this folder instead, or of a reports.json.gz file (as -save writes)")
	save := flag.String("save", "", "also save the reports indexed to this reports.json.gz file (ingesting 1,000 reports takes minutes)")
	out := flag.String("o", "", "index file to write (required)")
	flag.Parse()
	if err := run(*n, *src, *out, *save); err != nil {
		fmt.Fprintln(os.Stderr, "mkindex:", err)
		os.Exit(1)
	}
}

func run(n int, src, out, save string) error {
	if out == "" {
		return fmt.Errorf("-o FILE is required")
	}
	var rs []*report.Report
	var err error
	if src != "" {
		rs, err = corpus.Load(src)
	} else if rs, err = reportdata.Load(); err == nil {
		rs = searchbench.Replicate(rs, n)
	}
	if err != nil {
		return err
	}
	if save != "" {
		var b bytes.Buffer
		if err := reportdata.Encode(&b, rs); err != nil {
			return err
		}
		if err := os.WriteFile(save, b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("save reports: %w", err)
		}
	}
	t := time.Now()
	b, err := search.Encode(rs)
	if err != nil {
		return err
	}
	d := time.Since(t)
	ix, err := search.Open(b)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, b, 0o644); err != nil {
		return fmt.Errorf("write index: %w", err)
	}
	fmt.Printf("index of %d reports: %d documents, %d distinct contents, %.1f MB, written in %v\n",
		len(rs), ix.Len(), ix.Contents(), float64(len(b))/1e6, d.Round(time.Millisecond))
	return nil
}
