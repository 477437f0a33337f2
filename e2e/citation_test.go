package e2e

import (
	"html"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pkportal/ingest"
)

// TestReportReference: a reader who cites the whole report finds, on its
// home in each UI language, the citation and its reference for a reference
// manager, as RIS and BibTeX files that download with their type and
// UTF-8 charset and say the report's title, symbol and language; Zotero's
// page reader finds the same in the citation_* meta tags of the report's
// pages.
func TestReportReference(t *testing.T) {
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "en"} {
		home := html.UnescapeString(string(get(t, "/"+lang+"/"+r.Slug+"/")))
		text := regexp.MustCompile(`<[^>]+>`).ReplaceAllString(home, "")
		if want := r.CiteReport(lang); !strings.Contains(text, want) {
			t.Errorf("%s report home: no citation %q", lang, want)
		}
		for _, f := range []string{".ris", ".bib"} {
			if !strings.Contains(home, `href="/data/`+r.Slug+"/"+r.Slug+f+`" download`) {
				t.Errorf("%s report home: no download of %s%s", lang, r.Slug, f)
			}
		}
		for _, p := range []string{"/" + lang + "/" + r.Slug + "/", r.URL(lang, "iii", "")} {
			page := html.UnescapeString(string(get(t, p)))
			for name, want := range map[string]string{"citation_title": r.Title, "citation_technical_report_number": r.Symbol,
				"citation_technical_report_institution": "United Nations", "citation_language": r.Language} {
				if !strings.Contains(page, `<meta name="`+name+`" content="`+want+`">`) {
					t.Errorf("%s: no meta %s = %q", p, name, want)
				}
			}
		}
	}

	ris := download(t, "/data/"+r.Slug+"/"+r.Slug+".ris", "application/x-research-info-systems; charset=utf-8")
	lines := strings.Split(strings.TrimSuffix(ris, "\r\n"), "\r\n")
	tags := map[string]string{}
	for i, l := range lines {
		m := regexp.MustCompile(`^([A-Z][A-Z0-9])  - (.*)$`).FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("RIS line %d %q is not \"TG  - value\" (CRLF line ends)", i+1, l)
		}
		tags[m[1]] = m[2]
	}
	if !strings.HasPrefix(ris, "TY  - RPRT\r\n") || lines[len(lines)-1] != "ER  - " {
		t.Errorf("RIS: want a report (TY RPRT first) closed by ER, got:\n%s", ris)
	}
	for tag, want := range map[string]string{"TI": r.Title, "SN": r.Symbol, "LA": r.Language, "PB": "United Nations", "UR": "https://undocs.org/fr/A/76/564"} {
		if tags[tag] != want {
			t.Errorf("RIS %s = %q, want %q", tag, tags[tag], want)
		}
	}

	bib := download(t, "/data/"+r.Slug+"/"+r.Slug+".bib", "application/x-bibtex; charset=utf-8")
	if !strings.HasPrefix(bib, "@techreport{A-76-564,\n") || strings.Count(bib, "{") != strings.Count(bib, "}") {
		t.Errorf("BibTeX: want a balanced @techreport{A-76-564, …}, got:\n%s", bib)
	}
	for _, want := range []string{"title = {{" + r.Title + "}},", "number = {A/76/564},", "institution = {{United Nations}},", "language = {fr},"} {
		if !strings.Contains(bib, "  "+want+"\n") {
			t.Errorf("BibTeX: no line %q in:\n%s", want, bib)
		}
	}
}

// download fetches a static file and checks its Content-Type.
func download(t *testing.T, p, contentType string) string {
	t.Helper()
	res, err := http.Get(baseURL + p)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Content-Type"); got != contentType {
		t.Errorf("GET %s: Content-Type %q, want %q", p, got, contentType)
	}
	return string(get(t, p))
}

