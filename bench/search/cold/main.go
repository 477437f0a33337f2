// Command cold does what the search function does at a cold start — open
// the index embedded in the binary (reportdata.SearchIndex), in place —
// then answers one request through the Lambda adapter and exits.
// bench/search/run.sh times whole runs of it, from exec to exit, built
// with the committed index or, through go build -overlay, with an index
// of 1,000 reports.
//
// With -rounds N it then answers the benchmark queries N times each
// through the same handler and prints the latency percentiles and the
// process's memory (VmHWM, VmRSS).
package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"pkportal/bench/proc"
	searchbench "pkportal/bench/search"
	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/functions/search/searchapi"
	"pkportal/search"
)

func main() {
	rounds := flag.Int("rounds", 0, "answer the benchmark queries this many times each and print latencies")
	flag.Parse()
	ix, err := search.Open(reportdata.SearchIndex())
	if err != nil {
		fmt.Fprintln(os.Stderr, "cold:", err)
		os.Exit(1)
	}
	h := searchapi.New(ix)
	ask := func(q string) events.APIGatewayProxyResponse {
		return lambdahttp.Serve(context.Background(), h, events.APIGatewayProxyRequest{
			HTTPMethod: "GET", Path: "/api/search",
			MultiValueQueryStringParameters: url.Values{"q": {q}},
			Headers:                         map[string]string{"Accept": "application/json"},
		})
	}
	if res := ask("rations"); res.StatusCode != 200 || !strings.Contains(res.Body, `\u003cmark\u003e`) {
		fmt.Fprintln(os.Stderr, "cold: no answer:", res.StatusCode, res.Body)
		os.Exit(1)
	}
	if *rounds == 0 {
		return
	}
	var lat []time.Duration
	for range *rounds {
		for _, q := range searchbench.Queries {
			t := time.Now()
			if res := ask(q); res.StatusCode != 200 {
				fmt.Fprintln(os.Stderr, "cold:", q, res.StatusCode, res.Body)
				os.Exit(1)
			}
			lat = append(lat, time.Since(t))
		}
	}
	slices.Sort(lat)
	fmt.Printf("function: %d documents, %d requests, p50 %v p99 %v max %v, %s\n", ix.Len(), len(lat),
		lat[len(lat)/2], lat[len(lat)*99/100], lat[len(lat)-1], proc.Memory())
}
