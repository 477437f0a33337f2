package searchapi

import (
	"os"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

const htmlAccept = "text/html,application/xhtml+xml"

// The results page of a plain form is a page of the portal: its header,
// the query kept in the box, results linking to their anchors, pages.
func TestResultsPageIsAPortalPage(t *testing.T) {
	res := serve(t, map[string]string{"q": "sécurité", "lang": "fr"}, htmlAccept)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Headers["Content-Type"], "text/html") {
		t.Fatalf("status %d type %q", res.StatusCode, res.Headers["Content-Type"])
	}
	body := res.Body
	for _, want := range []string{
		`<html lang="fr">`,
		`<a class="skip" href="#main">Aller au contenu</a>`,
		`<a class="brand" href="/fr/">Portail de l’exécution des budgets de maintien de la paix</a>`,
		`<input id="q" type="search" name="q" maxlength="256" autocomplete="off" value="sécurité">`,
		// the language switch keeps the query
		`<a href="/api/search?lang=en&amp;q=s%C3%A9curit%C3%A9" hreflang="en" lang="en" class="lang-switch">English</a>`,
		`<ol class="results" start="1">`,
		`<a href="/api/search?lang=fr&amp;page=2&amp;q=s%C3%A9curit%C3%A9" rel="next">Résultats suivants</a>`,
		`<footer class="site">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("results page lacks %s", want)
		}
	}
	if strings.Contains(body, `rel="prev"`) {
		t.Error("page 1 links to a previous page")
	}
	if n := strings.Count(body, "<li>"); n != PageSize {
		t.Errorf("%d results on the page, want %d", n, PageSize)
	}
	if !strings.Contains(body, `<a href="/fr/a-76-564/`) || !strings.Contains(body, "<mark>") {
		t.Error("results do not link to the report or lack highlighted snippets")
	}

	// Page 2 keeps the filters and numbers its list from 21.
	res = serve(t, map[string]string{"q": "sécurité", "lang": "en", "page": "2", "kind": "paragraph"}, htmlAccept)
	for _, want := range []string{
		`<html lang="en">`,
		`<input type="hidden" name="kind" value="paragraph">`,
		`<ol class="results" start="21">`,
		`<a href="/api/search?kind=paragraph&amp;lang=en&amp;q=s%C3%A9curit%C3%A9" rel="prev">Previous results</a>`,
		`href="/en/a-76-564/`,
	} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("page 2 lacks %s", want)
		}
	}
}

// A bad request from a plain form answers the portal's page with the
// message and the search box, not a bare text.
func TestResultsPageForBadRequests(t *testing.T) {
	for _, q := range []map[string]string{
		{"q": "", "lang": "en"},
		{"q": `"<b>x</b>`, "kind": "poem", "lang": "en"},
	} {
		res := serve(t, q, htmlAccept)
		if res.StatusCode != 400 || !strings.HasPrefix(res.Headers["Content-Type"], "text/html") {
			t.Errorf("%v: status %d type %q", q, res.StatusCode, res.Headers["Content-Type"])
			continue
		}
		for _, want := range []string{`<p role="alert">`, `<form class="search"`, `<a class="brand" href="/en/">`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("%v: page lacks %s", q, want)
			}
		}
		if strings.Contains(res.Body, "<b>x") {
			t.Errorf("%v: query echoed unescaped", q)
		}
	}
	if res := serve(t, map[string]string{"q": ""}, "application/json"); strings.HasPrefix(res.Headers["Content-Type"], "text/html") {
		t.Error("a script's bad request answered with HTML")
	}
}

// The page's words that the portal's pages also show are the site's own.
func TestPageWordsMatchSiteI18n(t *testing.T) {
	for lang, words := range pageWords {
		b, err := os.ReadFile("../../../i18n/" + lang + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		var site map[string]string
		if err := toml.Unmarshal(b, &site); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"portal", "skip", "search", "searchLabel", "languageSwitch", "sourceNote"} {
			if words[k] != site[k] {
				t.Errorf("%s %s: results page says %q, site says %q", lang, k, words[k], site[k])
			}
		}
	}
}
