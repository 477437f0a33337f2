package search

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"pkportal/ingest"
	"pkportal/report"
)

var (
	ixOnce   sync.Once
	ixFr     *Index
	ixReport *report.Report
	ixErr    error
)

func realIndex(t testing.TB) *Index {
	t.Helper()
	ixOnce.Do(func() {
		ixReport, ixErr = ingest.ParseFile("../sources/A-76-564.fr.txt")
		if ixErr == nil {
			ixFr, ixErr = FromReports([]*report.Report{ixReport})
		}
	})
	if ixErr != nil {
		t.Fatal(ixErr)
	}
	return ixFr
}

// realReport is the report of realIndex (do not change it).
func realReport(t testing.TB) *report.Report {
	realIndex(t)
	return ixReport
}

// TestRelevance: each query, written from the report, must bring the
// paragraph, row, indicator or output a reader looks for into the top 3.
// The comment says where the source has it. The queries with an /en/ URL
// are asked from the English UI, which searches the same French report:
// what an English reader can type there that the report holds — numbers
// printed the English way, symbols, acronyms, words both languages share.
func TestRelevance(t *testing.T) {
	ix := realIndex(t)
	for _, c := range []struct{ q, want string }{
		{"rations", "/fr/a-76-564/iii/#par-52"},                                      // par. 52: rations at four distribution points
		{"ration", "/fr/a-76-564/iii/#par-52"},                                       // plural folding
		{`"points de distribution"`, "/fr/a-76-564/iii/#par-52"},                     // phrase
		{"securite electorale", "/fr/a-76-564/ii-f-1/#ea-1-3-o13"},                   // accents: guides de sécurité électorale
		{"l'engin explosif", "/fr/a-76-564/ii-f-2/#ea-2-1-o17"},                      // elision and plural: dangers des engins explosifs
		{"acquisition imprévu", "/fr/a-76-564/iv/#par-71"},                           // feminine folded: l'acquisition imprévue de matériel
		{"émission quotidien", "/fr/a-76-564/ii-f-2/#ea-2-1-o24"},                    // feminine and plural: diffusion quotidienne d'émissions
		{"élections locales", "/fr/a-76-564/ii-f-1/#ea-1-3-o5"},                      // locales/locaux
		{"drone*", "/fr/a-76-564/ii-c/#par-19"},                                      // prefix: des systèmes de drones
		{"sécurité électorales*", "/fr/a-76-564/ii-f-1/#ea-1-3-o13"},                 // a prefix as the index stems it: electoral*
		{"1 010 véhicules", "/fr/a-76-564/ii-f-5/#ea-5-1-o38"},                       // a number with a thousands space
		{"A/74/745", "/fr/a-76-564/i/#par-1"},                                        // a document symbol
		{"A/76/564", "/fr/a-76-564/"},                                                // the report itself
		{"2020/21", "/fr/a-76-564/"},                                                 // the report's period (exercice 2020/21)
		{"206 098,9", "/fr/a-76-564/tables/summary-financial/#summary-financial-r2"}, // an amount as printed
		{`"1 183 384,7"`, "/fr/a-76-564/tables/iii-a/#iii-a-r32"},                    // the total apportionment
		{"Montant brut", "/fr/a-76-564/tables/iii-a/#iii-a-r28"},                     // a row label
		{"Police des Nations Unies", "/fr/a-76-564/tables/summary-hr/#summary-hr-r3"},
		{"observateurs militaires", "/fr/a-76-564/tables/iii-a/#iii-a-r2"},
		{"avions de renseignement", "/fr/a-76-564/iv/#par-69"}, // air operations variance
		{"heures de vol", "/fr/a-76-564/ii-f-5/#ea-5-1-i1"},    // indicator: flight hours
		{"eaux usées", "/fr/a-76-564/iv/#par-65"},              // facilities variance: waste water
		{"Kidal Kayes", "/fr/a-76-564/ii-f-1/#par-28"},         // meetings outside Bamako
		{"journalistes", "/fr/a-76-564/ii-f-1/#ea-1-3-o9"},
		{"projets à effet rapide", "/fr/a-76-564/tables/iii-a/#iii-a-r26"},
		{"vaccination", "/fr/a-76-564/ii-b/#par-14"},
		{"patrouilles pédestres", "/fr/a-76-564/ii-f-2/#ea-2-1-o2"},
		{"justice transitionnelle", "/fr/a-76-564/ii-f-3/#ea-3-3"},
		{"recrutement international", "/fr/a-76-564/ii-f-5/#ea-5-1-i2"},
		{"produit des placements", "/fr/a-76-564/tables/iii-d/#iii-d-r1"},
		{"statut des forces", "/fr/a-76-564/tables/iii-f/#iii-f-r1"},
		{"differentiel de transport", "/fr/a-76-564/tables/iii-e-factors/#iii-e-factors-r6"},
		{"75/302", "/fr/a-76-564/vi/#vi"},
		{"solde inutilisé", "/fr/a-76-564/#summary-p4"},
		{"coup d’État", "/fr/a-76-564/ii-b/#par-8"},
		{"Umoja", "/fr/a-76-564/vi/#vi-4"},
		{"indemnité de subsistance", "/fr/a-76-564/iv/#par-56"},
		{"remplacement des observateurs militaires", "/fr/a-76-564/iv/#par-55"},
		{"carburant", "/fr/a-76-564/ii-f-5/#ea-5-1-o20"},
		{"matériel majeur", "/fr/a-76-564/tables/iii-e/#iii-e-r1"},
		{"drones kind:output", "/fr/a-76-564/ii-f-2/#ea-2-1-o6"},                            // a filter typed in the query
		{"1,010", "/en/a-76-564/ii-f-5/#ea-5-1-o38"},                                        // "1 010" typed the English way
		{"13,833", "/en/a-76-564/ii-f-5/#ea-5-1-o35"},                                       // the contingents' average strength
		{"206,098.9", "/en/a-76-564/tables/summary-financial/#summary-financial-r2"},        // an amount, English format
		{"1,183,384.7", "/en/a-76-564/tables/iii-a/#iii-a-r32"},                             // the total apportionment
		{"A/74/745", "/en/a-76-564/i/#par-1"},                                               // a symbol, English UI
		{"75/302", "/en/a-76-564/vi/#vi"},                                                   // the resolution of section VI
		{"COVID-19", "/en/a-76-564/iv/#par-72"},                                             // tests and supplies for COVID-19
		{"UNOWAS", "/en/a-76-564/ii-d/#par-22"},                                             // an acronym
		{"drones", "/en/a-76-564/ii-c/#par-19"},                                             // a word both languages share
		{"helicopters", "/en/a-76-564/ii-f-5/#ea-5-1-o18"},                                  // hélicoptères, its feminine folded: the English word
		{"official travel", "/en/a-76-564/tables/iii-a/#iii-a-r17"},                         // a class of expenditure by its English name (report.EnglishRow)
		{"air operations", "/en/a-76-564/iv/#par-69"},                                       // and the variance paragraph it explains
		{"national professional officers", "/en/a-76-564/tables/summary-hr/#summary-hr-r7"}, // a category of personnel, named within its group ("Administrateurs")
		{"investment revenue", "/en/a-76-564/tables/iii-d/#iii-d-r1"},                       // a line of III.D
		{"status-of-forces agreement", "/en/a-76-564/tables/iii-f/#iii-f-r1"},               // and of III.F
		{"mission support initiatives", "/en/a-76-564/ii-c/#ii-c"},                          // a section by its standard English heading (report.EnglishTitle)
		{"mandate performance", "/en/a-76-564/#ii"},
		{"component 2", "/en/a-76-564/ii-f-2/#ii-f-2"},
		{"vaccination kind:paragraph", "/en/a-76-564/ii-b/#par-14"}, // and a filter
		{"rations lang:en", "/en/a-76-564/iii/#par-52"},             // the language typed in the query
	} {
		lang := "fr"
		if strings.HasPrefix(c.want, "/en/") && !strings.Contains(c.q, "lang:") {
			lang = "en"
		}
		if strings.Contains(c.q, "lang:") {
			lang = ""
		}
		res, total, err := ix.Search(c.q, Options{Limit: 3, Lang: lang})
		if err != nil {
			t.Errorf("%q: %v", c.q, err)
			continue
		}
		var got []string
		found := false
		for _, r := range res {
			got = append(got, r.URL)
			found = found || r.URL == c.want
		}
		if !found {
			t.Errorf("%q (%d results): %s not in top 3 %v", c.q, total, c.want, got)
		}
	}
}

