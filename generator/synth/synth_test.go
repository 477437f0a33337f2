package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pkportal/ingest"
	"pkportal/report"
)

const realSource = "../../sources/A-76-564.fr.txt"

func readReal(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile(realSource)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestGenerate(t *testing.T) {
	src := readReal(t)
	real, err := ingest.Parse("A-76-564.fr.txt", src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const n = 3
	if err := Generate(src, n, dir); err != nil {
		t.Fatal(err)
	}
	rs, err := ingest.ParseDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != n {
		t.Fatalf("parsed %d reports, want %d", len(rs), n)
	}
	symbols := map[string]bool{}
	missions := map[string]bool{}
	for i, r := range rs {
		if _, err := ingest.Validate(r); err != nil {
			t.Errorf("%s: %v", r.Symbol, err)
		}
		if r.Symbol != Symbol(i) || !strings.HasPrefix(r.Symbol, SymbolSeries) {
			t.Errorf("report %d: symbol %q, want %q", i, r.Symbol, Symbol(i))
		}
		symbols[r.Symbol] = true
		missions[r.Mission.Acronym] = true
		acr, country := Mission(i)
		if r.Mission.Acronym != acr || !strings.HasSuffix(r.Mission.Name, "au "+country) {
			t.Errorf("%s: mission %+v, want %s … au %s", r.Symbol, r.Mission, acr, country)
		}
		if r.Period.Start <= real.Period.Start || r.Period.Label == real.Period.Label {
			t.Errorf("%s: period %+v, want after %+v", r.Symbol, r.Period, real.Period)
		}
		if !strings.HasPrefix(r.Sections[0].Blocks[0].Paragraph.Text, Marker) {
			t.Errorf("%s: the summary's first paragraph does not start with the marker: %.80q", r.Symbol, r.Sections[0].Blocks[0].Paragraph.Text)
		}
		if strings.Contains(r.Title, "Mali") || strings.Contains(r.Title, "MINUSMA") {
			t.Errorf("%s: title still names the real mission: %s", r.Symbol, r.Title)
		}
		if len(r.Paragraphs()) != len(real.Paragraphs()) || len(r.Variances) != len(real.Variances) || len(r.Tables) != len(real.Tables) {
			t.Errorf("%s: %d paragraphs, %d variances, %d tables; the real report has %d, %d, %d", r.Symbol,
				len(r.Paragraphs()), len(r.Variances), len(r.Tables), len(real.Paragraphs()), len(real.Variances), len(real.Tables))
		}
		// figures differ from the real report
		differ := 0
		for _, id := range []string{"iii-a", "summary-financial", "iii-b", "iii-d"} {
			if !equalTables(r.Table(id), real.Table(id)) {
				differ++
			}
		}
		if differ != 4 {
			t.Errorf("%s: only %d of 4 financial tables differ from the real report", r.Symbol, differ)
		}
		// some paragraphs shuffled, none lost
		shuffled := 0
		rp := real.Paragraphs()
		for k, p := range r.Paragraphs() {
			if k < len(rp) && p.Number == rp[k].Number && p.Text != rp[k].Text && p.Number > 0 {
				shuffled++
			}
		}
		if shuffled == 0 {
			t.Errorf("%s: no paragraph shuffled", r.Symbol)
		}
		t.Logf("%s: %s (%s), %s, %d paragraphs differ, %d warnings", r.Symbol, r.Mission.Acronym, r.Mission.Name, r.Period.Label, shuffled, len(r.Warnings))
	}
	if len(symbols) != n || len(missions) != n {
		t.Errorf("symbols %v, missions %v: want %d distinct", symbols, missions, n)
	}
}

func equalTables(a, b *report.Table) bool {
	if a == nil || b == nil || len(a.Rows) != len(b.Rows) {
		return a == b
	}
	for i := range a.Rows {
		for k := range a.Rows[i].Cells {
			if a.Rows[i].Cells[k].Num != b.Rows[i].Cells[k].Num {
				return false
			}
		}
	}
	return true
}

func TestDeterministic(t *testing.T) {
	src := readReal(t)
	d1, d2 := t.TempDir(), t.TempDir()
	if err := Generate(src, 2, d1); err != nil {
		t.Fatal(err)
	}
	if err := Generate(src, 2, d2); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2; i++ {
		a, _ := os.ReadFile(filepath.Join(d1, FileName(i)))
		b, _ := os.ReadFile(filepath.Join(d2, FileName(i)))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs", FileName(i))
		}
		if bytes.Count(a, []byte("\n")) != bytes.Count(src, []byte("\n")) {
			t.Errorf("%s: line count changed", FileName(i))
		}
	}
}

func TestFrench(t *testing.T) {
	for _, c := range []struct {
		n    int64
		p    int
		want string
	}{{11833847, 1, "1 183 384,7"}, {-94442, 1, "(9 444,2)"}, {3, 1, "0,3"}, {0, 1, "0,0"}, {-8, 1, "(0,8)"}, {100, 0, "100"}, {1000, 0, "1 000"}} {
		if got := french(c.n, c.p); got != c.want {
			t.Errorf("french(%d, %d) = %q, want %q", c.n, c.p, got, c.want)
		}
	}
}

func TestShiftYears(t *testing.T) {
	got := shiftYears("du 1er juillet 2020 au 30 juin 2021 (2018/19 : 1 ; 2019/20 : 2) maladie à coronavirus 2019 ; 2 020,5", 3)
	want := "du 1er juillet 2023 au 30 juin 2024 (2021/22 : 1 ; 2022/23 : 2) maladie à coronavirus 2019 ; 2 020,5"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func BenchmarkGenerate10(b *testing.B) {
	src := readReal(b)
	for b.Loop() {
		if err := Generate(src, 10, b.TempDir()); err != nil {
			b.Fatal(err)
		}
	}
}
