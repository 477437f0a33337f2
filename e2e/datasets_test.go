package e2e

import (
	"bytes"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pkportal/csvout"
	"pkportal/ingest"
	"pkportal/report"
)

// TestDatasetPagesReadAsTheReport checks the page of each dataset that is
// not a report table (an accomplishment's indicators or outputs, the
// variances, the follow-up), in both UI languages: it shows what the
// report prints (each indicator, output, variance item and request at its
// anchor, with its text), in the reader's words, and none of the CSV's
// field names or status keys, which are for machines.
func TestDatasetPagesReadAsTheReport(t *testing.T) {
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	eas := map[string]*report.Accomplishment{}
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			eas[ea.ID] = ea
		}
	}
	words := map[string][2]string{ // a status as the reader reads it, per UI language
		"fr": {"Non classé", "Prévu"},
		"en": {"Not classified", "Planned"},
	}
	pages := 0
	for _, lang := range []string{"fr", "en"} {
		for _, d := range csvout.Datasets(r) {
			if d.Table != nil {
				continue
			}
			pages++
			name := filepath.Join(public, lang, r.Slug, "tables", d.ID, "index.html")
			b, err := os.ReadFile(name)
			if err != nil {
				t.Error(err)
				continue
			}
			page := html.UnescapeString(string(b))
			has := func(what, s string) {
				t.Helper()
				if !strings.Contains(page, s) {
					t.Errorf("%s: no %s %.80q", name, what, s)
				}
			}
			for _, f := range d.Frame.Fields {
				if strings.Contains(f, "_") && strings.Contains(page, f) {
					t.Errorf("%s shows the field name %s", name, f)
				}
				if strings.Contains(page, ">"+f+"<") {
					t.Errorf("%s shows the field name %s as a heading or cell", name, f)
				}
			}
			switch d.Kind {
			case "indicators":
				ea := eas[strings.TrimSuffix(d.ID, "-indicators")]
				has("heading", ">"+words[lang][1]+"<")
				has("title telling it from the outputs' page", " — Indicateurs de succès</h1>")
				for _, in := range ea.Indicators {
					has("indicator anchor", `id="`+in.ID+`"`)
					has("indicator text", in.Planned)
					if in.Status == report.StatusNotAssessable {
						has("status", words[lang][0])
					}
				}
				if strings.Contains(page, ">"+report.StatusNotAssessable+"<") {
					t.Errorf("%s shows the status key %s", name, report.StatusNotAssessable)
				}
			case "outputs":
				has("title telling it from the indicators' page", " — Produits</h1>")
				for _, o := range eas[strings.TrimSuffix(d.ID, "-outputs")].Outputs {
					has("output anchor", `id="`+o.ID+`"`)
					has("output text", o.Planned)
					for _, c := range o.Completed {
						has("delivered figure", c.Raw)
					}
				}
			case "variances":
				for _, va := range r.Variances {
					has("variance anchor", `id="`+va.ID+`"`)
					has("variance label", va.Label)
					for _, n := range va.Paragraphs {
						has("explaining paragraph", `id="par-`+strconv.Itoa(n)+`"`)
					}
				}
			case "follow-up":
				for _, f := range r.FollowUp {
					has("request anchor", `id="`+f.ID+`"`)
					has("citation by the resolution's paragraph", " "+f.Resolution+map[string]string{"fr": ", par. ", "en": ", para. "}[lang]+f.ResolutionParagraph+")</a>")
					has("request", f.Request)
				}
			default:
				t.Errorf("dataset %s: kind %q not checked", d.ID, d.Kind)
			}
		}
	}
	if pages < 2*30 {
		t.Errorf("%d dataset pages checked, want the real report's 34 in each language", pages)
	}
}