func TestFilters(t *testing.T) {
	ix := realIndex(t)
	res, _, err := ix.Search("rations", Options{Kind: "paragraph", Limit: 50})
	if err != nil || len(res) == 0 {
		t.Fatalf("%v %d", err, len(res))
	}
	for _, r := range res {
		if r.Kind != "paragraph" {
			t.Errorf("kind filter let %s through", r.Kind)
		}
	}
	if res, _, _ := ix.Search("rations", Options{Report: "A/1/1"}); len(res) != 0 {
		t.Error("report filter let another report through")
	}
	if res, _, _ := ix.Search("rations", Options{Report: "a-76-564", Limit: 1}); len(res) != 1 {
		t.Error("report filter by slug")
	}
	all, total, _ := ix.Search("sécurité", Options{Limit: 50})
	page2, _, _ := ix.Search("sécurité", Options{Offset: 20, Limit: 20})
	if total <= 40 || len(page2) != 20 || page2[0].URL != all[20].URL {
		t.Errorf("paging: total %d, page 2 has %d", total, len(page2))
	}
	if _, _, err := ix.Search("le la les", Options{}); err != ErrEmpty {
		t.Errorf("stop words only: %v", err)
	}
}

func TestFiltersInQuery(t *testing.T) {
	ix := realIndex(t)
	res, total, err := ix.Search("drones kind:output", Options{Limit: 50})
	if err != nil || total == 0 {
		t.Fatalf("drones kind:output: %d results, %v", total, err)
	}
	for _, r := range res {
		if r.Kind != "output" || !strings.HasPrefix(r.URL, "/fr/") {
			t.Errorf("drones kind:output gave %s %s", r.Kind, r.URL)
		}
	}
	if _, same, _ := ix.Search("drones", Options{Kind: "output"}); same != total {
		t.Errorf("kind:output in q gives %d, as an option %d", total, same)
	}
	res, _, err = ix.Search("Report:A-76-564 LANG:en rations", Options{Limit: 1})
	if err != nil || len(res) != 1 || !strings.HasPrefix(res[0].URL, "/en/") || res[0].Title != "Paragraph 52" && !strings.HasPrefix(res[0].Title, "expected") {
		t.Errorf("report: and lang: in q: %v %+v", err, res)
	}
	var fe *FilterError
	for _, c := range []struct {
		q   string
		o   Options
		key string
	}{
		{"drones kind:poem", Options{}, "kind"},
		{"drones report:a-1-1", Options{}, "report"},
		{"drones lang:de", Options{}, "lang"},
		{"drones kind:", Options{}, "kind"},
		{"drones kind:output kind:paragraph", Options{}, "kind"},
		{"drones kind:output", Options{Kind: "paragraph"}, "kind"},
		{"drones lang:en", Options{Lang: "fr"}, "lang"},
		{"drones", Options{Report: "A/1/1"}, "report"},
	} {
		_, _, err := ix.Search(c.q, c.o)
		if !errors.As(err, &fe) || fe.Key != c.key || fe.Error() == "" {
			t.Errorf("%q %+v: error %v, want a FilterError on %s", c.q, c.o, err, c.key)
		}
	}
	if _, _, err := ix.Search("kind:output", Options{}); err != ErrEmpty {
		t.Errorf("filters only: %v, want ErrEmpty", err)
	}
	if res, _, _ := ix.Search(`"kind:output"`, Options{}); len(res) != 0 {
		t.Errorf("a quoted kind:output is words, not a filter")
	}
}

