// Command cold does what the search function does at a cold start — decode
// the embedded reports, build the index of the UI language asked — then
// answers one query and exits. bench/search/run.sh times whole runs of it,
// from exec to exit.
package main

import (
	"fmt"
	"os"

	"pkportal/functions/reportdata"
	"pkportal/search"
)

func main() {
	rs, err := reportdata.Load()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fr := search.FromReports(rs, "fr") // searchapi.NewLazy builds only the language asked
	res, _, err := fr.Search("rations", search.Options{Limit: 20})
	if err != nil || len(res) == 0 {
		fmt.Fprintln(os.Stderr, "no answer", err)
		os.Exit(1)
	}
}
