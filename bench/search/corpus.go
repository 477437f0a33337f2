// Package searchbench measures the search index and the search function:
// query latency on the real report and on a corpus of 1,000 reports (the
// real one replicated under new symbols), index build time, size and
// memory, cold start. See RESULTS.md and run.sh.
package searchbench

import (
	"fmt"

	"pkportal/report"
)

// Queries are the benchmark queries, run in this order.
var Queries = []string{
	"rations", "securite electorale", "drone*", `"points de distribution"`, "1 010 véhicules",
	"A/74/745", "206 098,9", "taux de vacance", "femmes", "Police des Nations Unies",
	"coup d’État", "justice transitionnelle", "heures de vol", "carburant", "vaccination",
}

// Replicate returns n copies of the reports under new symbols (A/99/1000…)
// and slugs: the same texts, other reports.
func Replicate(rs []*report.Report, n int) []*report.Report {
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
