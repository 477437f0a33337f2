package search

import (
	"strings"
	"testing"

	"pkportal/report"
)

// A delegate who types a paragraph's citation finds the paragraph.
func TestCitedParagraph(t *testing.T) {
	ix := realIndex(t)
	for _, c := range []struct {
		q, lang, title string
	}{
		{"A/76/564, par. 26", "fr", "Paragraphe 26"},
		{"a-76-564 paragraphe 26", "fr", "Paragraphe 26"},
		{"par. 26", "en", "Paragraph 26"},
		{"Para 26.", "fr", "Paragraphe 26"},
		{"§ 26", "fr", "Paragraphe 26"},
	} {
		res, total, err := ix.Search(c.q, Options{Lang: c.lang, Limit: 10})
		if err != nil || total != 1 || len(res) != 1 {
			t.Errorf("%q: %d results (%v), want paragraph 26", c.q, total, err)
			continue
		}
		r := res[0]
		if r.Kind != "paragraph" || !strings.HasSuffix(r.URL, "/#par-26") || !strings.HasPrefix(r.URL, "/"+c.lang+"/a-76-564/") ||
			r.Citation != map[string]string{"fr": "A/76/564, par. 26", "en": "A/76/564, para. 26"}[c.lang] || r.Title != c.title {
			t.Errorf("%q: %+v", c.q, r.Doc)
		}
	}
	// no such paragraph: nothing, said as such
	if res, total, err := ix.Search("A/76/564 par. 999", Options{}); err != nil || total != 0 || len(res) != 0 {
		t.Errorf("par. 999: %d results, %v", total, err)
	}
	// not a report of the index, or another kind asked for: the words are searched
	if _, _, err := ix.Search("rations par 26", Options{}); err != nil {
		t.Errorf("rations par 26: %v", err)
	}
	if res, _, _ := ix.Search("par. 26", Options{Kind: "table-row"}); len(res) > 0 && res[0].Kind != "table-row" {
		t.Errorf("kind table-row: %+v", res[0].Doc)
	}
}

