package search

import (
	"strings"
	"testing"
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
			r.Citation != "A/76/564, par. 26" || r.Title != c.title {
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

func TestParagraphCited(t *testing.T) {
	for q, want := range map[string]string{
		"A/76/564, par. 26": "A/76/564 26",
		"par 7":             " 7",
		"paragraph 74":      " 74",
		"rations":           "",
		"par. 0":            "",
		"A/76/564":          "",
		"drones par. 26 x":  "",
	} {
		rep, n, ok := paragraphCited(q)
		got := ""
		if ok {
			got = rep + " " + itoa(n)
		}
		if got != want {
			t.Errorf("%q: %q, want %q", q, got, want)
		}
	}
}