func TestVersionCheck(t *testing.T) {
	b := append([]byte(nil), realIndex(t).Bytes()...)
	b[len(magic)]++ // the version that follows the magic
	_, err := Open(b)
	if !errors.Is(err, ErrVersion) || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("another version: %v", err)
	}
	if _, err := Open([]byte("not an index")); err == nil {
		t.Error("garbage opened")
	}
	if _, err := Open(b[:20]); err == nil {
		t.Error("truncated file opened")
	}
}

func TestSnippetEscapesAndMarks(t *testing.T) {
	ix, err := Build([]Doc{{URL: "/x/", Kind: "paragraph", Text: `Les <script>alert("é")</script> & rations "fraîches"`}})
	if err != nil {
		t.Fatal(err)
	}
	res, _, _ := ix.Search("rations fraiches", Options{Limit: 1})
	if len(res) != 1 {
		t.Fatal("no result")
	}
	s := res[0].Snippet
	if strings.Contains(s, "<script>") || !strings.Contains(s, "&lt;script&gt;") || !strings.Contains(s, "&amp;") {
		t.Errorf("snippet not escaped: %s", s)
	}
	if !strings.Contains(s, "<mark>rations</mark>") || !strings.Contains(s, "<mark>fraîches</mark>") {
		t.Errorf("matches not marked: %s", s)
	}
}

