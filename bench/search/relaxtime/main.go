// Command relaxtime times, over a search index file, a query that Search
// answers and the fallback that answers a query whose words no one text
// holds (search.SearchSomeWords), a cited paragraph range and two OR
// queries: medians of -n runs each.
//
//	go run ./bench/search/relaxtime -index /dev/shm/c1000.idx
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"time"

	"pkportal/search"
)

func main() {
	path := flag.String("index", "functions/reportdata/search.idx", "search index file")
	n := flag.Int("n", 21, "runs of each query")
	flag.Parse()
	b, err := os.ReadFile(*path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ix, err := search.Open(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	o := search.Options{Lang: "fr", Limit: 10}
	for _, c := range []struct {
		name string
		run  func() (int, error)
	}{
		{"Search drones déployés", func() (int, error) { _, t, err := ix.Search("drones déployés", o); return t, err }},
		{"SearchSomeWords drones non déployés", func() (int, error) { _, t, err := ix.SearchSomeWords("drones non déployés", o); return t, err }},
		{"SearchSomeWords combien la mission a dépensé", func() (int, error) {
			_, t, err := ix.SearchSomeWords("combien la mission a dépensé", o)
			return t, err
		}},
		{"Search par. 1-49 (cited range)", func() (int, error) { _, t, err := ix.Search("par. 1-49", o); return t, err }},
		{"Search par. 26", func() (int, error) { _, t, err := ix.Search("par. 26", o); return t, err }},
		{"Search drones OR hélicoptères", func() (int, error) { _, t, err := ix.Search("drones OR hélicoptères", o); return t, err }},
		{"Search kidal drones OR hélicopt*", func() (int, error) { _, t, err := ix.Search("kidal drones OR hélicopt*", o); return t, err }},
		// citations read since session 20: each scans a report's documents
		// (all reports' when none is named)
		{"Search résolution 75/302, par. 12", func() (int, error) { _, t, err := ix.Search("résolution 75/302, par. 12", o); return t, err }},
		{"Search indicateur 2.1.3", func() (int, error) { _, t, err := ix.Search("indicateur 2.1.3", o); return t, err }},
		{"Search tableau IV (section IV)", func() (int, error) { _, t, err := ix.Search("tableau IV", o); return t, err }},
		{"Missing A/76/564 par. 75", func() (int, error) {
			_, first, _, _ := ix.Missing("A/76/564 par. 75", o)
			return first, nil
		}},
	} {
		var ds []time.Duration
		total := 0
		for range *n {
			t0 := time.Now()
			t, err := c.run()
			ds = append(ds, time.Since(t0))
			if err != nil {
				fmt.Fprintln(os.Stderr, c.name, err)
				os.Exit(1)
			}
			total = t
		}
		slices.Sort(ds)
		fmt.Printf("%-48s %8d results  median %v  max %v\n", c.name, total, ds[len(ds)/2].Round(time.Microsecond), ds[len(ds)-1].Round(time.Microsecond))
	}
}
