// Package corpus reads the report corpora of the benchmarks: a folder of
// sources (generator synth writes one) or a reports.json.gz file (what
// bench/search/mkindex -save writes, quicker to read than to ingest 1,000
// reports again). It is for the benchmarks' tools, never for the portal.
package corpus

import (
	"fmt"
	"os"
	"strings"

	"pkportal/functions/reportdata"
	"pkportal/ingest"
	"pkportal/report"
)

// Load reads the reports of src: a reports.json.gz file, or a folder of
// sources that it ingests.
func Load(src string) ([]*report.Report, error) {
	if !strings.HasSuffix(src, ".json.gz") {
		return ingest.ParseDir(src)
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return reportdata.Decode(b)
}
