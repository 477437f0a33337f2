// Package site writes the Hugo site source of the portal from the
// structured reports: the hand-written files embedded in pkportal.SiteFiles,
// plus one page (JSON front matter) per report home, section page, table
// and table index in each UI language, the paragraph permalink pages as
// static HTML, and the data files under static/data/.
//
// It prepares everything a layout prints (numbers formatted per language,
// links, citations): views (view.go; words.go holds the UI words they
// need). It writes the bodies of the report pages as HTML (html.go:
// blocks, paragraphs, tables, results frameworks, with html/template's
// escaping re-implemented, tested equal; templates/home.html for the
// report home's article), given to Hugo as the content of .html content
// files: Hugo walking large front-matter maps through partials was a third
// of the build, and decoding the bodies as a front-matter parameter a
// tenth. Words for screen readers only (vh): "minus" in a figure printed
// in parentheses, "note" before a footnote letter, the table a download
// link fetches.
//
// It also writes: table pages (a report table as a table; a dataset that
// is not one — an accomplishment's indicators or outputs, the variances,
// the follow-up — as its section shows it: tables.go); source
// discrepancies and portal notes in the page's words (words.go:
// checkWords, portalNotes), a table's discrepancies also in its own JSON
// and datapackage resource (tableWarnings); permalinks (static HTML
// redirects, and _redirects 301 rules while the site has at most 9,900 of
// them: MaxParagraphRules, Netlify's advice); glossary links (findTerm
// finds the terms by hand, what (?i)\b(form|…) finds); the data files,
// datapackage, schema and zip; the report's reference for reference
// managers (citation.go: RIS, BibTeX, the citation_* meta tags of its
// pages). On an English page of a report in another language it gives the
// standard sections' and datasets' English names (<title>, a gloss under
// the printed heading, the contents, the table index), the columns'
// English titles over the printed headings (TableView.ColTitles) and a
// standard row's English name under its printed label (RowView.English).
//
// It must not run Hugo (see hugobuild) nor parse text (see ingest). The
// build writes the site in shards of a few reports (WriteReports, one
// report per core) and a global part (WriteGlobal: the site files, report
// homes listed by the portal home and the feed but not rendered, and
// _redirects); Write writes one site with every report. The home's lists
// by mission (home.go → data/home.json) are made from the reports' cache
// entries (Entry: HomeMeta — the report home's front matter —, redirect
// lines, home-list lines).
package site

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"

	"pkportal"
	"pkportal/charts"
	"pkportal/csvout"
	"pkportal/percore"
	"pkportal/report"
)

// Languages are the UI languages of the portal.
var Languages = []string{"fr", "en"}

// Write writes the complete site source of reports into dir, which must
// be empty or absent: the site files, every report's pages and data, and
// the _redirects of them all. The build renders in shards instead
// (WriteReports, WriteGlobal); Write is the one-folder site of the
// benchmarks.
func Write(dir string, reports []*report.Report) error {
	if err := WriteReports(dir, "", pkportal.SiteFiles, reports); err != nil {
		return err
	}
	entries := make([]Entry, len(reports))
	for i, r := range reports {
		entries[i] = EntryOf(r)
	}
	if err := writeHome(dir, entries); err != nil {
		return fmt.Errorf("home page lists: %w", err)
	}
	return writeRedirects(dir, reports)
}

// WriteReports writes into dir, which must be empty or absent, the site
// files and the pages and data of reports (a shard of the site: its
// portal home, feed and sitemap list only these reports, and it has no
// _redirects; WriteGlobal writes those for all). The files that are
// published as they are (data files, paragraph permalink pages) go into
// static, dir/static if empty: the build gives its publish folder, which
// saves copying them there.
func WriteReports(dir, static string, files fs.FS, reports []*report.Report) error {
	if static == "" {
		static = filepath.Join(dir, "static")
	}
	if err := copyFiles(dir, files); err != nil {
		return fmt.Errorf("site files: %w", err)
	}
	// Reports write to folders of their own: one per core at a time.
	return errors.Join(percore.Run(len(reports), func(i int) error {
		return writeAll(dir, static, reports[i])
	})...)
}

// Entry is what the global part of the site needs of a report: its home
// page's metadata (the portal home lists the reports, the feed announces
// them) and its paragraph permalink rules. It is small, and kept in the
// build cache, so that an unchanged report need not be ingested again.
type Entry struct {
	HomeMeta
	Source    string `json:"source"`
	Synthetic bool   `json:"synthetic,omitempty"`
	// Redirects are the report's lines of _redirects.
	Redirects string `json:"redirects"`
	// Lines are the report's line in the portal home's lists, per UI
	// language.
	Lines map[string]ReportLine `json:"lines"`
}

