package searchapi

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"pkportal/functions/lambdahttp"
	"pkportal/report"
	"pkportal/search"
)

// pageWords are the words of the HTML results page, per UI language. The
// ones the portal's pages also use (portal, skip, search, searchLabel,
// languageSwitch, sourceNote) must equal the site's i18n/*.toml: a test
// compares them, so the results page reads as a page of the portal.
var pageWords = map[string]map[string]string{
	"fr": {
		"portal":         "Portail de l’exécution des budgets de maintien de la paix",
		"skip":           "Aller au contenu",
		"search":         "Rechercher",
		"searchLabel":    "Rechercher dans les rapports",
		"languageSwitch": "English",
		"sourceNote":     "Source : texte officiel du rapport. Les montants sont ceux du rapport.",
		"title":          "Résultats de la recherche",
		"beyond":         "Cette page vient après la dernière page de résultats : voir la dernière ci-dessous.",
		"partial":        "Aucun texte ne contient tous ces mots : voici ceux qui en contiennent une partie, les plus complets d’abord",
		"missing":        "Le rapport %s a les paragraphes numérotés %d à %d.",
		"count":          "résultat(s) pour",
		"none":           "Aucun résultat. Essayez un autre mot, moins de mots, un préfixe comme drone* ou des mots reliés par OU.",
		"otherWords":     "Les rapports sont cherchés dans la langue où ils sont écrits (%s) : essayez les mots du rapport.",
		"fr":             "français",
		"en":             "anglais",
		"error":          "La recherche n’a pas pu être faite :",
		"pages":          "Pages de résultats",
		"tips":           "Comment chercher",
		"previous":       "Résultats précédents",
		"next":           "Résultats suivants",
		"back":           "Accueil du portail",
		"otherLang":      "en",
		"otherLabel":     "English",
	},
	"en": {
		"portal":         "Peacekeeping budget performance portal",
		"skip":           "Skip to content",
		"search":         "Search",
		"searchLabel":    "Search the reports",
		"languageSwitch": "Français",
		"sourceNote":     "Source: official text of the report. Amounts are those of the report.",
		"title":          "Search results",
		"beyond":         "This page comes after the last page of results: see the last one below.",
		"partial":        "No text holds all these words: here are those holding some of them, the most complete first",
		"missing":        "Report %s has numbered paragraphs %d to %d.",
		"count":          "result(s) for",
		"none":           "No results. Try another word, fewer words, a prefix such as drone* or words joined by OR.",
		"otherWords":     "The reports are searched in the language they are written in (%s): try the report’s own words.",
		"fr":             "French",
		"en":             "English",
		"error":          "The search could not be run:",
		"pages":          "Result pages",
		"tips":           "How to search",
		"previous":       "Previous results",
		"next":           "Next results",
		"back":           "Portal home",
		"otherLang":      "fr",
		"otherLabel":     "Français",
	},
}

// resultsPage is what the HTML results page shows.
type resultsPage struct {
	Lang    string
	W       map[string]string
	Query   string
	Total   int
	Start   int // rank of the first result shown, from 1
	Results []search.Result
	// Partial: the results hold some of the query's words only.
	Partial bool
	// Notice: why a citation found nothing (Answer.Notice).
	Notice string
	// Beyond: the page asked for comes after the last (Prev is the last).
	Beyond bool
	Error  string // set on a page answering a bad request
	// OtherWords, on a page without results, says that the reports are
	// searched in their own languages when the page's is not among them.
	OtherWords string
	// Hidden are the filters to keep when the form is sent again.
	Hidden            []hidden
	Prev, Next, Other string // URLs of the previous and next pages and of the other language
	Tips              []tip  // how to search, in the page's language
}

type hidden struct{ Name, Value string }

// A tip is one line of the page's "how to search": what to type, and an
// example to type.
type tip struct{ Text, Example string }

