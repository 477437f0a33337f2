package devserver

import (
	"fmt"
	"net/http"

	"pkportal"
	"pkportal/functions/csv/csvapi"
	"pkportal/functions/reportpack"
	"pkportal/functions/search/searchapi"
	"pkportal/search"
)

// ForBuild is the server of `generator serve`: the built site in public
// with the rules of the repository's netlify.toml, and the two functions
// through the same handlers as on Lambda, over what Lambda embeds: the
// CSV function over pack (the functions' pack of the build, a report
// decoded when a request names it), the search function over index (the
// build's search index).
func ForBuild(public string, pack, index []byte) (*Server, error) {
	toml, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		return nil, err
	}
	cfg, err := ParseConfig(toml)
	if err != nil {
		return nil, err
	}
	p, err := reportpack.Open(pack)
	if err != nil {
		return nil, fmt.Errorf("csv function: %w", err)
	}
	ix, err := search.Open(index)
	if err != nil {
		return nil, fmt.Errorf("search function: %w", err)
	}
	return New(cfg, public, map[string]http.Handler{
		"search": searchapi.New(ix),
		"csv":    csvapi.NewFrom(p),
	})
}
