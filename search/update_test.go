package search

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"pkportal/report"
)

// variant is a copy of r under another symbol, its first paragraph
// reworded with text: a report of the corpus that a build sees change.
func variant(t *testing.T, r *report.Report, symbol, text string) *report.Report {
	t.Helper()
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	b := new(report.Report)
	if err := json.Unmarshal(js, b); err != nil {
		t.Fatal(err)
	}
	b.Symbol, b.Slug = symbol, report.Slug(symbol)
	done := false
	b.Walk(func(s *report.Section) {
		for _, bl := range s.Blocks {
			if p := bl.Paragraph; p != nil && !done {
				p.Text = text
				done = true
			}
		}
	})
	if !done {
		t.Fatal("no paragraph to reword")
	}
	return b
}

// TestEncodeWithThePreviousIndex: a build where one report of three
// changed takes the documents of the two others from the previous index;
// the file must be the one Encode writes of the three reports, byte for
// byte, whichever report changed, and an index that does not hold a
// report it is asked for, or is damaged, is an error.
func TestEncodeWithThePreviousIndex(t *testing.T) {
	r := realReport(t)
	a := variant(t, r, "A/76/901", "Texte du premier rapport.")
	b := variant(t, r, "A/76/902", "Texte du deuxième rapport, avec « guillemets » et l’apostrophe.")
	c := variant(t, r, "A/76/903", "Texte du troisième rapport.")
	prev, err := Encode([]*report.Report{a, b, c})
	if err != nil {
		t.Fatal(err)
	}
	from := func(rs ...*report.Report) Source { return Source{Slug: rs[0].Slug, Lang: rs[0].Language} }
	for k := range 3 {
		rs := []*report.Report{a, b, c}
		rs[k] = variant(t, r, rs[k].Symbol, "Un paragraphe changé.")
		want, err := Encode(rs)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Equal(want, prev) {
			t.Fatal("the changed report gives the same index")
		}
		srcs := []Source{from(a), from(b), from(c)}
		srcs[k] = Source{Report: rs[k]}
		got, err := EncodeWith(prev, srcs)
		if err != nil {
			t.Fatal(err)
		}
		if srcs[k].Report != nil {
			t.Error("EncodeWith kept a report it had the documents of (the caller's memory)")
		}
		if !bytes.Equal(got, want) {
			t.Errorf("report %d changed: %d bytes, not the %d of Encode", k, len(got), len(want))
		}
	}
	// nothing changed: the same file, read back whole
	if got, err := EncodeWith(prev, []Source{from(a), from(b), from(c)}); err != nil || !bytes.Equal(got, prev) {
		t.Errorf("nothing changed: %d bytes, %v; want the previous file", len(got), err)
	}
	d := variant(t, r, "A/76/904", "Un quatrième rapport.")
	if _, err := EncodeWith(prev, []Source{from(a), from(d)}); err == nil || !strings.Contains(err.Error(), "no report a-76-904") {
		t.Errorf("a report the previous index lacks: %v", err)
	}
	damaged := bytes.Clone(prev)
	ix, _ := Open(damaged)
	for i := ix.h.PieceBlob; i < ix.h.PieceBlob+64; i++ {
		damaged[i] ^= 0xff
	}
	if _, err := EncodeWith(damaged, []Source{from(a), {Report: b}}); err == nil {
		t.Error("a damaged previous index: no error")
	}
	// contents pointing out of the file: read on every core, no panic
	damaged = bytes.Clone(prev)
	for i := ix.h.ContentRecs; i < ix.h.Occurrences; i++ {
		damaged[i] = 0xff
	}
	if _, err := EncodeWith(damaged, []Source{from(a), {Report: b}}); err == nil {
		t.Error("contents out of the file: no error")
	}
	if _, err := EncodeWith([]byte("not an index"), []Source{from(a)}); err == nil {
		t.Error("not an index: no error")
	}
}
