package site

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"sync"

	"github.com/pelletier/go-toml/v2"

	"pkportal"
	"pkportal/report"
)

// The bodies of the report pages (blocks, paragraphs, tables, expected
// accomplishments, the report home's article) are rendered here, in Go,
// and given to Hugo as prepared HTML, the content of an .html content
// file (writePage; the views hand it over as the "body" param). Hugo walked
// the large view maps of the front matter through its partials before:
// that was 37 % of the build's CPU. Hugo still renders every page: base
// layout, translations, language switch, breadcrumbs, pager, sitemap.
//
// The blocks are written by htmlw (html.go); the report home's article
// is templates/home.html (html/template), which prints them. Their words
// come from the site's i18n/<lang>.toml, as Hugo's T does.

//go:embed templates/*.html
var templateFiles embed.FS

var (
	bodyMu    sync.Mutex
	bodyWords = map[string]map[string]string{}
	bodyTmpls = map[string]*template.Template{}
)

// uiText returns the words of i18n/<lang>.toml of the embedded site
// files, read once, and the home template of the language.
func uiText(lang string) (map[string]string, *template.Template, error) {
	bodyMu.Lock()
	defer bodyMu.Unlock()
	if w := bodyWords[lang]; w != nil {
		return w, bodyTmpls[lang], nil
	}
	words, err := i18n(pkportal.SiteFiles, lang)
	if err != nil {
		return nil, nil, err
	}
	html := func(content string, write func(w *htmlw)) (template.HTML, error) {
		w := newHTMLW(lang, content, words)
		write(w)
		s, err := w.done()
		return template.HTML(s), err
	}
	t, err := template.New("body").Funcs(template.FuncMap{
		"T": func(key string) (string, error) {
			w, ok := words[key]
			if !ok {
				return "", fmt.Errorf("i18n/%s.toml has no %q", lang, key)
			}
			return w, nil
		},
		// blocks and table take the language of the element they sit in
		"blocks": func(bs []BlockView, content string) (template.HTML, error) {
			return html(content, func(w *htmlw) { w.blocks(bs) })
		},
		"table": func(t *TableView, content string) (template.HTML, error) {
			return html(content, func(w *htmlw) { w.table(t) })
		},
	}).ParseFS(templateFiles, "templates/*.html")
	if err != nil {
		return nil, nil, fmt.Errorf("body templates: %w", err)
	}
	bodyWords[lang], bodyTmpls[lang] = words, t
	return words, t, nil
}

// i18n reads the UI words of a language (i18n/<lang>.toml: key = "words").
// A mistake in the TOML is an error at its line and column.
func i18n(files fs.FS, lang string) (map[string]string, error) {
	b, err := fs.ReadFile(files, "i18n/"+lang+".toml")
	if err != nil {
		return nil, fmt.Errorf("i18n: %w", err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(b, &raw); err != nil {
		return nil, tomlError("i18n/"+lang+".toml", err)
	}
	words := make(map[string]string, len(raw))
	for k, v := range raw {
		switch v := v.(type) {
		case string:
			words[k] = v
		case map[string]any: // Hugo's long form: key = { other = "…" }
			if s, ok := v["other"].(string); ok {
				words[k] = s
			}
		}
	}
	return words, nil
}

// tomlError is a go-toml error in file at its line and column, which
// go-toml's Error() leaves out: "i18n/fr.toml line 3 column 11:
// unexpected character U+0052 'R' at start of value".
func tomlError(file string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Errorf("%s line %d column %d: %s", file, row, col, strings.TrimPrefix(de.Error(), "toml: "))
	}
	return fmt.Errorf("%s: %w", file, err)
}

// renderHTML returns the body written by write in a UI language, for an
// element of language content (the report's).
func renderHTML(lang, content string, write func(w *htmlw)) (string, error) {
	words, _, err := uiText(lang)
	if err != nil {
		return "", err
	}
	w := newHTMLW(lang, content, words)
	write(w)
	s, err := w.done()
	if err != nil {
		return "", fmt.Errorf("body (%s): %w", lang, err)
	}
	return s, nil
}

// renderHome returns the article of a report home.
func renderHome(lang string, hv homeView) (string, error) {
	_, t, err := uiText(lang)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, "home.html", hv); err != nil {
		return "", fmt.Errorf("report home (%s): %w", lang, err)
	}
	return b.String(), nil
}

// homeView is the article of a report home.
type homeView struct {
	// Lang is the UI language, ContentLang the report's.
	Symbol, ReportTitle, ContentLang, Lang string
	// Gloss says, in the UI language, what the report is, when its title
	// is in another language ("Budget performance report: MINUSMA, period
	// 2020/21"), or "".
	Gloss string
	// LangNote says that the report's text is in another language than
	// the page's, with a link to its official version in the page's; nil
	// on a page in the report's language.
	LangNote   *LangNote
	Mission    report.Mission
	Period     report.Period
	KeyFigures []KeyFigure
	// Glance says in a sentence each what the mission delivered against
	// what it promised: its outputs and indicators, counted by the portal.
	Glance    []GlanceLine
	TOC       []tocEntry
	Summary   []BlockView
	Footnotes []footnoteView
	Charts    []chartView
	Data      struct{ Report, Package, Zip string }
	Tables    []linkView
	Cite      citeView
	// LD is the schema.org Dataset of the report's data (JSON).
	LD template.JS
}

// citeView is the report home's "cite this report": the citation (Text,
// shown as Before, the report's Title in its language, and After), the
// home's URL (a permalink that copies both) and the reference files.
type citeView struct {
	Text, Before, Title, After, URL, RIS, BibTeX string
}

// footnoteView is a document footnote on the report home, with the
// heading that calls it and a link there (the home shows them all).
type footnoteView struct {
	Label, Text, Where, URL string
}

// tocEntry is an entry of a report home's table of contents: a page of
// the report (URL set), or a part of the report without a page of its own
// (II, II.F) listing its pages, with its section ID as anchor (the search
// function's link for the part's heading).
type tocEntry struct {
	ID, Title, URL string
	// Gloss is the section's English heading in the language GlossLang
	// (report.EnglishTitles), or "".
	Gloss, GlossLang string
	Children         []tocEntry
}

// linkView is an entry of a list of links: a page of the table of
// contents, or a table with its data files.
type linkView struct {
	ID, Title, URL, CSV, JSON, Excel string
}

// chartView is a chart of the report home with its data table.
type chartView struct {
	ID, Title, Desc, Note string
	SVG, SVGNarrow        template.HTML // the page shows one, by its width
	Table                 *TableView
}
