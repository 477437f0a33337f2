// Command mkpack writes a pack of reports (the file the CSV function
// embeds) for the benchmarks: the reports of a folder of sources (e.g.
// from generator synth) or of a reports.json.gz (bench/search/mkindex
// -save). bench/csv/run.sh builds the function with it in place of the
// committed pack (go build -overlay).
//
//	go run ./bench/csv/mkpack -src /tmp/synth.json.gz -o /tmp/synth.pack
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"time"

	"pkportal/bench/corpus"
	"pkportal/functions/reportpack"
)

func main() {
	src := flag.String("src", "", "a folder of sources, or a reports.json.gz file (required)")
	out := flag.String("o", "", "pack file to write (required)")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "mkpack:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	if src == "" || out == "" {
		return fmt.Errorf("-src and -o are required")
	}
	rs, err := corpus.Load(src)
	if err != nil {
		return err
	}
	t := time.Now()
	var b bytes.Buffer
	if err := reportpack.Write(&b, rs); err != nil {
		return err
	}
	fmt.Printf("pack of %d reports: %.1f MB, written in %v\n", len(rs), float64(b.Len())/1e6, time.Since(t).Round(time.Millisecond))
	return os.WriteFile(out, b.Bytes(), 0o644)
}