// tips are the query syntax the search understands (search.parse), said
// in each UI language, with an example from the reports.
var tips = map[string][]tip{
	"fr": {
		{"Tous les mots sont cherchés, sans tenir compte des accents, du pluriel ni du féminin :", "rations Kidal"},
		{"Une expression exacte, entre guillemets :", `"processus de paix"`},
		{"Un début de mot, suivi d’un astérisque :", "sécur*"},
		{"L’un ou l’autre mot, avec OU (ou OR) en capitales :", "drones OU hélicoptères"},
		{"Sans un mot, précédé d’un moins :", "rations -Kidal"},
		{"Un type de texte (paragraphe, tableau, ligne, indicateur, produit…) :", "vacance kind:tableau"},
		{"Une référence, comme le portail cite :", "A/76/564, par. 26"},
	},
	"en": {
		{"Every word is looked for, whatever its accents, plural or feminine form:", "rations Kidal"},
		{"An exact phrase, in quotes:", `"processus de paix"`},
		{"The start of a word, then an asterisk:", "sécur*"},
		{"Either word, with OR in capitals:", "drones OR hélicoptères"},
		{"Without a word, with a minus before it:", "rations -Kidal"},
		{"A kind of text (paragraph, table, table-row, indicator, output…):", "vacance kind:table"},
		{"A reference, as the portal cites:", "A/76/564, para. 26"},
	},
}

// pageTemplate is the HTML results page: the portal's header (brand, search
// box holding the query, language switch), the results as an ordered list
// with their citation and highlighted snippet, and links to the other
// pages. Snippets are escaped text with <mark> only (search.Result), the
// one value not escaped again.
var pageTemplate = template.Must(template.New("results").Funcs(template.FuncMap{
	"snippet": func(s string) template.HTML { return template.HTML(s) },
	// titleLang is a result's title's language when it is the report's
	// words in another language than the page's, "" otherwise
	"titleLang": func(r search.Result, page string) string {
		if search.TitleIsText(r.Kind) && r.Lang != page {
			return r.Lang
		}
		return ""
	},
	// quoted splits a citation around the report's title it quotes
	"quoted": func(cite string) []string {
		before, title, after, ok := report.Quoted(cite)
		if !ok {
			return nil
		}
		return []string{before, title, after}
	},
}).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{if .Query}}{{.Query}} · {{end}}{{.W.title}} · {{.W.portal}}</title>
<link rel="stylesheet" href="/site.css">
</head>
<body>
<a class="skip" href="#main">{{.W.skip}}</a>
<header class="site">
  <a class="brand" href="/{{.Lang}}/">{{.W.portal}}</a>
  <form class="search" action="/api/search" method="get" role="search">
    <input type="hidden" name="lang" value="{{.Lang}}">
    {{- range .Hidden}}
    <input type="hidden" name="{{.Name}}" value="{{.Value}}">
    {{- end}}
    <label for="q">{{.W.searchLabel}}</label>
    <input id="q" type="search" name="q" maxlength="256" autocomplete="off" value="{{.Query}}">
    <button type="submit">{{.W.search}}</button>
  </form>
  <nav aria-label="{{.W.languageSwitch}}" lang="{{.W.otherLang}}">
    <a href="{{.Other}}" hreflang="{{.W.otherLang}}" lang="{{.W.otherLang}}" class="lang-switch">{{.W.otherLabel}}</a>
  </nav>