func TestCitation(t *testing.T) {
	for q, want := range map[string]string{
		"A/76/564, par. 26":                  "a/76/564 paragraph par-26",
		"par 7":                              " paragraph par-7",
		"paragraph 74":                       " paragraph par-74",
		"§ 12":                               " paragraph par-12",
		"par. 26-28":                         " paragraph par-26 par-27 par-28",
		"A/76/564, paras. 26 and 27":         "a/76/564 paragraph par-26 par-27",
		"paragraphes 26, 30 et 31":           " paragraph par-26 par-30 par-31",
		"par. 26 à 27":                       " paragraph par-26 par-27",
		"sect. III.A":                        " heading iii-a",
		"A/76/564, section II.F.1":           "a/76/564 heading ii-f-1",
		"A/76/564, sect. II.F, composante 2": "a/76/564 heading ii-f-2",
		"A/76/564, résumé":                   "a/76/564 heading summary",
		"A/76/564, summary":                  "a/76/564 heading summary",
		"réalisation escomptée 2.1":          " accomplishment ea-2-1",
		"A/76/564, réalisation escomptée 5.1, produit 5":  "a/76/564 output ea-5-1-o5",
		"A/76/564, expected accomplishment 2.1, output 4": "a/76/564 output ea-2-1-o4",
		"EA 2.1, indicator 3":                             " indicator ea-2-1-i3",
		// as delegates also write them
		"indicateur 2.1.3":                                 " indicator ea-2-1-i3",
		"indicator 3 of expected accomplishment 2.1":       " indicator ea-2-1-i3",
		"indicateur 3 de la réalisation escomptée 2.1":     " indicator ea-2-1-i3",
		"produit 4 de la RE 2.1":                           " output ea-2-1-o4",
		"2.1, produit 4":                                   " output ea-2-1-o4",
		"A/76/564, réalisation escomptée 2.1, indicateurs": "a/76/564 accomplishment ea-2-1", // the portal's citation of the dataset
		"tableau III.A":                                    " table table-iii-a",
		"table iii-e-factors":                              " table table-iii-e-factors",
		"III.A":                                            " heading iii-a",
		"résolution 75/302, par. 12":                       " follow-up ",
		"2.1.3":                                            "",
		"2.1":                                              "",
		"produit 4":                                        "",
		"rations":                                          "",
		"résumé":                                           "",
		"par. 0":                                           "",
		"par. 30-26":                                       "",
		"A/76/564":                                         "",
		"drones par. 26 x":                                 "",
		"section":                                          "",
		"are 2.1":                                          "",
	} {
		c, ok := citation(q)
		got := ""
		if ok {
			got = c.report + " " + c.kind + " " + strings.Join(c.anchors, " ")
		}
		if got != want {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}

// A delegate who pastes any citation the portal prints finds what it cites.
func TestCitedThings(t *testing.T) {
	ix := realIndex(t)
	for _, c := range []struct{ q, lang, kind, url, citation string }{
		{"A/76/564, sect. III.A", "fr", "heading", "/fr/a-76-564/iii/#iii-a", "A/76/564, sect. III.A"},
		{"section VI", "en", "heading", "/en/a-76-564/vi/#vi", "A/76/564, sect. VI"},
		{"A/76/564, résumé", "fr", "heading", "/fr/a-76-564/#summary", "A/76/564, résumé"},
		{"A/76/564, summary", "en", "heading", "/en/a-76-564/#summary", "A/76/564, summary"}, // "summary" is in no French text
		{"A/76/564, réalisation escomptée 5.1, produit 5", "fr", "output", "/fr/a-76-564/ii-f-5/#ea-5-1-o5", "A/76/564, réalisation escomptée 5.1, produit 5"},
		{"A/76/564, expected accomplishment 2.1, indicator 3", "en", "indicator", "/en/a-76-564/ii-f-2/#ea-2-1-i3", "A/76/564, expected accomplishment 2.1, indicator 3"},
		{"réalisation escomptée 2.1", "fr", "accomplishment", "/fr/a-76-564/ii-f-2/#ea-2-1", "A/76/564, réalisation escomptée 2.1"},
		{"A/76/564, réalisation escomptée 2.1, indicateurs", "fr", "accomplishment", "/fr/a-76-564/ii-f-2/#ea-2-1", "A/76/564, réalisation escomptée 2.1"},
		{"indicator 2.1.3", "en", "indicator", "/en/a-76-564/ii-f-2/#ea-2-1-i3", "A/76/564, expected accomplishment 2.1, indicator 3"},
		{"2.1 produit 4", "fr", "output", "/fr/a-76-564/ii-f-2/#ea-2-1-o4", "A/76/564, réalisation escomptée 2.1, produit 4"},
		{"tableau III.A", "fr", "table", "/fr/a-76-564/tables/iii-a/#table-iii-a", "A/76/564, sect. III.A"},
		{"III.A", "en", "heading", "/en/a-76-564/iii/#iii-a", "A/76/564, sect. III.A"},
		{"resolution 75/302, para. 12", "en", "follow-up", "/en/a-76-564/vi/#vi-1", "A/76/564, sect. VI (resolution 75/302, para. 12)"},
		{"A/76/564, sect. VI (résolution 75/302, par. 12)", "fr", "follow-up", "/fr/a-76-564/vi/#vi-1", "A/76/564, sect. VI (résolution 75/302, par. 12)"},
		{realReport(t).CiteReport("en"), "en", "report", "/en/a-76-564/", "A/76/564"}, // the reference of "Cite this report"
		{realReport(t).CiteReport("fr"), "fr", "report", "/fr/a-76-564/", "A/76/564"},
	} {
		res, total, err := ix.Search(c.q, Options{Lang: c.lang, Limit: 10})
		if err != nil || total != 1 || len(res) != 1 {
			t.Errorf("%q: %d results (%v), want %s", c.q, total, err, c.url)
			continue
		}
		if r := res[0]; r.Kind != c.kind || r.URL != c.url || r.Citation != c.citation {
			t.Errorf("%q: %+v, want %s %s %q", c.q, r.Doc, c.kind, c.url, c.citation)
		}
	}
	// a range longer than maxCited is cut, still a citation
	if c, ok := citation("par 1-2000"); !ok || len(c.anchors) != maxCited || c.anchors[maxCited-1] != "par-50" {
		t.Errorf("par 1-2000: %v %v", ok, c.anchors)
	}
	res, total, err := ix.Search("par. 26-28", Options{Lang: "fr", Limit: 10})
	if err != nil || total != 3 || len(res) != 3 || !strings.HasSuffix(res[0].URL, "#par-26") || !strings.HasSuffix(res[2].URL, "#par-28") {
		t.Errorf("par. 26-28: %d results (%v): %+v", total, err, res)
	}
}

// Every citation the portal prints (the pages' "cite" lines, the search
// results', the data's), pasted into the search, finds what it cites first.
func TestPortalCitationsFindWhatTheyCite(t *testing.T) {
	ix := realIndex(t)
	for _, lang := range []string{"fr", "en"} {
		seen := map[string]bool{}
		for _, d := range Docs([]*report.Report{realReport(t)}, lang) {
			if seen[d.Citation] {
				continue
			}
			seen[d.Citation] = true
			res, _, err := ix.Search(d.Citation, Options{Lang: lang, Limit: 1})
			if err != nil || len(res) == 0 || res[0].Citation != d.Citation {
				t.Errorf("%s %q (%s %s): first result %v (%v)", lang, d.Citation, d.Kind, d.URL, res, err)
			}
		}
		if len(seen) < 400 {
			t.Errorf("%s: %d citations", lang, len(seen))
		}
	}
}

// A journalist who searches a budget line of section IV finds the
// paragraph that explains its variance (the line is its heading, not in
// its text).
func TestVarianceExplainedByItsLine(t *testing.T) {
	ix := realIndex(t)
	for q, par := range map[string]string{"voyages officiels": "#par-64", "opérations aériennes": "#par-69", "transports terrestres": "#par-67", "santé": "#par-72"} {
		inFirst(t, ix, q, "fr", 3, "", par)
	}
}

// A delegate citing a paragraph the report does not have ("par. 75" of 74)
// is told which it has; a paragraph it has, or a query that cites none,
// is no such case.
func TestMissingParagraph(t *testing.T) {
	ix := realIndex(t)
	for _, q := range []string{"par. 75", "A/76/564, par. 75", "paras 80-82"} {
		sym, first, last, ok := ix.Missing(q, Options{Lang: "en"})
		if !ok || sym != "A/76/564" || first != 1 || last != 74 {
			t.Errorf("%q: %q %d–%d %v, want A/76/564 1–74", q, sym, first, last, ok)
		}
	}
	for _, q := range []string{"par. 26", "par. 74-75", "rations", "A/99/1 par. 75", "réalisation escomptée 9.9"} {
		if sym, _, _, ok := ix.Missing(q, Options{}); ok {
			t.Errorf("%q: missing from %s", q, sym)
		}
	}
}

// A query shaped like a citation that finds nothing it would cite is
// searched as words ("personnel III.A": the class of expenditure in the
// table; "table iv" of a report without a table IV: section IV), as it
// was before citations of tables and sections by number alone; only a
// citation of paragraphs answers with nothing (Missing says why).
func TestCitationShapesFallBackToWords(t *testing.T) {
	ix := realIndex(t)
	for _, q := range []string{"personnel iii.a", "carburant iii.a", "i.a"} {
		_, n, err := ix.Search(q, Options{Lang: "fr"})
		if err == nil && n == 0 {
			_, n, err = ix.SearchSomeWords(q, Options{Lang: "fr"})
		}
		if err != nil || n == 0 {
			t.Errorf("%q: %d results (%v)", q, n, err)
		}
	}
	res, _, err := ix.Search("tableau IV", Options{Lang: "fr"})
	if err != nil || len(res) == 0 || !strings.HasSuffix(res[0].URL, "/iv/#iv") {
		t.Errorf("tableau IV: %v (%v), want section IV", res, err)
	}
	if res, _, _ := ix.SearchSomeWords("par. 75", Options{}); res != nil {
		t.Errorf("par. 75: some words found %v", res)
	}
	// the report's reference names a report of the index, or is words
	if got := ix.referenceOf("United Nations, “Rations”, drones"); got != "United Nations, “Rations”, drones" {
		t.Errorf("a reference to no report of the index read as %q", got)
	}
}

// A follow-up item's citation, as the portal writes it in either language,
// names the resolution paragraph it answers.
func TestAnswersOf(t *testing.T) {
	for cite, want := range map[string]string{
		"A/76/564, sect. VI (résolution 75/302, par. 12)":  "75/302 12",
		"A/76/564, sect. VI (resolution 75/302, para. 12)": "75/302 12",
		"A/76/564, sect. VI": "",
		"A/76/564, par. 26":  "",
	} {
		if got := answersOf(cite); got != want {
			t.Errorf("%q: %q, want %q", cite, got, want)
		}
	}
}
