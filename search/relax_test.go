package search

import (
	"errors"
	"html"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// A query whose words are not all in one document finds the documents
// with most of them: the report's words differ from the reader's ("non
// déployés" where it prints "n'ont pas été déployés").
func TestSearchSomeWords(t *testing.T) {
	ix := realIndex(t)
	for q, want := range map[string]string{
		"drones non déployés":          "drones",
		"combien la mission a dépensé": "dépens",
		"dépenses carburant":           "carburant",
	} {
		if _, total, err := ix.Search(q, Options{Lang: "fr"}); err != nil || total != 0 {
			t.Fatalf("%q: Search finds %d (%v): choose a query it does not find", q, total, err)
		}
		res, total, err := ix.SearchSomeWords(q, Options{Lang: "fr", Limit: 5})
		if err != nil || total == 0 || len(res) == 0 {
			t.Errorf("%q: %d results (%v)", q, total, err)
			continue
		}
		marked := false
		for _, r := range res {
			marked = marked || strings.Contains(strings.ToLower(r.Snippet), "<mark>"+want)
		}
		if !marked {
			t.Errorf("%q: no result of the first 5 marks %q: %+v", q, want, res)
		}
	}
	// a query of stop words only says so; one word, or a citation of
	// nothing, finds no more than Search
	if _, _, err := ix.SearchSomeWords("de la", Options{}); err != ErrEmpty {
		t.Errorf("de la: %v, want ErrEmpty", err)
	}
	for _, q := range []string{"zzzqqq", "A/76/564, par. 9999", "sect. XI"} {
		if res, total, err := ix.SearchSomeWords(q, Options{}); err != nil || total != 0 || len(res) != 0 {
			t.Errorf("%q: %d results (%v), want none", q, total, err)
		}
	}
	// the most complete first: the first result holds two of the words
	res, _, _ := ix.SearchSomeWords("drones aériens xyzzy", Options{Lang: "fr", Limit: 3})
	if len(res) == 0 || strings.Count(strings.ToLower(res[0].Snippet), "<mark>") < 2 {
		t.Errorf("drones aériens xyzzy: first result %+v, want one with both words marked", res)
	}
	// a report's symbol among the words is the filter here too
	res, _, err := ix.SearchSomeWords("A/76/564 drones xyzzy", Options{Lang: "fr", Limit: 50})
	for _, r := range res {
		if r.Kind == "report" || err != nil {
			t.Errorf("A/76/564 drones xyzzy: the report's own record among the results (%v)", err)
			break
		}
	}
}

// A report's symbol typed among words is the report filter: "A/76/564
// rations" finds what "rations" finds in that report (nothing before: the
// symbol is in no document's text).
func TestReportSymbolAmongWords(t *testing.T) {
	ix := realIndex(t)
	_, want, err := ix.Search("rations", Options{Lang: "fr"})
	if err != nil || want == 0 {
		t.Fatalf("rations: %d, %v", want, err)
	}
	for _, q := range []string{"A/76/564 rations", "rations A/76/564", "a-76-564, rations"} {
		if _, got, err := ix.Search(q, Options{Lang: "fr"}); err != nil || got != want {
			t.Errorf("%q: %d results (%v), want %d", q, got, err, want)
		}
	}
	if res, got, err := ix.Search("A/76/564", Options{Lang: "fr"}); err != nil || got != 1 || res[0].Kind != "report" {
		t.Errorf("A/76/564 alone: %d results (%v), want the report", got, err)
	}
	// the symbol becomes the filter, not a word dropped; a filter is not a
	// word; a citation keeps its report
	for q, want := range map[string][2]string{
		"A/76/564 rations":       {"rations", "A/76/564"},
		"rations, a-76-564":      {"rations,", "a-76-564"},
		"A/76/564 kind:report":   {"A/76/564 kind:report", ""},
		"A/76/564, résumé":       {"A/76/564, résumé", ""},
		"A/76/564 zzz report:x1": {"A/76/564 zzz report:x1", ""},
	} {
		got, o := ix.reportWord(q, Options{})
		if got != want[0] || o.Report != want[1] {
			t.Errorf("reportWord(%q) = %q, report %q; want %q, %q", q, got, o.Report, want[0], want[1])
		}
	}
}

// A snippet cut short ends with a whole word: 60 of 305 ended in the
// middle of one ("déploy …").
func TestSnippetsEndWithAWord(t *testing.T) {
	ix := realIndex(t)
	cut := 0
	for _, q := range []string{"drones", "rations", "carburant", "élections", "Kidal", "mission", "dépenses"} {
		res, _, err := ix.Search(q, Options{Lang: "fr", Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			s, ok := strings.CutSuffix(r.Snippet, " …")
			if !ok {
				continue
			}
			cut++
			s = html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(strings.TrimPrefix(s, "… ")))
			i := strings.Index(r.Text, s)
			if i < 0 {
				t.Errorf("%s: snippet %q not in its text", r.URL, s)
				continue
			}
			if next := r.Text[i+len(s):]; next != "" && next[0] != ' ' {
				t.Errorf("%s: snippet ends inside a word: …%q|%q", r.URL, s[max(0, len(s)-20):], next[:min(len(next), 10)])
			}
		}
	}
	if cut < 50 {
		t.Errorf("only %d snippets cut short: choose queries with long texts", cut)
	}
}

// A table's headings and notes find the table: "taux de vacance" is a
// column of the summary's human resources table, in none of its rows.
func TestTableFoundByItsHeadings(t *testing.T) {
	ix := realIndex(t)
	for q, want := range map[string]string{
		"taux de vacance":                       "/fr/a-76-564/tables/summary-hr/#table-summary-hr",
		"montant alloué":                        "/fr/a-76-564/tables/summary-financial/#table-summary-financial",
		"Niveau maximum de l’effectif autorisé": "/fr/a-76-564/tables/summary-hr/#table-summary-hr",
	} {
		inFirst(t, ix, q, "fr", 5, "#table-", want)
	}
	// a row outside any group has no dangling dash
	res, _, _ := ix.Search("Observateurs militaires", Options{Lang: "fr", Kind: "table-row", Limit: 20})
	for _, r := range res {
		if strings.HasPrefix(r.Snippet, " — ") || strings.HasPrefix(r.Snippet, "— ") {
			t.Errorf("%s: snippet %q", r.URL, r.Snippet)
		}
	}
}

// A -word keeps out the texts that hold it: "rations -kidal" finds the
// rations texts that do not name Kidal (the minus was ignored, and
// "-kidal" required).
func TestMinusWord(t *testing.T) {
	ix := realIndex(t)
	all, n, err := ix.Search("rations", Options{Lang: "fr"})
	if err != nil || n == 0 {
		t.Fatal(n, err)
	}
	kidal := 0
	for _, r := range all {
		if strings.Contains(strings.ToLower(r.Text), "kidal") {
			kidal++
		}
	}
	res, m, err := ix.Search("rations -kidal", Options{Lang: "fr"})
	if err != nil || kidal == 0 || m != n-kidal {
		t.Errorf("rations -kidal: %d results (%v), want %d of rations' %d without the %d naming Kidal", m, err, n-kidal, n, kidal)
	}
	for _, r := range res {
		if strings.Contains(strings.ToLower(r.Text), "kidal") {
			t.Errorf("rations -kidal: %s names Kidal", r.URL)
		}
	}
	if _, m, _ := ix.Search("rations -rations", Options{Lang: "fr"}); m != 0 {
		t.Errorf("rations -rations: %d results", m)
	}
	if _, _, err := ix.Search("-rations", Options{Lang: "fr"}); err != ErrEmpty {
		t.Errorf("-rations alone: %v, want ErrEmpty", err)
	}
	// a minus before a figure is its sign
	if _, m, err := ix.Search("-9444,2", Options{Lang: "fr"}); err != nil || m == 0 {
		t.Errorf("-9444,2: %d results (%v)", m, err)
	}
}

// On the English UI, a table or section of a French report is found by
// the English names the English pages and data print ("vacancy rate",
// "contingent-owned equipment", "analysis of variances"): none was found.
func TestEnglishNamesOnTheEnglishUI(t *testing.T) {
	ix := realIndex(t)
	for q, want := range map[string]string{
		"vacancy rate":               "/en/a-76-564/tables/summary-hr/#table-summary-hr",
		"contingent-owned equipment": "/en/a-76-564/tables/iii-e/#table-iii-e",
		"analysis of variances":      "/en/a-76-564/iv/#iv",
		"apportionment expenditure":  "/en/a-76-564/tables/iii-a/#table-iii-a",
	} {
		inFirst(t, ix, q, "en", 5, "", want)
	}
}

// inFirst fails the test unless the first n results of q, in UI language
// lang, hold a result whose URL is want (or, with want starting with
// "#", ends with it), and whose URL also holds must.
func inFirst(t *testing.T, ix *Index, q, lang string, n int, must, want string) {
	t.Helper()
	res, _, err := ix.Search(q, Options{Lang: lang, Limit: n})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		if (r.URL == want || strings.HasPrefix(want, "#") && strings.HasSuffix(r.URL, want)) && strings.Contains(r.URL, must) {
			return
		}
	}
	t.Errorf("%q (%s UI): %s not in the first %d: %+v", q, lang, want, n, res)
}

