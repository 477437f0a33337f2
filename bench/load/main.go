// Command load sends a bounded mix of valid and hostile requests to a
// running `generator serve` on loopback and reports status counts and
// latency percentiles. It exits non-zero on any 5xx or transport error.
//
//	go run ./bench/load -addr 127.0.0.1:18313 -n 20000 -c 64
//
// It refuses any address outside the loopback range.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
)

// requests is the mix: paths with query strings, valid ones first.
var requests = []string{
	"/api/search?q=rations",
	"/api/search?q=s%C3%A9curit%C3%A9+drones",
	"/api/search?q=%22points+de+distribution%22&lang=en",
	"/api/csv?report=a-76-564&table=iii-a",
	"/api/csv?report=a-76-564&table=iii-a&format=json",
	"/api/csv?report=a-76-564&table=summary-hr&bom=1&decimal=comma",
	"/fr/a-76-564/",
	"/en/a-76-564/iii/",
	"/data/a-76-564/iii-a.csv",
	// hostile
	"/api/search?q=" + strings.Repeat("a", 300),
	"/api/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
	"/api/search?q=",
	"/api/search?q=%FF%FE",
	"/api/search?q=rations&limit=-1",
	"/api/search?q=rations&lang=../../etc",
	"/api/csv?report=a-76-564&table=iii-a&format=exe",
	"/api/csv?report=..%2F..%2Fetc%2Fpasswd&table=iii-a",
	"/api/csv?report=a-76-564&table=%00",
	"/api/csv?" + strings.Repeat("x=1&", 500),
	"/../../etc/passwd",
	"/fr/a-76-564/par/999/",
}

func main() {
	addr := flag.String("addr", "127.0.0.1:18313", "loopback address of the server")
	n := flag.Int("n", 20000, "number of requests")
	c := flag.Int("c", 64, "concurrent clients")
	flag.Parse()
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || (host != "localhost" && (ip == nil || !ip.IsLoopback())) {
		fmt.Fprintln(os.Stderr, "load: refusing a non-loopback address:", *addr)
		os.Exit(2)
	}
	client := &http.Client{
		Timeout:       10 * time.Second,
		Transport:     &http.Transport{MaxIdleConnsPerHost: *c},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	var (
		mu       sync.Mutex
		lat      []time.Duration
		statuses = map[int]int{}
		failures []string
	)
	jobs := make(chan string)
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < *c; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				t := time.Now()
				res, err := client.Get("http://" + *addr + p)
				d := time.Since(t)
				mu.Lock()
				if err != nil {
					failures = append(failures, p+": "+err.Error())
				} else {
					statuses[res.StatusCode]++
					if res.StatusCode >= 500 {
						failures = append(failures, fmt.Sprintf("%s: %d", p, res.StatusCode))
					}
				}
				lat = append(lat, d)
				mu.Unlock()
				if res != nil {
					_, _ = io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
			}
		}()
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < *n; i++ {
		p := requests[rng.IntN(len(requests))]
		if rng.IntN(10) == 0 { // random junk in a query
			p = "/api/search?q=" + url.QueryEscape(junk(rng))
		}
		jobs <- p
	}
	close(jobs)
	wg.Wait()
	elapsed := time.Since(start)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(q float64) time.Duration { return lat[int(q*float64(len(lat)-1))] }
	fmt.Printf("requests %d, concurrency %d, %.0f req/s\n", len(lat), *c, float64(len(lat))/elapsed.Seconds())
	fmt.Printf("latency p50 %v, p99 %v, max %v\n", pct(0.5), pct(0.99), lat[len(lat)-1])
	codes := []int{}
	for k := range statuses {
		codes = append(codes, k)
	}
	sort.Ints(codes)
	for _, k := range codes {
		fmt.Printf("status %d: %d\n", k, statuses[k])
	}
	if len(failures) > 0 {
		fmt.Printf("FAIL: %d failures, first: %s\n", len(failures), failures[0])
		os.Exit(1)
	}
}

func junk(rng *rand.Rand) string {
	b := make([]byte, 1+rng.IntN(40))
	for i := range b {
		b[i] = byte(rng.IntN(256))
	}
	return string(b)
}