// HomeMeta is what a report home's front matter says of its report, read
// by the portal's home page, feed and base layout.
type HomeMeta struct {
	Slug        string         `json:"slug"`
	Symbol      string         `json:"symbol"`
	ReportTitle string         `json:"report_title"`
	Language    string         `json:"language"`
	Mission     report.Mission `json:"mission"`
	Period      report.Period  `json:"period"`
}

func homeMetaOf(r *report.Report) HomeMeta {
	return HomeMeta{Slug: r.Slug, Symbol: r.Symbol, ReportTitle: r.Title, Language: r.Language, Mission: r.Mission, Period: r.Period}
}

// Title is the title of the report home (the same in every UI language).
func (m HomeMeta) Title() string {
	return m.Symbol + " — " + m.Mission.Acronym + " " + m.Period.Label
}

// params are the report home's front matter parameters; body is its
// article ("" for a home listed but not rendered).
func (m HomeMeta) params(body string) map[string]any {
	p := map[string]any{
		"symbol": m.Symbol, "slug": m.Slug, "mission": m.Mission, "period": m.Period,
		"reporttitle": m.ReportTitle, "contentlang": m.Language,
	}
	if body != "" {
		p["body"] = body
	}
	return p
}

// EntryOf returns the entry of a report.
func EntryOf(r *report.Report) Entry {
	e := Entry{HomeMeta: homeMetaOf(r), Source: r.Source, Synthetic: r.Synthetic,
		Redirects: redirectLines(r), Lines: map[string]ReportLine{}}
	for _, lang := range Languages {
		e.Lines[lang] = lineOf(r, lang)
	}
	return e
}

// WriteGlobal writes into dir, which must be empty or absent, the global
// part of the site: the site files (portal home, feed, glossary, about,
// 404, sitemap index) with, for each report, a home page that Hugo lists
// (portal home, feed) but does not render ("build.render: link": the
// report's own pages come from its shard), and the _redirects of all
// reports (none past MaxParagraphRules). entries must be in the order of the reports.
func WriteGlobal(dir string, files fs.FS, entries []Entry) error {
	if err := copyFiles(dir, files); err != nil {
		return fmt.Errorf("site files: %w", err)
	}
	lines := make([]string, len(entries))
	for i, e := range entries {
		lines[i] = e.Redirects
		for _, lang := range Languages {
			p := page{Title: e.Title(), Type: "report", Params: e.params(""), Build: map[string]any{"render": "link"}}
			if err := writePage(filepath.Join(dir, "content", lang, e.Slug, "_index.md"), p); err != nil {
				return fmt.Errorf("home of %s: %w", e.Symbol, err)
			}
		}
	}
	if err := writeHome(dir, entries); err != nil {
		return fmt.Errorf("home page lists: %w", err)
	}
	return os.WriteFile(filepath.Join(dir, "static", "_redirects"), []byte(redirectsFile(lines)), 0o644)
}

// partTitles tells apart the titles of an accomplishment's two datasets,
// which csvout titles with the accomplishment alone: "2.3 Réduction … —
// Indicateurs de succès" and "… — Produits", in the report's language
// (its i18n words; unchanged for a language without them).
func partTitles(r *report.Report, ds []csvout.Dataset) {
	words, _, err := uiText(r.Language)
	if err != nil {
		return
	}
	for i, d := range ds {
		if d.Kind == "indicators" || d.Kind == "outputs" {
			ds[i].Title = d.Title + " — " + words[d.Kind]
		}
	}
}

// writeAll writes the pages of a report in every UI language and its data.
func writeAll(dir, static string, r *report.Report) error {
	ds := csvout.Datasets(r) // once: pages, table pages and data files share them
	partTitles(r, ds)
	for _, lang := range Languages {
		if err := writeReport(dir, static, r, lang, ds); err != nil {
			return fmt.Errorf("pages of %s (%s): %w", r.Symbol, lang, err)
		}
	}
	if err := writeData(filepath.Join(static, "data", r.Slug), r, dataFiles(r, ds)); err != nil {
		return fmt.Errorf("data files of %s: %w", r.Symbol, err)
	}
	return nil
}