// frCount returns the number of documents a query finds on the French UI.
func frCount(t *testing.T, ix *Index) func(q string) int {
	return func(q string) int {
		t.Helper()
		_, n, err := ix.Search(q, Options{Lang: "fr"})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		return n
	}
}

// "a OR b" finds the documents holding either word (or prefix), counted
// once; in lower case, "or" is the stop word it was, and the words are
// all required.
func TestOr(t *testing.T) {
	ix := realIndex(t)
	count := frCount(t, ix)
	a, b, both := count("drones"), count("hélicoptères"), count("drones hélicoptères")
	if a == 0 || b == 0 {
		t.Fatalf("drones %d, hélicoptères %d", a, b)
	}
	for _, q := range []string{"drones OR hélicoptères", "drones OU hélicoptères", "hélicoptères OR drones"} {
		if n := count(q); n != a+b-both {
			t.Errorf("%q: %d results, want %d (drones) + %d (hélicoptères) - %d (both)", q, n, a, b, both)
		}
	}
	if n := count("drones or hélicoptères"); n != both {
		t.Errorf("drones or hélicoptères (lower case): %d results, want the %d holding both", n, both)
	}
	if n := count("drones OR"); n != a {
		t.Errorf("drones OR: %d results, want drones' %d", n, a)
	}
	// with another word, which every result holds, and a prefix
	res, n, err := ix.Search("kidal drones OR hélicopt*", Options{Lang: "fr"})
	if err != nil || n == 0 {
		t.Fatalf("kidal drones OR hélicopt*: %d (%v)", n, err)
	}
	for _, r := range res {
		text := strings.ToLower(r.Label + " " + r.Text)
		if !strings.Contains(text, "kidal") || !strings.Contains(text, "drone") && !strings.Contains(text, "hélicopt") {
			t.Errorf("kidal drones OR hélicopt*: %s holds neither, or not Kidal: %.120s", r.URL, r.Text)
		}
		if !strings.Contains(r.Snippet, "<mark>") {
			t.Errorf("kidal drones OR hélicopt*: %s: nothing marked in %q", r.URL, r.Snippet)
		}
	}
}

