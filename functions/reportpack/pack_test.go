package reportpack

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"pkportal/report"
)

// variants returns n copies of the report the CSV function embeds (the
// pack of package reportdata, read as a file: that package imports this
// one) under other symbols, with one figure changed in each, as a corpus
// of several reports.
func variants(t *testing.T, n int) []*report.Report {
	t.Helper()
	b, err := os.ReadFile("../reportdata/reports.pack")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Open(b)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := p.All()
	if err != nil || len(rs) == 0 {
		t.Fatalf("embedded reports: %v", err)
	}
	b, _ = json.Marshal(rs[0])
	var out []*report.Report
	for i := range n {
		var r report.Report
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		r.Symbol = fmt.Sprintf("A/99/%d", 1000+i)
		r.Slug = report.Slug(r.Symbol)
		r.Tables[0].Rows[0].Cells[0].Num = report.Decimal(fmt.Sprintf("%d.5", i))
		out = append(out, &r)
	}
	return out
}

// TestPackRoundTrip checks that every report comes back from a pack as it
// went in, one at a time by slug, and that a pack is deterministic.
func TestPackRoundTrip(t *testing.T) {
	rs := variants(t, 5)
	var a, b bytes.Buffer
	if err := Write(&a, rs); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, rs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two packs of the same reports differ")
	}
	p, err := Open(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.Slugs(), " "); got != "a-99-1000 a-99-1001 a-99-1002 a-99-1003 a-99-1004" {
		t.Errorf("slugs %s", got)
	}
	for _, r := range rs {
		got, err := p.Report(r.Slug)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(r)
		have, _ := json.Marshal(got)
		if !bytes.Equal(want, have) {
			t.Errorf("%s differs after the pack", r.Slug)
		}
		if p.Symbol(r.Slug) != r.Symbol {
			t.Errorf("%s: symbol %q", r.Slug, p.Symbol(r.Slug))
		}
	}
	if _, err := p.Report("a-1-1"); !errors.Is(err, ErrNoReport) {
		t.Errorf("unknown slug: %v", err)
	}
	// the dictionary is shared: five reports of one template take little
	// more than one
	var one bytes.Buffer
	_ = Write(&one, rs[:1])
	if a.Len() > one.Len()+5*4096 {
		t.Errorf("5 reports take %d bytes, 1 takes %d: the dictionary does not work", a.Len(), one.Len())
	}
}

// TestPackRefusesDamage checks that a damaged pack gives an error, never
// a panic, whatever was cut or changed.
func TestPackRefusesDamage(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, variants(t, 2)); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	if _, err := Open(append([]byte("PKSEARCH"), good[8:]...)); err == nil || !strings.Contains(err.Error(), "bad magic") {
		t.Errorf("bad magic: %v", err)
	}
	v := bytes.Clone(good)
	v[8] = 9
	if _, err := Open(v); err == nil || !strings.Contains(err.Error(), "rebuild it") {
		t.Errorf("other version: %v", err)
	}
	for _, n := range []int{0, 10, 20, 100, len(good) / 2, len(good) - 1} {
		p, err := Open(good[:n])
		if err == nil {
			_, err = p.All()
		}
		if err == nil {
			t.Errorf("cut at %d bytes: no error", n)
		}
	}
	for i := 12; i < len(good); i += len(good) / 50 {
		d := bytes.Clone(good)
		d[i] ^= 0xff
		if p, err := Open(d); err == nil {
			_, _ = p.All() // an error or, rarely, other bytes: never a panic
		}
	}
}

// TestPackWithThePreviousPack: when one report of a pack changes, the
// frames of the others are copied from the previous pack; the file must be
// the one Write writes, byte for byte, and only the changed report is
// encoded (or every report, when the changed one is in the dictionary).
func TestPackWithThePreviousPack(t *testing.T) {
	rs := variants(t, 6) // the first two (by slug) fill the dictionary (512 KB)
	var prev bytes.Buffer
	if err := Write(&prev, rs); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		changed int
		encoded string
	}{
		{4, "a-99-1000 a-99-1001 a-99-1004"}, // the dictionary's reports, and the changed one
		{0, "a-99-1000 a-99-1001 a-99-1002 a-99-1003 a-99-1004 a-99-1005"},
	} {
		now := slices.Clone(rs)
		r := *now[c.changed]
		r.Title += " (révisé)"
		now[c.changed] = &r
		var want bytes.Buffer
		if err := Write(&want, now); err != nil {
			t.Fatal(err)
		}
		var encoded []string
		items := make([]Item, len(now))
		for i, r := range now {
			items[len(now)-1-i] = Item{Slug: r.Slug, Symbol: r.Symbol, Same: i != c.changed, JSON: func() ([]byte, error) {
				encoded = append(encoded, r.Slug)
				return json.Marshal(r)
			}}
		}
		var got bytes.Buffer
		if err := WriteWith(&got, prev.Bytes(), items); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("report %d changed: %d bytes, not the %d of Write", c.changed, got.Len(), want.Len())
		}
		slices.Sort(encoded)
		if s := strings.Join(slices.Compact(encoded), " "); s != c.encoded {
			t.Errorf("report %d changed: encoded %s, want %s", c.changed, s, c.encoded)
		}
	}
	// a damaged previous pack is not used
	var got bytes.Buffer
	items := make([]Item, len(rs))
	for i, r := range rs {
		items[i] = Item{Slug: r.Slug, Symbol: r.Symbol, Same: true, JSON: func() ([]byte, error) { return json.Marshal(r) }}
	}
	if err := WriteWith(&got, []byte("PKREPORT broken"), items); err != nil || !bytes.Equal(got.Bytes(), prev.Bytes()) {
		t.Errorf("a damaged previous pack: %v, %d bytes", err, got.Len())
	}
}