// TestPortalNotesInTheReadersLanguage: the portal's statements about the
// source (section III.C's monthly figures are a chart in the PDF) are
// written in the page's language, as the rest of the page.
func TestPortalNotesInTheReadersLanguage(t *testing.T) {
	found := 0
	for _, lang := range []string{"fr", "en"} {
		err := filepath.WalkDir(filepath.Join(public, lang), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range portalNote.FindAllStringSubmatch(string(b), -1) {
				found++
				// the note is in the page's language: said so when it sits in
				// the report's text of another language
				if (m[1] != "" && m[1] != ` lang="`+lang+`"`) || strings.Contains(m[2], `lang="`) {
					t.Errorf("%s: a portal note in another language: %s", p, m[0])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if found < 2 {
		t.Errorf("%d portal notes found, want III.C's in each language", found)
	}
}

var portalNote = regexp.MustCompile(`<p class="portal-note"( lang="[a-z]+")?>(.*?)</p>`)

// TestChartCountingRuleShown: the output delivery chart's counting rule is
// printed under it, in the page's language, for every reader (the chart's
// <desc> reaches assistive technologies only), saying that the portal
// counted the figures.
func TestChartCountingRuleShown(t *testing.T) {
	for lang, want := range map[string]string{
		"fr": "<p class=\"chart-note\">Chiffres comptés par le portail à partir des produits de la section II.F\u00a0; le rapport ne les imprime pas. Un produit est compté exécuté lorsque",
		"en": `<p class="chart-note">Figures counted by the portal from the outputs of section II.F; the report does not print them. An output is counted as completed when`,
	} {
		b, err := os.ReadFile(filepath.Join(public, lang, "a-76-564", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), want) {
			t.Errorf("%s report home: no %s", lang, want)
		}
	}
}

// TestSourceDiscrepanciesInTheReadersWords: III.B's discrepancy of the
// source (206 098,8 printed where III.A's expenditure is 206 098,9) is said
// in the page's language with its figures formatted for it, not in
// ingest's English with the source's line numbers.
func TestSourceDiscrepanciesInTheReadersWords(t *testing.T) {
	for lang, want := range map[string][]string{
		"fr": {"le rapport imprime 206\u202f098,8", "attend 206\u202f098,9"},
		"en": {"the report prints 206,098.8", "expects 206,098.9"},
	} {
		for _, page := range []string{"iii", "tables/iii-b"} {
			b, err := os.ReadFile(filepath.Join(public, lang, "a-76-564", page, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			m := warningsDiv.FindString(string(b))
			if !strings.HasPrefix(m, `<div class="warnings" lang="`+lang+`">`) || strings.Count(m, `lang="`) != 1 || strings.Contains(m, "line ") {
				t.Errorf("%s %s: warnings %q", lang, page, m)
			}
			for _, w := range want {
				if !strings.Contains(m, w) {
					t.Errorf("%s %s: no %q in %q", lang, page, w, m)
				}
			}
		}
	}
}

var warningsDiv = regexp.MustCompile(`<div class="warnings".*?</div>`)

// TestHeadingFootnotesOnTheirPages: a footnote called by a heading
// ("IV. Analyse des écarts¹": variances are analysed from ± 5 % or
// 100 000 dollars) is on the heading's page, called from the heading, and
// on the page of the dataset the section holds.
func TestHeadingFootnotesOnTheirPages(t *testing.T) {
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, n := range r.Footnotes {
		text[n.Label] = n.Text
	}
	pageOf := r.PageOf()
	called := 0
	r.Walk(func(s *report.Section) {
		for _, label := range s.Notes {
			called++
			for _, lang := range []string{"fr", "en"} {
				home, err := os.ReadFile(filepath.Join(public, lang, r.Slug, "index.html"))
				if err != nil {
					t.Fatal(err)
				}
				// the home lists every footnote: this one says which heading calls it
				if want := `<li id="note-` + label + `"><sup>` + label + `</sup> <a href="` + r.URL(lang, pageOf[s.ID], s.ID) + `">`; !strings.Contains(string(home), want) {
					t.Errorf("%s report home: no %s", lang, want)
				}
				pages := []string{filepath.Join(lang, r.Slug, pageOf[s.ID], "index.html")}
				if s.ID == "iv" {
					pages = append(pages, filepath.Join(lang, r.Slug, "tables", "iv", "index.html"))
				}
				for i, p := range pages {
					b, err := os.ReadFile(filepath.Join(public, p))
					if err != nil {
						t.Fatal(err)
					}
					page := html.UnescapeString(string(b))
					if !strings.Contains(page, `<li id="note-`+label+`"><sup>`+label+`</sup> `+text[label]) {
						t.Errorf("%s: no note %s of heading %s", p, label, s.ID)
					}
					if i == 0 && !strings.Contains(page, `<sup class="nm"><a href="#note-`+label+`"`) {
						t.Errorf("%s: heading %s does not call note %s", p, s.ID, label)
					}
				}
			}
		}
	})
	if called == 0 {
		t.Error("no heading calls a footnote: section IV's does")
	}
}

// TestRedirectPagesReadWell: the pages that only send the reader on (the
// site root, a paragraph's permalink, the permalinks' folder) say where in
// the page's language, fit a phone and name their target as canonical.
func TestRedirectPagesReadWell(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"index.html", `<html lang="fr">`},
		{"index.html", `<title>Portail de l’exécution des budgets de maintien de la paix</title>`},
		{"fr/a-76-564/par/26/index.html", `<link rel="canonical" href="/fr/a-76-564/ii-f-1/#par-26">`},
		{"fr/a-76-564/par/26/index.html", `Redirection vers le paragraphe`},
		{"en/a-76-564/par/index.html", `Redirecting to the report <a href="/en/a-76-564/">`},
	} {
		b, err := os.ReadFile(filepath.Join(public, c.file))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if !strings.Contains(page, c.want) || !strings.Contains(page, `<meta name="viewport"`) {
			t.Errorf("%s: no %s, or no viewport: %.600s", c.file, c.want, page)
		}
	}
}

// TestChartLabelsInTheirLanguage: on the English report home of a French
// report, the charts' data tables name their rows in French, marked as
// such, so that a screen reader reads them with a French voice.
func TestChartLabelsInTheirLanguage(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(public, "en", "a-76-564", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	figures := chartFigure.FindAllString(string(b), -1)
	if len(figures) < 3 {
		t.Fatalf("%d charts on the English report home", len(figures))
	}
	for _, f := range figures {
		for _, th := range rowHeader.FindAllString(f, -1) {
			if !strings.Contains(th, `lang="fr"`) {
				t.Errorf("row label without its language: %s", th)
			}
		}
	}
}

var (
	chartFigure = regexp.MustCompile(`(?s)<figure class="chart".*?</figure>`)
	rowHeader   = regexp.MustCompile(`<th scope="row"[^>]*>`)
)

// TestUIWordsMarkedInReportText: on an English page of a French report,
// the UI's English words inside the report's French text (the terms of an
// indicator, its status, a paragraph number's label) are marked English,
// so that a screen reader does not read them with a French voice; on a
// French page nothing needs marking.
func TestUIWordsMarkedInReportText(t *testing.T) {
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(public, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	en := read("en/a-76-564/ii-f-2/index.html")
	dts := dtTag.FindAllStringSubmatch(en, -1)
	if len(dts) < 20 {
		t.Fatalf("%d terms on the English page of component 2", len(dts))
	}
	for _, m := range dts {
		if !strings.HasPrefix(m[1], `<span lang="en">`) {
			t.Errorf("term not marked English: %s", m[0])
			break
		}
	}
	for _, want := range []string{`<span class="status status-achieved"><span lang="en">Achieved</span></span>`, `lang="en" aria-label="Paragraph `} {
		if !strings.Contains(en, want) {
			t.Errorf("English page of component 2: no %s", want)
		}
	}
	if fr := read("fr/a-76-564/ii-f-2/index.html"); strings.Contains(fr, `<span lang="`) || strings.Contains(fr, `lang="fr" aria-label`) {
		t.Error("French page of a French report marks words of a language")
	}
}

var dtTag = regexp.MustCompile(`<dt>(.*?)</dt>`)

// TestSpreadsheetDownloadsOpen: every "CSV for Excel" link of the site is
// answered by the CSV function with a file a spreadsheet of the page's
// language opens: a byte order mark, and on French pages ";" between the
// fields and a decimal comma (III.A's first amount, 2 165,6).
func TestSpreadsheetDownloadsOpen(t *testing.T) {
	links := map[string]string{} // URL → language of the page
	for name, doc := range readSite(t) {
		for _, l := range doc.links {
			if u := html.UnescapeString(l); strings.HasPrefix(u, "/api/csv?") {
				links[u] = strings.SplitN(name, "/", 2)[0]
			}
		}
	}
	if len(links) < 2*40 {
		t.Fatalf("%d spreadsheet links, want one per dataset in each language", len(links))
	}
	for u, lang := range links {
		b := get(t, u)
		if !bytes.HasPrefix(b, []byte("\ufeff")) {
			t.Errorf("%s: no byte order mark", u)
		}
		header, _, _ := strings.Cut(string(b), "\n")
		if lang == "fr" && !strings.Contains(header, ";") {
			t.Errorf("%s (French page): header %q not separated by ;", u, header)
		}
		if lang == "fr" && strings.Contains(u, "table=iii-a&") && !strings.Contains(string(b), ";2165,6;") {
			t.Errorf("%s: no 2165,6 in %.300s", u, b)
		}
	}
}

// TestReportTextAsPrinted: what the report prints on several lines keeps
// its lines (an indicator's actual figure, then why), and a follow-up
// heading, part of the report's text, is in the report's language on
// every page.
func TestReportTextAsPrinted(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		b, err := os.ReadFile(filepath.Join(public, lang, "a-76-564", "ii-f-2", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if want := "processus accéléré de désarmement, démobilisation et réintégration<br>Ce chiffre, inférieur aux prévisions"; !strings.Contains(html.UnescapeString(string(b)), want) {
			t.Errorf("%s ii-f-2: no %q", lang, want)
		}
		b, err = os.ReadFile(filepath.Join(public, lang, "a-76-564", "vi", "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if want := "Assemblée générale (résolution 75/302, par. 12)"; !strings.Contains(html.UnescapeString(string(b)), want) {
			t.Errorf("%s vi: no %q", lang, want)
		}
	}
}

// TestOtherLanguagesMarked: words of one language on a page of the other
// carry their language: the language switch's label, the report's titles
// in the pager and in a citation, the English "Summary" heading of the
// report's French summary, the French terms of the English glossary.
func TestOtherLanguagesMarked(t *testing.T) {
	for _, c := range []struct{ file, want string }{
		{"en/index.html", `<nav aria-label="Français" lang="fr">`},
		{"fr/index.html", `<nav aria-label="English" lang="en">`},
		{"en/a-76-564/ii-a/index.html", `rel="next" href="/en/a-76-564/ii-b/"><span class="dir">Next</span> <span lang="fr">`},
		{"en/a-76-564/index.html", `<h2 id="summary" lang="en">Summary</h2>`},
		{"en/a-76-564/index.html", `A/76/564, summary, “<span lang="fr">`},
		{"en/glossary/index.html", `<i lang="fr">Montant alloué.</i>`},
	} {
		b, err := os.ReadFile(filepath.Join(public, c.file))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(html.UnescapeString(string(b)), c.want) {
			t.Errorf("%s: no %s", c.file, c.want)
		}
	}
}