// TestPagesNameTheReport: every page of a report names it in its title
// and link preview, and its home and section pages carry the meta tags by
// which a reference manager saves the report, so that a bookmark, a browser tab or a link pasted in
// an e-mail says which report it is ("I. Introduction" did not).
func TestPagesNameTheReport(t *testing.T) {
	titleRE := regexp.MustCompile(`<title>([^<]*)</title>`)
	ogRE := regexp.MustCompile(`<meta property="og:title" content="([^"]*)">`)
	descRE := regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	pages := 0
	for _, lang := range []string{"fr", "en"} {
		err := filepath.WalkDir(filepath.Join(public, lang, "a-76-564"), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Name() != "index.html" || strings.Contains(p, string(filepath.Separator)+"par"+string(filepath.Separator)) {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			pages++
			page := string(b)
			title, og := titleRE.FindStringSubmatch(page), ogRE.FindStringSubmatch(page)
			if title == nil || og == nil || !strings.HasPrefix(title[1], "A/76/564 — ") || !strings.HasPrefix(og[1], "A/76/564 — ") {
				t.Errorf("%s: title %q, og:title %q, want both to start with the report's symbol", p, title, og)
			}
			// a link preview (e-mail, chat) and a search engine describe it:
			// the report, and what the page cites
			desc := descRE.FindStringSubmatch(page)
			if desc == nil || !strings.Contains(desc[1], "MINUSMA") || !strings.Contains(desc[1], "2020/21") {
				t.Errorf("%s: description %q, want one naming the mission and period", p, desc)
			}
			// the report's text is read and cited on its home and section
			// pages; a table page describes its dataset (schema.org)
			tables := strings.Contains(p, string(filepath.Separator)+"tables"+string(filepath.Separator))
			if !tables && !strings.Contains(page, `<meta name="citation_technical_report_number" content="A/76/564">`) {
				t.Errorf("%s: no citation_technical_report_number", p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if pages < 100 {
		t.Errorf("checked %d pages, want every page of the report in both languages", pages)
	}
}

// TestDescriptions: the portal's own pages and a report's home describe
// themselves to a link preview and a search engine; the report home's
// description gives the key figures the page shows.
func TestDescriptions(t *testing.T) {
	descRE := regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	for page, want := range map[string][]string{
		"/en/":              {"peacekeeping"},
		"/fr/":              {"maintien de la paix"},
		"/en/about/":        {"cite"},
		"/fr/a-propos/":     {"citer"},
		"/en/glossary/":     {"terms"},
		"/fr/glossaire/":    {"termes"},
		"/en/a-76-564/":     {"Apportionment 1,183,384.7, expenditure 1,103,359.2 (thousands of US dollars); utilization rate 93.2%."},
		"/fr/a-76-564/":     {"Montant alloué 1\u202f183\u202f384,7", "taux d’utilisation 93,2\u202f%."},
		"/fr/a-76-564/iii/": {"A/76/564, sect. III."},
	} {
		body := string(get(t, page))
		m := descRE.FindStringSubmatch(body)
		if m == nil {
			t.Errorf("%s: no description", page)
			continue
		}
		d := html.UnescapeString(m[1])
		for _, w := range want {
			w, err := strconv.Unquote(`"` + w + `"`)
			if err != nil {
				t.Fatalf("%s: the test's own %q: %v", page, w, err)
			}
			if !strings.Contains(d, w) {
				t.Errorf("%s: description %q, want %q in it", page, d, w)
			}
		}
		if og := `<meta property="og:description" content="` + m[1] + `">`; !strings.Contains(body, og) {
			t.Errorf("%s: the link preview's description is not the page's", page)
		}
	}
	// the figures of the description are those the home shows
	if home := html.UnescapeString(string(get(t, "/en/a-76-564/"))); !strings.Contains(home, "1,183,384.7</") || !strings.Contains(home, "93.2%</") {
		t.Errorf("English report home: the key figures of its description not on the page")
	}
}

// TestChartsCiteTheirSource: a chart's citation names where the report
// prints its figures (all five were cited "A/76/564", which names neither
// the chart nor its source).
func TestChartsCiteTheirSource(t *testing.T) {
	home := html.UnescapeString(string(get(t, "/fr/a-76-564/")))
	for chart, cite := range map[string]string{
		"chart-apportionment-expenditure":  "A/76/564, sect. III.A",
		"chart-variance":                   "A/76/564, sect. III.A",
		"chart-vacancy":                    "A/76/564, résumé, «\u00a0Exécution du budget : ressources humaines\u00a0»",
		"chart-contingent-owned-equipment": "A/76/564, sect. III.E",
		"chart-output-delivery":            "A/76/564, sect. II.F",
	} {
		if want := `href="/fr/a-76-564/#` + chart + `" data-citation="` + cite + `"`; !strings.Contains(home, want) {
			t.Errorf("report home: no %s", want)
		}
	}
}

// TestQuotedTitlesMarkedFrench: on an English page, a citation quoting the
// report's French title marks it French, the chart's too (the vacancy
// chart cites the summary's human resources table: its quote was read
// with an English voice).
func TestQuotedTitlesMarkedFrench(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(public, "en", "a-76-564", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	quote := `“<span lang="fr">Exécution du budget : ressources humaines</span>”`
	if n := strings.Count(string(b), quote); n != 2 {
		t.Errorf("English report home: %d citations mark the human resources table's title French, want 2 (its table and the vacancy chart)", n)
	}
}