// copyFiles writes the hand-written site files (pkportal.SiteFiles) into dir.
func copyFiles(dir string, files fs.FS) error {
	return fs.WalkDir(files, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(p))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := fs.ReadFile(files, p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

// page is the front matter of a generated page.
type page struct {
	Title  string `json:"title"`
	Type   string `json:"type,omitempty"`
	Layout string `json:"layout,omitempty"`
	Weight int    `json:"weight,omitempty"`
	URL    string `json:"url,omitempty"`
	// Summary is set to the title on pages with a body: no layout shows
	// a summary, and Hugo extracts one from the content unless given.
	Summary string         `json:"summary,omitempty"`
	Params  map[string]any `json:"params"`
	// Sitemap excludes redirect pages from the sitemap.
	Sitemap map[string]any `json:"sitemap,omitempty"`
	// Build holds Hugo's build options of the page.
	Build map[string]any `json:"build,omitempty"`
}

// ReportJSONPrefix is how a report's report.json begins, compacted: the
// name of its schema, then the members json.Marshal writes of the report.
const ReportJSONPrefix = `{"$schema":"report.schema.json",`

// pageBufs keeps writePage's buffers for the next pages.
var pageBufs sync.Pool

func writePage(path string, p page) error {
	if err := mkdir(filepath.Dir(path)); err != nil {
		return err
	}
	// The body, prepared HTML, is the page's content (an .html content
	// file, which Hugo passes through as it is: .Content) rather than a
	// front matter parameter: Hugo's front matter lexer and JSON decoder
	// read every byte of it twice and unescaped it, a tenth of the build.
	body, _ := p.Params["body"].(string)
	if body != "" {
		params := make(map[string]any, len(p.Params)-1)
		for k, v := range p.Params {
			if k != "body" {
				params[k] = v
			}
		}
		p.Params = params
		p.Summary = p.Title
		path = strings.TrimSuffix(path, filepath.Ext(path)) + ".html"
		// Hugo reads shortcodes in content: "{{<" cannot occur in the
		// body (< is escaped), "{{%" could (in a report's text); the
		// same characters, written so that Hugo does not see a shortcode.
		body = strings.ReplaceAll(body, "{{%", "&#123;{%")
	}
	// Read by Hugo only: compact, and with <, > and & as they are.
	b, _ := pageBufs.Get().(*bytes.Buffer)
	if b == nil {
		b = new(bytes.Buffer)
	}
	b.Reset()
	defer pageBufs.Put(b)
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return err
	}
	b.WriteString(body)
	return os.WriteFile(path, b.Bytes(), 0o644)
}

func writeReport(dir, static string, r *report.Report, lang string, ds []csvout.Dataset) error {
	root := filepath.Join(dir, "content", lang, r.Slug)
	v := newViewer(r, lang)

	hv := homeView{Symbol: r.Symbol, ReportTitle: r.Title, ContentLang: r.Language, Lang: lang, Mission: r.Mission, Period: r.Period,
		KeyFigures: v.keyFigures(), Footnotes: v.footnotes()}
	if lang != r.Language {
		hv.Gloss = fmt.Sprintf(v.w.reportGloss, r.Mission.Acronym, r.Period.Label)
		hv.LangNote = v.langNote()
	}
	hv.TOC = toc(r, lang, r.Sections, r.PageOf())
	for _, d := range ds {
		hv.Tables = append(hv.Tables, linkView{ID: d.ID, Title: d.Title, URL: r.URL(lang, "tables/"+d.ID, ""), CSV: dataURL(r, d.ID, "csv"), JSON: dataURL(r, d.ID, "json"), Excel: v.excelURL(d.ID)})
	}
	for _, s := range r.Sections {
		if s.ID == "summary" {
			hv.Summary = v.blocks(s, 0)
		}
	}
	for _, c := range charts.ForReport(r, lang) {
		ct := *c.Table
		ct.Notes = nil // the chart's Note, printed under it, says what its data's note says
		tv := v.table(&ct)
		tv.ColTitles = nil // a chart's headings are in the page's language already
		tv.CSV, tv.JSON, tv.Excel = dataURL(r, c.ID, "csv"), dataURL(r, c.ID, "json"), ""
		tv.URL = r.URL(lang, "", c.ID)
		tv.Cite = r.CiteTable(lang, c.Source) // where the report prints its figures
		if r.Language != lang {
			tv.LabelLang = r.Language
		}
		hv.Charts = append(hv.Charts, chartView{ID: c.ID, Title: c.Title, Desc: c.Desc, Note: c.Note, SVG: template.HTML(c.SVG), SVGNarrow: template.HTML(c.SVGNarrow), Table: tv})
	}
	hv.Glance = v.glance()
	hv.Data.Report, hv.Data.Package, hv.Data.Zip = dataURL(r, "report", "json"), dataURL(r, "datapackage", "json"), dataURL(r, r.Slug, "zip")
	hv.Cite = citeView{Text: r.CiteReport(lang), Title: r.Title, URL: r.URL(lang, "", ""), RIS: dataURL(r, r.Slug, "ris"), BibTeX: dataURL(r, r.Slug, "bib")}
	hv.Cite.Before, hv.Cite.After, _ = strings.Cut(hv.Cite.Text, r.Title)
	ld, err := json.Marshal(reportLD(r, lang, v.w))
	if err != nil {
		return err
	}
	hv.LD = template.JS(ld) // json.Marshal escapes <, > and &: no "</script>" can end it
	body, err := renderHome(lang, hv)
	if err != nil {
		return err
	}
	meta := homeMetaOf(r)
	cm := citationMeta(r)
	home := page{
		Title:  meta.Title(),
		Type:   "report",
		Params: meta.params(body),
	}
	home.Params["citation"] = cm
	home.Params["description"] = v.description()
	if err := writePage(filepath.Join(root, "_index.md"), home); err != nil {
		return err
	}
	if err := writeTables(root, r, v, ds); err != nil {
		return err
	}
	pages := r.Pages()
	for i, s := range pages {
		body, err := renderHTML(lang, r.Language, func(w *htmlw) { w.blocks(v.blocks(s, 0)) })
		if err != nil {
			return err
		}
		p := page{
			Title:  sectionTitle(s),
			Type:   "report",
			Layout: "reportsection",
			Weight: i + 1,
			Params: map[string]any{
				"symbol": r.Symbol, "slug": r.Slug, "contentlang": r.Language,
				"body": body, "cite": r.CiteSection(lang, s), "anchor": s.ID,
				"headnotes": s.Notes, "notes": v.pageNotes(s),
				"reporturl": r.URL(lang, "", ""), "citation": cm,
				// the browser's tab, bookmarks and link previews name the report
				"headtitle":   r.Symbol + " — " + sectionTitle(s),
				"description": v.about(r.CiteSection(lang, s)),
				"langnote":    v.langNote(),
			},
		}
		if s.ID == "iv" { // what the figures beside its headings are
			p.Params["explain"] = v.w.varExplain
			p.Params["explainurl"] = glossaryURL(lang) + "#variance"
		}
		for _, c := range r.Components {
			if c.ID == s.ID && len(c.Accomplishments) > 0 { // a long page: where each accomplishment starts, what it holds
				p.Params["jump"] = v.jump(c)
				p.Params["jumprule"] = r.URL(lang, "", "chart-output-delivery") // the outputs are counted by the portal
			}
		}
		if g := v.englishName(s.ID); g != "" {
			// an English page's head, whose title cannot mark French words
			// as such, and a gloss under the heading the report prints
			p.Params["headtitle"], p.Params["gloss"] = r.Symbol+" — "+g, g
		}
		if err := writePage(filepath.Join(root, s.ID+".md"), p); err != nil {
			return err
		}
	}
	return writePermalinks(static, r, lang)
}

// writePermalinks writes the paragraph permalink pages as static HTML: a
// page per paragraph that sends the reader to the paragraph on its page,
// with the anchor, on any static host (Netlify answers a 301 first, from
// _redirects). They are written here rather than rendered by Hugo: they
// are half of all the pages and need no template.
func writePermalinks(static string, r *report.Report, lang string) error {
	root := filepath.Join(static, lang, r.Slug, "par")
	write := func(sub, title, target, words string) error {
		d := filepath.Join(root, sub)
		if err := mkdir(d); err != nil {
			return err
		}
		e := html.EscapeString
		page := `<!doctype html><html lang="` + lang + `"><head><meta charset="utf-8">` +
			`<meta name="viewport" content="width=device-width, initial-scale=1"><title>` + e(title) +
			`</title><meta name="robots" content="noindex"><link rel="canonical" href="` + e(target) +
			`"><meta http-equiv="refresh" content="0; url=` + e(target) +
			`"></head><body><p>` + e(words) + ` <a href="` + e(target) + `">` + e(title) + "</a></p></body></html>\n"
		return os.WriteFile(filepath.Join(d, "index.html"), []byte(page), 0o644)
	}
	pageOf := r.PageOf()
	var err error
	r.Walk(func(s *report.Section) {
		for _, b := range s.Blocks {
			if b.Paragraph == nil || b.Paragraph.Number == 0 || err != nil {
				continue
			}
			n := strconv.Itoa(b.Paragraph.Number)
			err = write(n, r.CiteParagraph(lang, b.Paragraph.Number), r.URL(lang, pageOf[s.ID], b.Paragraph.ID), uiWords[lang].redirecting)
		}
	})
	if err != nil {
		return err
	}
	return write("", r.Symbol, r.URL(lang, "", ""), uiWords[lang].toReport)
}

// mkdir makes the folder d: one system call when its parent exists, as
// it does for most pages (os.MkdirAll stats d and its parent first).
func mkdir(d string) error {
	err := os.Mkdir(d, 0o755)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	return os.MkdirAll(d, 0o755)
}

// toc is the table of contents of sections: each section with a page of
// its own links to it, and a section whose parts have pages of their own
// lists them beneath it; on an English page of a report in another
// language, a standard section's English heading follows its own. The
// summary is the home itself.
func toc(r *report.Report, lang string, sections []*report.Section, pageOf map[string]string) []tocEntry {
	var out []tocEntry
	for _, s := range sections {
		if s.ID == "summary" {
			continue
		}
		e := tocEntry{ID: s.ID, Title: sectionTitle(s)}
		if en := report.EnglishTitle(s.ID); en != "" && r.EnglishPage(lang) {
			// the standard heading's English words, without its number
			e.Gloss, e.GlossLang = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(en, s.Number+"."), s.Number)), lang
			if strings.EqualFold(e.Gloss, s.Title) { // "Introduction"
				e.Gloss = ""
			}
		}
		if pageOf[s.ID] == s.ID {
			e.URL = r.URL(lang, s.ID, "")
		}
		for _, c := range s.Children {
			if pageOf[c.ID] == c.ID {
				e.Children = toc(r, lang, s.Children, pageOf)
				break
			}
		}
		out = append(out, e)
	}
	return out
}

