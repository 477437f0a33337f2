package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestLargeIndexAgainstScan checks skips, top-k and paging on an index
// large enough for them (thousands of postings per term, repeated
// contents, several reports): totals against a scan of the documents, and
// every page against the full ranking.
func TestLargeIndexAgainstScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(6, 6))
	words := []string{"rations", "carburant", "drones", "patrouille", "sécurité", "électorale", "véhicules", "vol", "heures", "police"}
	var docs []Doc
	for i := range 6000 {
		n := 3 + rng.IntN(12)
		var w []string
		for range n {
			w = append(w, words[rng.IntN(len(words))])
		}
		if i%7 == 0 { // the same content in several reports
			w = []string{"rations", "carburant", "vol"}
		}
		sym := fmt.Sprintf("A/1/%d", i/1000)
		docs = append(docs, Doc{URL: fmt.Sprintf("/d/%d/", i), Kind: []string{"paragraph", "output"}[i%2], Report: sym, Text: strings.Join(w, " ")})
	}
	ix, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"rations", "rations carburant", "drones police vol", `"heures vol"`, "heures/vol", "sécurité électorale", "pat*", "vol kind:output", "rations report:a-1-3", "drones OR police", "vol drones OR police OR pat*", "sécurité OU carb*"} {
		full, total, err := ix.Search(q, Options{})
		if err != nil {
			t.Fatal(q, err)
		}
		// the scan
		cs, f, _ := parse(q)
		want := 0
		for i, d := range docs {
			if f.Kind != "" && d.Kind != f.Kind || f.Report != "" && d.Report != "A/1/3" {
				continue
			}
			toks := terms(d.Text)
			var holds func(c clause) bool
			holds = func(c clause) bool {
				switch {
				case c.or != nil:
					return slices.ContainsFunc(c.or, holds)
				case c.prefix:
					return slices.ContainsFunc(toks, func(s string) bool { return strings.HasPrefix(s, c.terms[0]) })
				case len(c.terms) == 1:
					return slices.Contains(toks, c.terms[0])
				}
				return strings.Contains(" "+strings.Join(toks, " ")+" ", " "+strings.Join(c.terms, " ")+" ")
			}
			ok := true
			for _, c := range cs {
				ok = ok && holds(c)
			}
			if ok {
				want++
			}
			_ = i
		}
		if total != want || len(full) != total {
			t.Errorf("%q: total %d (%d results), the scan finds %d", q, total, len(full), want)
		}
		for i := 1; i < len(full); i++ {
			a, b := full[i-1], full[i]
			if a.Score < b.Score {
				t.Fatalf("%q: not sorted at %d", q, i)
			}
		}
		for _, p := range []struct{ off, lim int }{{0, 20}, {20, 20}, {40, 50}, {total - 5, 20}, {total + 1, 20}} {
			page, n, _ := ix.Search(q, Options{Offset: max(p.off, 0), Limit: p.lim})
			lo := min(max(p.off, 0), len(full))
			hi := min(lo+p.lim, len(full))
			var got, exp []string
			for _, r := range page {
				got = append(got, r.URL)
			}
			for _, r := range full[lo:hi] {
				exp = append(exp, r.URL)
			}
			if n != total || !slices.Equal(got, exp) {
				t.Errorf("%q page %+v: %d %v, want %d %v", q, p, n, got, total, exp)
			}
		}
	}
}

// One Index serves concurrent searches (go test -race).
func TestConcurrentSearches(t *testing.T) {
	ix := realIndex(t)
	want, total, _ := ix.Search("rations", Options{Limit: 5})
	done := make(chan bool)
	for g := range 4 {
		go func() {
			defer func() { done <- true }()
			for i := range 50 {
				q := []string{"rations", "drone*", "securite electorale kind:output", `"points de distribution"`}[(g+i)%4]
				res, n, err := ix.Search(q, Options{Limit: 5, Lang: []string{"fr", "en"}[i%2]})
				if err != nil || n == 0 || len(res) == 0 {
					t.Errorf("%q: %d results, %v", q, n, err)
					return
				}
				if q == "rations" && i%2 == 0 && (n != total || res[0].URL != want[0].URL) {
					t.Errorf("rations: %d %s, want %d %s", n, res[0].URL, total, want[0].URL)
				}
			}
		}()
	}
	for range 4 {
		<-done
	}
}