// An OR beside a quoted phrase joins nothing (the phrase stood between
// the words: "drones OR "heures de vol" mission" was drones OR mission);
// a prefix is the words starting with it, or the term its whole is
// stemmed to ("vers*" found "version"-less texts through "ver*"); the
// same word twice in an OR counts once.
func TestOrAndPrefixesReadAsWritten(t *testing.T) {
	ix := realIndex(t)
	count := frCount(t, ix)
	for q, same := range map[string]string{
		`drones OR "heures de vol" mission`:           `drones "heures de vol" mission`,
		`rations OR "points de distribution" mission`: `rations "points de distribution" mission`,
		"produits prévus":                             "produits prévu", // -us folded as -u: prévus, prévu
	} {
		if a, b := count(q), count(same); a != b {
			t.Errorf("%q: %d results, want %q's %d", q, a, same, b)
		}
	}
	for _, q := range []string{"vers*", "fonds*"} {
		res, n, err := ix.Search(q, Options{Lang: "fr"})
		if err != nil || n == 0 {
			t.Fatalf("%q: %d (%v)", q, n, err)
		}
		p := strings.TrimSuffix(q, "*")
		whole := string(stemBytes([]byte(p))) // the term of the word p itself
		for _, r := range res {
			if !slices.ContainsFunc(terms(r.Label+" "+r.Text), func(t string) bool { return strings.HasPrefix(t, p) || t == whole }) {
				t.Errorf("%q: %s holds no word starting with %q, nor %q: %.100s", q, r.URL, p, whole, r.Text)
			}
		}
	}
	if a, b := count("électorales*"), count("électoral"); a < b {
		t.Errorf("électorales*: %d results, fewer than électoral's %d", a, b)
	}
	one, _, _ := ix.Search("drones", Options{Lang: "fr", Limit: 1})
	two, _, _ := ix.Search("drones OR drone", Options{Lang: "fr", Limit: 1})
	if len(one) == 0 || len(two) == 0 || one[0].Score != two[0].Score {
		t.Errorf("drones OR drone scores the same term twice: %v against %v", two, one)
	}
}

