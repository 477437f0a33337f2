package devserver

import (
	"net/http"

	"pkportal"
	"pkportal/functions/csv/csvapi"
	"pkportal/functions/search/searchapi"
	"pkportal/report"
)

// ForBuild is the server of `generator serve`: the built site in public
// with the rules of the repository's netlify.toml, and the two functions
// over the reports just built, through the same handlers as on Lambda.
func ForBuild(public string, reports []*report.Report) (*Server, error) {
	toml, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		return nil, err
	}
	cfg, err := ParseConfig(toml)
	if err != nil {
		return nil, err
	}
	return New(cfg, public, map[string]http.Handler{
		"search": searchapi.NewLazy(reports, "fr", "en"),
		"csv":    csvapi.New(reports),
	})
}
