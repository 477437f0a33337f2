package devserver

import (
	"net/http"

	"pkportal"
	"pkportal/functions/csv/csvapi"
	"pkportal/functions/search/searchapi"
	"pkportal/report"
	"pkportal/search"
)

// ForBuild is the server of `generator serve`: the built site in public
// with the rules of the repository's netlify.toml, and the two functions
// over the reports just built, through the same handlers as on Lambda;
// the search function over index (the build's search index, as Lambda
// embeds it), or, if nil, over an index of the reports made on the first
// query.
func ForBuild(public string, reports []*report.Report, index []byte) (*Server, error) {
	toml, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		return nil, err
	}
	cfg, err := ParseConfig(toml)
	if err != nil {
		return nil, err
	}
	var searchh http.Handler = searchapi.NewLazy(reports, "fr", "en")
	if index != nil {
		ix, err := search.Open(index)
		if err != nil {
			return nil, err
		}
		searchh = searchapi.New(ix)
	}
	return New(cfg, public, map[string]http.Handler{
		"search": searchh,
		"csv":    csvapi.New(reports),
	})
}