// The fallback takes "a OR b" as one of the query's words: a text holding
// Kidal and drones holds two of "kidal drones OR hélicoptères xyzzy", one
// holding helicopters only, one.
func TestSomeWordsWithOr(t *testing.T) {
	if got := joinAlternatives([]string{"kidal", "drones", "OR", "hélicoptères", "xyzzy", "OR"}); !slices.Equal(got, []string{"kidal", "drones OR hélicoptères", "xyzzy", "OR"}) {
		t.Errorf("joinAlternatives: %q", got)
	}
	ix := realIndex(t)
	res, _, err := ix.SearchSomeWords("kidal drones OR hélicoptères xyzzy", Options{Lang: "fr", Limit: 5})
	if err != nil || len(res) == 0 {
		t.Fatalf("%d results (%v)", len(res), err)
	}
	text := strings.ToLower(res[0].Label + " " + res[0].Text)
	if !strings.Contains(text, "kidal") || !strings.Contains(text, "drone") && !strings.Contains(text, "hélicopt") {
		t.Errorf("first result %s holds not Kidal and drones or helicopters: %.160s", res[0].URL, res[0].Text)
	}
}

// A paragraph's title is read in the UI's language: on the English UI, a
// paragraph the report does not number is titled by its section's English
// name when there is one ("Summary", not "Résumé" read with an English
// voice), one of section IV by its number and the budget line it explains
// in English ("Paragraph 69 — Air operations"); on the French UI, by the
// report's words.
func TestParagraphTitles(t *testing.T) {
	ix := realIndex(t)
	for _, c := range []struct{ q, anchor, en, fr string }{
		{"solde inutilisé", "#summary-p4", "Summary", "Résumé"},
		{"par. 69", "#par-69", "Paragraph 69 — Air operations", "Paragraphe 69 — Opérations aériennes"},
	} {
		for lang, want := range map[string]string{"en": c.en, "fr": c.fr} {
			res, _, err := ix.Search(c.q, Options{Lang: lang, Limit: 20})
			if err != nil {
				t.Fatal(err)
			}
			i := slices.IndexFunc(res, func(r Result) bool { return strings.HasSuffix(r.URL, c.anchor) })
			if i < 0 || res[i].Title != want {
				t.Errorf("%s %q: %s in %v, want it titled %q", lang, c.q, c.anchor, res, want)
			}
		}
	}
}

// A reader of the French pages types the kinds in French ("kind:tableau",
// "kind:produit", "kind:réalisation"): the same documents as their
// English names; an unknown name is still refused with the accepted ones.
func TestFrenchKinds(t *testing.T) {
	ix := realIndex(t)
	for fr, en := range map[string]string{"tableau": "table", "produit": "output", "Réalisation": "accomplishment", "ligne": "table-row", "paragraphe": "paragraph"} {
		a, n, err := ix.Search("drones kind:"+fr, Options{Lang: "fr"})
		b, m, _ := ix.Search("drones kind:"+en, Options{Lang: "fr"})
		if err != nil || n != m || len(a) != len(b) {
			t.Errorf("kind:%s: %d results (%v), kind:%s %d", fr, n, err, en, m)
		}
		for _, r := range a {
			if r.Kind != en {
				t.Errorf("kind:%s: %s is a %s", fr, r.URL, r.Kind)
			}
		}
	}
	var fe *FilterError
	if _, _, err := ix.Search("drones kind:tableaux", Options{Lang: "fr"}); !errors.As(err, &fe) || !slices.Contains(fe.Accepted, "table") {
		t.Errorf("kind:tableaux: %v, want a FilterError listing the kinds", err)
	}
}

// The live search's script marks the same titles as the results page:
// its list of kinds titled by the report's words is TitleIsText's.
func TestScriptKnowsTitledKinds(t *testing.T) {
	b, err := os.ReadFile("../assets/ts/main.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`const titledByText = \[([^\]]*)\]`).FindSubmatch(b)
	if m == nil {
		t.Fatal("main.ts has no titledByText")
	}
	var script, want []string
	for _, k := range strings.Split(string(m[1]), ",") {
		script = append(script, strings.Trim(strings.TrimSpace(k), `"`))
	}
	for _, k := range Kinds {
		if TitleIsText(k) {
			want = append(want, k)
		}
	}
	if !slices.Equal(script, want) {
		t.Errorf("main.ts titledByText = %q, TitleIsText's kinds %q", script, want)
	}
}
