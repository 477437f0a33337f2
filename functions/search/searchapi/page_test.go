package searchapi

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

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
	list := body[strings.Index(body, `<ol class="results"`):]
	if n := strings.Count(list[:strings.Index(list, "</ol>")], "<li>"); n != PageSize {
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

// A bad request is told in the reader's language: on the page (French
// without lang, the portal's first language) and as text when lang says
// so (English without it, for scripts).
func TestBadRequestsInTheReadersLanguage(t *testing.T) {
	for _, c := range []struct {
		q            map[string]string
		accept, want string
	}{
		{map[string]string{"q": "", "lang": "fr"}, htmlAccept, "saisissez les mots à rechercher"},
		{map[string]string{"q": ""}, htmlAccept, "saisissez les mots à rechercher"},
		{map[string]string{"q": "", "lang": "en"}, htmlAccept, "type the words to search for"},
		{map[string]string{"q": "", "lang": "fr"}, "", "saisissez les mots à rechercher"},
		{map[string]string{"q": ""}, "", "type the words to search for"},
		{map[string]string{"q": "le la les", "lang": "fr"}, htmlAccept, "aucun mot à chercher"},
		{map[string]string{"q": "rations", "lang": "fr", "limit": "x"}, htmlAccept, "le paramètre limit doit être un nombre de 1 à 50"},
		{map[string]string{"q": "rations kind:poème", "lang": "fr"}, "", "valeur inconnue pour kind : \"poème\" ; valeurs acceptées : report, heading"},
		// a filter typed without its value is told the values it takes
		{map[string]string{"q": "rations kind:"}, "", "the filter kind: has no value: accepted values are report, heading"},
		{map[string]string{"q": "rations report:"}, "", "accepted values are a-76-564"},
		{map[string]string{"q": "rations lang:"}, "", "accepted values are fr, en"},
	} {
		res := serve(t, c.q, c.accept)
		if res.StatusCode != 400 || !strings.Contains(res.Body, c.want) {
			t.Errorf("%v (Accept %q): %d %q, want 400 and %q", c.q, c.accept, res.StatusCode, res.Body, c.want)
		}
		if c.accept == htmlAccept && strings.Contains(res.Body, `<span lang="en">`) {
			t.Errorf("%v: the message is marked as English on the page", c.q)
		}
	}
}

// A query that is not UTF-8, echoed in the page's search box, is made
// UTF-8 first: the page says it is.
func TestBadQueryEchoedAsUTF8(t *testing.T) {
	res := serve(t, map[string]string{"q": "d\xe9penses", "lang": "fr"}, htmlAccept)
	if res.StatusCode != 400 || res.IsBase64Encoded || !utf8.ValidString(res.Body) || !strings.Contains(res.Body, "value=\"d\uFFFDpenses\"") {
		t.Errorf("status %d, base64 %v, valid UTF-8 %v: %.300s", res.StatusCode, res.IsBase64Encoded, utf8.ValidString(res.Body), res.Body)
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

// A search of the English UI that finds nothing says that the reports are
// searched in their own language, French; a French one need not.
func TestNoResultsSaysTheReportsLanguage(t *testing.T) {
	en := serve(t, map[string]string{"q": "fuel", "lang": "en"}, htmlAccept) // "vacancy" now finds the table by its English heading
	if en.StatusCode != 200 || !strings.Contains(en.Body, "searched in the language they are written in (French)") {
		t.Errorf("English page without results: %d %.3000s", en.StatusCode, en.Body)
	}
	fr := serve(t, map[string]string{"q": "xyzzy", "lang": "fr"}, htmlAccept)
	if fr.StatusCode != 200 || strings.Contains(fr.Body, "langue où ils sont écrits") || !strings.Contains(fr.Body, "Aucun résultat") {
		t.Errorf("French page without results: %d %.3000s", fr.StatusCode, fr.Body)
	}
}

// A page past the last says so and links the last page, instead of "no
// results" under a count of 45.
func TestPageBeyondTheLast(t *testing.T) {
	res := serve(t, map[string]string{"q": "rations", "lang": "fr", "page": "9"}, "text/html")
	if res.StatusCode != 200 || !strings.Contains(res.Body, "vient après la dernière page") || strings.Contains(res.Body, "Aucun résultat") ||
		!strings.Contains(res.Body, `rel="prev"`) || strings.Contains(res.Body, "page=8") {
		t.Errorf("page 9 of rations: %d\n%s", res.StatusCode, res.Body)
	}
}

// A one-letter prefix is refused with its reason, not as a stop word.
func TestShortPrefix(t *testing.T) {
	res := serve(t, map[string]string{"q": "d*", "lang": "fr"}, "application/json")
	if res.StatusCode != 400 || !strings.Contains(res.Body, "préfixe demande au moins deux lettres") {
		t.Errorf("d*: %d %s", res.StatusCode, res.Body)
	}
}

// The page's "how to search" says what the search understands: each
// example does what its line says (compared with the same words without
// the operator), and the tips are open on a page without results, closed
// above results.
func TestTipsExamplesFind(t *testing.T) {
	answer := func(q, lang string) Answer {
		t.Helper()
		res := serve(t, map[string]string{"q": q, "lang": lang, "limit": "50"}, "application/json")
		var a Answer
		if err := json.Unmarshal([]byte(res.Body), &a); err != nil || res.StatusCode != 200 || a.Partial {
			t.Fatalf("%s %q: %d, partial %v (%v): %.200s", lang, q, res.StatusCode, a.Partial, err, res.Body)
		}
		return a
	}
	for lang, ts := range tips {
		if len(ts) != len(tips["fr"]) {
			t.Errorf("%s: %d tips, French has %d", lang, len(ts), len(tips["fr"]))
		}
		for _, tp := range ts {
			a := answer(tp.Example, lang)
			n := a.Total
			ok := n > 0
			switch tp.Example {
			case "rations Kidal": // every word
				ok = ok && n < answer("rations", lang).Total
			case `"processus de paix"`: // the phrase, not the words anywhere
				ok = ok && n < answer("processus de paix", lang).Total
			case "sécur*": // the words starting with it
				ok = ok && n > answer("sécurité", lang).Total
			case "drones OU hélicoptères", "drones OR hélicoptères": // either
				ok = ok && n > answer("drones", lang).Total && n > answer("hélicoptères", lang).Total
			case "rations -Kidal": // without
				ok = ok && n < answer("rations", lang).Total
			case "vacance kind:table", "vacance kind:tableau": // only tables
				for _, r := range a.Results {
					ok = ok && r.Kind == "table"
				}
				ok = ok && n < answer("vacance", lang).Total
			case "A/76/564, par. 26", "A/76/564, para. 26": // the paragraph cited
				ok = ok && strings.HasSuffix(a.Results[0].URL, "#par-26")
			default:
				t.Errorf("%s tip %q: example %q has no check here", lang, tp.Text, tp.Example)
			}
			if !ok {
				t.Errorf("%s tip %q: example %q does not do what it says (%d results)", lang, tp.Text, tp.Example, n)
			}
		}
	}
	none := serve(t, map[string]string{"q": "xyzzy", "lang": "fr"}, htmlAccept)
	some := serve(t, map[string]string{"q": "rations", "lang": "fr"}, htmlAccept)
	if !strings.Contains(none.Body, `<details class="tips" open>`) || !strings.Contains(none.Body, "<code>drones OU hélicoptères</code>") {
		t.Errorf("no results: tips not open: %.4000s", none.Body)
	}
	if !strings.Contains(some.Body, `<details class="tips">`) {
		t.Errorf("results: tips not there, or open: %.4000s", some.Body)
	}
}