func TestAnalyzer(t *testing.T) {
	for in, want := range map[string]string{
		"L’engin explosif":       "engin explosif",
		"Sécurité des élections": "securite election",
		"1 183 384,7 dollars":    "1183384 7 dollar",
		"les nouveaux régionaux": "nouveau regional",
		"Œuvre":                  "oeuvre",
	} {
		if got := strings.Join(terms(in), " "); got != want {
			t.Errorf("terms(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSnippetWindow(t *testing.T) {
	long := strings.Repeat("mot ", 60) + "rations " + strings.Repeat("fin ", 100)
	ix, err := Build([]Doc{{URL: "/a/", Kind: "paragraph", Text: long}, {URL: "/b/", Kind: "table-row", Label: "rations", Text: strings.Repeat("é", 300)}})
	if err != nil {
		t.Fatal(err)
	}
	res, total, _ := ix.Search("rations", Options{})
	if total != 2 {
		t.Fatalf("total %d", total)
	}
	for _, r := range res {
		n := utf8.RuneCountInString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(r.Snippet))
		if n > 250 {
			t.Errorf("%s: snippet of %d characters: %q", r.URL, n, r.Snippet)
		}
		if r.URL == "/a/" && (!strings.HasPrefix(r.Snippet, "… ") || !strings.Contains(r.Snippet, "<mark>rations</mark>") || !strings.HasSuffix(r.Snippet, " …")) {
			t.Errorf("window: %q", r.Snippet)
		}
	}
}

func TestParseNumbersAndFilters(t *testing.T) {
	for q, want := range map[string]string{
		"1,010 véhicules":       "1010 vehicule",
		"206,098.9":             "206098 9",
		"1,183,384.7":           "1183384 7",
		"3,5 %":                 "3 5",   // a French decimal stays
		"0,125":                 "0 125", // not a thousands group
		"1 010 KIND:output":     "1010",  // the filter is not a word
		`"kind:output" drones`:  "kind output drone",
		"report:a-76-564 Umoja": "umoja",
	} {
		cs, _, err := parse(q)
		if err != nil {
			t.Errorf("%q: %v", q, err)
			continue
		}
		var got []string
		for _, c := range cs {
			got = append(got, c.terms...)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("parse(%q) = %q, want %q", q, g, want)
		}
	}
	f, err := ParseFilters("drones KIND:output report:A/76/564 lang:en")
	if err != nil || f != (Filters{Kind: "output", Report: "A/76/564", Lang: "en"}) {
		t.Errorf("ParseFilters: %+v %v", f, err)
	}
}
