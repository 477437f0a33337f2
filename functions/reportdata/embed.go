// Package reportdata holds the data embedded in the function binaries at
// build time, so that a function reads no file and builds nothing from the
// sources at cold start: the structured reports (reports.pack, written by
// `generator build -functions-data`, read by the CSV function one report
// at a time: see reportpack.Pack) and the search index (search.idx, written by
// `generator build -search-index`, read in place by the search function).
// A binary links only what it uses: the CSV function does not carry the
// index, nor the search function the reports. Tests in generator/pipeline
// fail while either file is stale.
//
// Only the functions (and tests and benchmarks) import it: the generator,
// which writes these files, must not, or every new pack would make a new
// generator binary and invalidate its build cache (a test checks).
package reportdata

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"

	"pkportal/functions/reportpack"
	"pkportal/report"
)

//go:embed reports.pack
var pack []byte

//go:embed search.idx
var searchIndex []byte

// SearchIndex returns the embedded search index file, for search.Open
// (read in place: the bytes must not be modified).
func SearchIndex() []byte { return searchIndex }

// Reports opens the embedded pack of reports: only its index is read.
func Reports() (*reportpack.Pack, error) { return reportpack.Open(pack) }

// Load decodes every embedded report (tests and benchmarks; the CSV
// function decodes them one at a time, from Reports).
func Load() ([]*report.Report, error) {
	p, err := Reports()
	if err != nil {
		return nil, fmt.Errorf("embedded reports: %w", err)
	}
	return p.All()
}

// Decode reads reports from their gzipped JSON form (the corpora of the
// benchmarks: bench/search/mkindex -save).
func Decode(b []byte) ([]*report.Report, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("embedded reports: %w", err)
	}
	var rs []*report.Report
	if err := json.NewDecoder(zr).Decode(&rs); err != nil {
		return nil, fmt.Errorf("embedded reports: %w", err)
	}
	return rs, nil
}

// Encode writes reports in the form Decode reads. The output is the same
// for the same reports.
func Encode(w io.Writer, rs []*report.Report) error {
	zw, _ := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err := json.NewEncoder(zw).Encode(rs); err != nil {
		return err
	}
	return zw.Close()
}