</header>
<main id="main">
<h1>{{.W.title}}</h1>
{{- if .Error}}
<p role="alert"><strong>{{.W.error}}</strong> {{.Error}}.</p>
{{- else}}
<p role="status">{{.Total}} {{.W.count}} « {{.Query}} »{{if .Partial}}. {{.W.partial}}{{end}}</p>
{{- if .Beyond}}
<p>{{.W.beyond}}</p>
{{- else if .Notice}}
<p>{{.Notice}}</p>
{{- else if not .Results}}
<p>{{.W.none}}{{with .OtherWords}} {{.}}{{end}}</p>
{{- else}}
<ol class="results" start="{{.Start}}">
{{- range $r := .Results}}
  <li><a href="{{.URL}}"{{with titleLang . $.Lang}} lang="{{.}}"{{end}}>{{.Title}}</a> <cite>
  {{- with and (ne $r.Lang $.Lang) (quoted .Citation)}}{{index . 0}}<span lang="{{$r.Lang}}">{{index . 1}}</span>{{index . 2}}{{else}}{{.Citation}}{{end -}}
  </cite>
  {{- if .Snippet}}
  <p lang="{{.Lang}}">{{snippet .Snippet}}</p>{{end}}</li>
{{- end}}
</ol>
{{- end}}
{{- if or .Prev .Next}}
<nav class="pager" aria-label="{{.W.pages}}">
{{- with .Prev}} <a href="{{.}}" rel="prev">{{$.W.previous}}</a>{{end}}
{{- with .Next}} <a href="{{.}}" rel="next">{{$.W.next}}</a>{{end}}
</nav>
{{- end}}
{{- end}}
<details class="tips"{{if not .Results}} open{{end}}>
<summary>{{.W.tips}}</summary>
<ul>
{{- range .Tips}}
  <li>{{.Text}} <code>{{.Example}}</code></li>
{{- end}}
</ul>
</details>
<p><a href="/{{.Lang}}/">{{.W.back}}</a></p>
</main>
<footer class="site"><p>{{.W.sourceNote}}</p></footer>
</body>
</html>
`))

// searchURL is the address of the results page for the given parameters.
func searchURL(v url.Values) string {
	return "/api/search?" + v.Encode()
}

// newResultsPage fills the page for a request's parameters v (already
// checked) and its answer; offset and limit are those of the answer.
func newResultsPage(lang string, textLangs []string, v url.Values, a Answer, offset, limit int) resultsPage {
	p := resultsPage{Lang: lang, W: pageWords[lang], Tips: tips[lang], Query: a.Query, Total: a.Total, Start: offset + 1, Results: a.Results, Partial: a.Partial, Notice: a.Notice}
	if a.Total == 0 && !slices.Contains(textLangs, lang) {
		var names []string
		for _, l := range textLangs {
			if n := p.W[l]; n != "" {
				names = append(names, n)
			}
		}
		if len(names) > 0 {
			p.OtherWords = fmt.Sprintf(p.W["otherWords"], strings.Join(names, ", "))
		}
	}
	for _, k := range []string{"kind", "report", "limit"} {
		if s := v.Get(k); s != "" {
			p.Hidden = append(p.Hidden, hidden{k, s})
		}
	}
	page := offset/limit + 1
	at := func(n int) string {
		w := url.Values{}
		for k := range v {
			w.Set(k, v.Get(k))
		}
		w.Set("lang", lang)
		if n > 1 {
			w.Set("page", strconv.Itoa(n))
		} else {
			w.Del("page")
		}
		return searchURL(w)
	}
	if page > 1 {
		p.Prev = at(page - 1)
	}
	if a.Total > 0 && offset >= a.Total { // a page past the last: the last one, not "no results"
		p.Prev = at((a.Total-1)/limit + 1)
		p.Beyond = true
	}
	if offset+len(a.Results) < a.Total {
		p.Next = at(page + 1)
	}
	other := url.Values{}
	for k := range v {
		other.Set(k, v.Get(k))
	}
	other.Set("lang", p.W["otherLang"])
	p.Other = searchURL(other)
	return p
}

// writePage writes the HTML results page with the given status.
func writePage(w http.ResponseWriter, status int, p resultsPage) {
	lambdahttp.SetSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = pageTemplate.Execute(w, p)
}

// fail answers a bad request: the portal's page with the message for a
// plain form (so a reader with JavaScript off is not left on a bare text),
// the message as text otherwise.
//
// The message is in the request's lang; without one, in French on the
// page (the portal's first language) and in English for a script.
func fail(w http.ResponseWriter, r *http.Request, p problem) {
	lang := r.URL.Query().Get("lang")
	if !wantsHTML(r) {
		lambdahttp.Error(w, p.status, p.in(lang))
		return
	}
	if _, ok := pageWords[lang]; !ok {
		lang = "fr"
	}
	q := strings.ToValidUTF8(r.URL.Query().Get("q"), "\uFFFD") // the page is UTF-8
	if len(q) > 4*MaxQuery {
		q = ""
	}
	w.Header().Set("Cache-Control", "no-store")
	writePage(w, p.status, resultsPage{
		Lang: lang, W: pageWords[lang], Tips: tips[lang], Query: q, Error: p.in(lang),
		Other: searchURL(url.Values{"lang": {pageWords[lang]["otherLang"]}, "q": {q}}),
	})
}