// dataURL is the address of a data file of a report.
func dataURL(r *report.Report, id, ext string) string {
	return "/data/" + r.Slug + "/" + id + "." + ext
}

// sectionTitle is a section's title with its number ("III.A. Ressources
// financières").
func sectionTitle(s *report.Section) string {
	if s.Number == "" || s.Level >= 3 {
		return s.Title // components carry their own "Composante 1 : …"
	}
	return s.Number + ". " + s.Title
}

// writeData writes the language-neutral data files of a report: each
// dataset (tables, results frameworks, variances, follow-up, chart data)
// as CSV and JSON, the whole report as report.json with its JSON Schema
// report.schema.json, its reference for reference managers (RIS, BibTeX),
// then datapackage.json, README.txt and the zip of them all.
func writeData(dir string, r *report.Report, files []csvout.Dataset) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	dd := &dataFolder{dir: dir}
	for _, d := range files {
		var csvb bytes.Buffer
		if err := csvout.Write(&csvb, d.Frame, csvout.Options{}); err != nil {
			return err
		}
		if err := dd.write(d.ID+".csv", csvb.Bytes()); err != nil {
			return err
		}
		doc, err := datasetJSON(r, d)
		if err != nil {
			return err
		}
		if err := dd.write(d.ID+".json", doc); err != nil {
			return err
		}
	}
	schema, err := reportSchemaJSON()
	if err != nil {
		return err
	}
	if err := dd.write("report.schema.json", schema); err != nil {
		return err
	}
	// report.json names its schema, for editors and validators
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	withSchema := append([]byte(ReportJSONPrefix), b[1:]...)
	// json.Marshal's output is compact and HTML-escaped already: indent
	// it as MarshalIndent of it would, without its second pass
	ind := appendIndent(make([]byte, 0, len(withSchema)*3/2), withSchema, "", " ")
	ind = append(ind, '\n')
	if err := dd.write("report.json", ind); err != nil {
		return err
	}
	if err := dd.write(r.Slug+".ris", risFile(r)); err != nil {
		return err
	}
	if err := dd.write(r.Slug+".bib", bibtexFile(r)); err != nil {
		return err
	}
	return writeDataPackage(dd, r, files)
}

// dataFolder is a report's data folder being written: the files are kept
// in memory too, for the datapackage's hashes and the zip, which read
// them back from disk before.
type dataFolder struct {
	dir   string
	files map[string][]byte
}

func (dd *dataFolder) write(name string, b []byte) error {
	if dd.files == nil {
		dd.files = map[string][]byte{}
	}
	dd.files[name] = b
	return os.WriteFile(filepath.Join(dd.dir, name), b, 0o644)
}

// reportSchemaJSON is report.schema.json, the same for every report.
var reportSchemaJSON = sync.OnceValues(func() ([]byte, error) {
	b, err := json.MarshalIndent(ReportSchema(), "", " ")
	return append(b, '\n'), err
})
