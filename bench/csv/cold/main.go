// Command cold does what the CSV function does at a cold start — open the
// pack of reports embedded in the binary (reportdata.Reports: its index
// only) — then answers one request through the Lambda adapter and exits.
// bench/csv/run.sh times whole runs of it, from exec to exit, built with
// the committed pack or, through go build -overlay, with a pack of 1,000
// synthetic reports (bench/csv/mkpack).
//
// With -rounds N it then answers N requests, each for a table of a report
// drawn at random (one table of a new report costs its decoding; the
// handler keeps 64), and prints the latency percentiles and the process's
// memory (VmHWM, VmRSS).
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/url"
	"os"
	"slices"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"pkportal/bench/proc"
	"pkportal/functions/csv/csvapi"
	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
)

func main() {
	rounds := flag.Int("rounds", 0, "answer this many requests over random reports and print latencies")
	flag.Parse()
	p, err := reportdata.Reports()
	if err != nil {
		fmt.Fprintln(os.Stderr, "cold:", err)
		os.Exit(1)
	}
	h := csvapi.NewFrom(p)
	ask := func(q url.Values) events.APIGatewayProxyResponse {
		return lambdahttp.Serve(context.Background(), h, events.APIGatewayProxyRequest{
			HTTPMethod: "GET", Path: "/api/csv", MultiValueQueryStringParameters: q,
		})
	}
	slugs := p.Slugs()
	if res := ask(url.Values{"report": {slugs[0]}, "table": {"iii-a"}}); res.StatusCode != 200 {
		fmt.Fprintln(os.Stderr, "cold: no answer:", res.StatusCode, res.Body)
		os.Exit(1)
	}
	if *rounds == 0 {
		return
	}
	rng := rand.New(rand.NewPCG(1, 2))
	tables := []string{"iii-a", "iii-b", "summary-financial", "ea-2-1-indicators", "ea-5-1-outputs", "indicators"}
	var lat []time.Duration
	for range *rounds {
		q := url.Values{"report": {slugs[rng.IntN(len(slugs))]}, "table": {tables[rng.IntN(len(tables))]}}
		t := time.Now()
		if res := ask(q); res.StatusCode != 200 {
			fmt.Fprintln(os.Stderr, "cold:", q.Encode(), res.StatusCode, res.Body)
			os.Exit(1)
		}
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	fmt.Printf("function: %d reports, %d requests, p50 %v p99 %v max %v, %s\n", len(slugs), len(lat),
		lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1], proc.Memory())
}