// TestTextsFromCompressedBlocks checks that every document's text comes
// back whole from the compressed pieces: texts of many pieces, pieces
// shared by several texts, across block boundaries.
func TestTextsFromCompressedBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	words := []string{"rations", "carburant", "drones", "patrouille", "sécurité", "électorale", "véhicules", "vol", "heures", "police"}
	var docs []Doc
	want := map[string]string{}
	for i := range 3000 {
		var b strings.Builder
		for j := range 1 + rng.IntN(40) {
			if j > 0 {
				b.WriteString([]string{". ", ", ", "; ", ": ", " "}[rng.IntN(5)])
			}
			b.WriteString(words[rng.IntN(len(words))])
			if rng.IntN(3) == 0 {
				fmt.Fprintf(&b, " %d", rng.IntN(50))
			}
		}
		url := fmt.Sprintf("/d/%d/", i)
		want[url] = b.String()
		docs = append(docs, Doc{URL: url, Kind: "paragraph", Report: fmt.Sprintf("A/1/%d", i/500), Text: b.String()})
	}
	ix, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	if ix.pieces <= 4*pieceBlock {
		t.Fatalf("%d pieces: too few blocks for the test", ix.pieces)
	}
	for _, w := range words {
		res, _, err := ix.Search(w, Options{Limit: 3000})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.Text != want[r.URL] {
				t.Fatalf("%s: text %q, want %q", r.URL, r.Text, want[r.URL])
			}
		}
	}
}

// TestPhrasesAgainstScan checks quoted phrases, which are looked for in
// the term lists of a text's pieces (cut at ", ", ". ", "; ", ": ") and of
// labels, against a scan of every document's terms: phrases across piece
// boundaries, in labels, with numbers written with spaces.
func TestPhrasesAgainstScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	words := []string{"rations", "carburant", "de", "drones", "l’engin", "sécurité", "1 010", "véhicules", "vol", "2020", "heures", "A/74/745"}
	seps := []string{" ", " ", " ", ", ", ". ", "; ", ": "}
	phrase := func(n int) string {
		var b strings.Builder
		for i := range n {
			if i > 0 {
				b.WriteString(seps[rng.IntN(len(seps))])
			}
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	var docs []Doc
	for i := range 3000 {
		d := Doc{URL: fmt.Sprintf("/d/%d/", i), Kind: "output", Report: fmt.Sprintf("A/1/%d", i/500), Text: phrase(2 + rng.IntN(14))}
		if i%3 == 0 {
			d.Label = phrase(1 + rng.IntN(4))
		}
		docs = append(docs, d)
	}
	ix, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	has := func(text string, ts []string) bool {
		return strings.Contains(" "+strings.Join(terms(text), " ")+" ", " "+strings.Join(ts, " ")+" ")
	}
	queries := []string{`"carburant rations"`, `"1 010 véhicules"`, `"véhicules 1 010"`, `"heures vol"`, `"l’engin sécurité"`, `"A/74/745"`, `"vol 2020 heures"`}
	for range 40 {
		queries = append(queries, `"`+phrase(2+rng.IntN(2))+`"`)
	}
	matched := 0
	for _, q := range queries {
		_, total, err := ix.Search(q, Options{})
		if err != nil {
			t.Fatal(q, err)
		}
		cs, _, _ := parse(q)
		want := 0
		for _, d := range docs {
			ok := true
			for _, c := range cs {
				ok = ok && (has(d.Text, c.terms) || has(d.Label, c.terms))
			}
			if ok {
				want++
			}
		}
		if total != want {
			t.Errorf("%s: %d documents, the scan finds %d", q, total, want)
		}
		if want > 0 {
			matched++
		}
	}
	if matched < len(queries)/2 {
		t.Errorf("only %d of %d phrases are found anywhere: the test proves little", matched, len(queries))
	}
}

// TestSnippetsFromFirstPiece checks that a snippet, whose matches are
// looked for from the first piece of the text holding a query term, is
// the one a scan of the whole text gives.
func TestSnippetsFromFirstPiece(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	filler := strings.Repeat("la mission a poursuivi ses activités d’appui, ", 12)
	words := []string{"rations", "carburant", "drones", "véhicules", "vol", "heures"}
	var docs []Doc
	for i := range 400 {
		var b strings.Builder
		for range 1 + rng.IntN(6) {
			b.WriteString(filler[:rng.IntN(len(filler))])
			b.WriteString(words[rng.IntN(len(words))] + ". ")
		}
		docs = append(docs, Doc{URL: fmt.Sprintf("/d/%d/", i), Kind: "paragraph", Label: []string{"", "Carburant"}[i%2], Text: b.String()})
	}
	ix, err := Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range []string{"rations", "carburant", "drones vol", "véh*", `"heures"`} {
		res, _, err := ix.Search(q, Options{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		cs, _, _ := parse(q)
		marks := map[string]bool{}
		for _, c := range cs {
			for _, x := range c.terms {
				marks[x] = true
			}
			if c.prefix {
				for _, w := range words {
					if x := terms(w)[0]; strings.HasPrefix(x, c.terms[0]) {
						marks[x] = true
					}
				}
			}
		}
		for _, r := range res {
			if want := snippet(r.Text, 0, marks); r.Snippet != want {
				t.Errorf("%s %s:\n got %s\nwant %s", q, r.URL, r.Snippet, want)
			}
			if strings.HasPrefix(r.Snippet, "… ") {
				n++
			}
			if strings.HasPrefix(r.Snippet, "…  ") {
				t.Errorf("%s: the snippet starts with a space after its ellipsis: %q", r.URL, r.Snippet[:20])
			}
		}
	}
	if n == 0 {
		t.Error("no snippet starts past the text's start: the test proves little")
	}
}
