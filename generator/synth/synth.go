// Package synth writes synthetic source reports derived from a real one,
// for benchmarks and tests only: they are marked as synthetic in their
// text and must never be published.
//
// Each synthetic report i (0-based) is the real report's text with, on the
// same lines (the line count and every line's indentation are kept, so the
// ingest reads the same layout):
//
//   - a fake symbol A/99/<1001+i> (a series that does not exist) in the page
//     headers and a fake job number 99-<10001+i> in the page footers;
//   - a fictional mission: the country name ("Mali") and the acronym
//     ("MINUSMA") replaced everywhere by a fictional country and an acronym
//     "MSYN…", so that the full name reads "… pour la stabilisation au
//     <Country> (MSYN…)";
//   - another period: every year 1990–2049 of the text shifted by the same
//     number of years ("2020/21", "1er juillet 2020", "30 juin 2021",
//     "(2018/19 : 1 ; 2019/20 : 2 …)");
//   - the marker Marker at the start of the summary's first paragraph;
//   - the financial tables' figures varied and recomputed so that every
//     check of ingest/finance.Check still holds: each III.A item's
//     apportionment and expenditure scaled by a pseudo-random factor, then
//     subtotals, gross, net, totals, variances and percentages recomputed,
//     the summary table copied from III.A, III.B rebuilt from III.A
//     (redeployments that make each revised distribution cover the
//     expenditure), the amounts of III.D, III.E and III.F scaled with their
//     totals, and the headers of section IV set to their III.A rows;
//   - the sentences of some numbered narrative paragraphs permuted (never
//     across paragraphs, never in tables) and re-wrapped on the paragraph's
//     own lines.
//
// Everything derives from a pseudo-random generator seeded with the
// report's index: the same n gives the same files.
package synth

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"pkportal/ingest"
	"pkportal/ingest/finance"
	"pkportal/ingest/source"
	"pkportal/percore"
	"pkportal/report"
)

// Marker opens the first paragraph of every synthetic report's summary.
const Marker = report.SyntheticMarker

// SymbolSeries is the fake document series of the synthetic reports.
const SymbolSeries = "A/99/"

// Symbol returns the symbol of synthetic report i (0-based).
func Symbol(i int) string { return fmt.Sprintf("%s%d", SymbolSeries, 1001+i) }

// FileName returns the file name of synthetic report i: "A-99-1001.fr.txt".
func FileName(i int) string {
	return strings.ReplaceAll(Symbol(i), "/", "-") + ".fr.txt"
}

// countries are fictional, masculine ("au <Country>"), each with the
// letters of its mission's acronym.
var countries = []struct{ name, code string }{
	{"Valdor", "VA"}, {"Kernland", "KE"}, {"Zembla", "ZE"}, {"Ostrovo", "OS"},
	{"Brelan", "BR"}, {"Tarvinie", "TA"}, {"Morovo", "MO"}, {"Delcor", "DE"},
	{"Quirinal", "QU"}, {"Lorvan", "LO"}, {"Pemberg", "PE"}, {"Galmor", "GA"},
	{"Sarnak", "SA"}, {"Vintor", "VI"}, {"Helmark", "HE"}, {"Rudavo", "RU"},
	{"Corvino", "CO"}, {"Falster", "FA"}, {"Nordal", "NO"}, {"Ixtar", "IX"},
	{"Jorvik", "JO"}, {"Wendor", "WE"}, {"Yarlan", "YA"}, {"Ubrecht", "UB"},
}

// Mission returns the acronym and country of synthetic report i.
func Mission(i int) (acronym, country string) {
	c := countries[i%len(countries)]
	return "MSYN" + c.code, c.name
}

// YearShift returns the number of years synthetic report i's period is
// moved by (≥ 1: no synthetic report has the real period).
func YearShift(i int) int { return 1 + i/len(countries) }

// The real report's furniture and names that are replaced.
var (
	realAcronym = regexp.MustCompile(`\bMINUSMA\b`)
	realCountry = regexp.MustCompile(`\bMali\b`)
	// a year, or a period "2019/20"
	yearRe    = regexp.MustCompile(`\b(199\d|20[0-4]\d)(/\d\d)?\b`)
	looseLink = regexp.MustCompile(`^https?://\S+$`)
)

// Generate writes n synthetic report texts derived from src (the French
// text of a real report, e.g. A/76/564) into dir, as FileName(0) …
// FileName(n-1).
func Generate(src []byte, n int, dir string) error {
	if n < 1 {
		return errors.New("synth: n must be ≥ 1")
	}
	b, err := newBase(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return errors.Join(percore.Run(n, func(i int) error {
		text, err := b.report(i)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, FileName(i)), text, 0o644)
	})...)
}

// base is the real report, parsed once.
type base struct {
	lines  []string // the source's lines, without their "\n"
	r      *report.Report
	symbol string
	job    string
	// markerLine is the index of the first line of the summary's first
	// paragraph.
	markerLine int
	// paras are the numbered paragraphs whose sentences may be permuted.
	paras []paraLines
}

// paraLines are the lines (indexes into base.lines) of a paragraph, the
// first starting with the paragraph's number.
type paraLines struct {
	number int
	idx    []int
}

func newBase(src []byte) (*base, error) {
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	r, err := ingest.Parse("source.fr.txt", []byte(text))
	if err != nil {
		return nil, fmt.Errorf("synth: the real report does not parse: %w", err)
	}
	b := &base{lines: strings.Split(text, "\n"), r: r, symbol: r.Symbol, job: r.JobNumber}
	if b.symbol == "" || b.job == "" {
		return nil, errors.New("synth: the real report has no symbol or job number in its page furniture")
	}
	b.markerLine = -1
	if len(r.Sections) > 0 {
		for _, bl := range r.Sections[0].Blocks {
			if bl.Paragraph != nil && bl.Paragraph.Line > 0 {
				b.markerLine = bl.Paragraph.Line - 1
				break
			}
		}
	}
	if b.markerLine < 0 {
		return nil, errors.New("synth: the real report has no summary paragraph for the synthetic marker")
	}
	doc, err := source.Read("source.fr.txt", []byte(text))
	if err != nil {
		return nil, err
	}
	for _, p := range r.Paragraphs() {
		if pl, ok := b.paraRange(doc, p); ok {
			b.paras = append(b.paras, pl)
		}
	}
	return b, nil
}

// lettersOnly keeps the letters and digits of s, lower-cased.
func lettersOnly(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

var (
	numberedStart = regexp.MustCompile(`^(\d+)\.\s+\S`)
	// a line the ingest could read as something else than running text
	riskyStart = regexp.MustCompile(`^(\d|[a-z]{1,4}\)|[IVX]+\.|[A-Z]\.|[•–—-]|\()`)
)

// paraRange finds the lines of a numbered paragraph without sub-items: the
// consecutive non-blank lines from its first one whose letters are exactly
// the paragraph's. Paragraphs broken by page furniture, footnotes or
// anything else are left out.
func (b *base) paraRange(doc *source.Doc, p *report.Paragraph) (paraLines, bool) {
	if p.Number == 0 || len(p.Items) > 0 || p.Tail != "" || p.Line < 1 || p.Line > len(b.lines) {
		return paraLines{}, false
	}
	first := strings.TrimSpace(b.lines[p.Line-1])
	m := numberedStart.FindStringSubmatch(first)
	if m == nil || m[1] != fmt.Sprint(p.Number) {
		return paraLines{}, false
	}
	want := lettersOnly(p.Text)
	got := lettersOnly(strings.TrimPrefix(first, m[1]+"."))
	idx := []int{p.Line - 1}
	for i := p.Line; i < len(b.lines) && len(got) < len(want); i++ {
		t := strings.TrimSpace(b.lines[i])
		if t == "" {
			continue
		}
		got += lettersOnly(t)
		idx = append(idx, i)
	}
	if got != want || len(idx) < 2 {
		return paraLines{}, false
	}
	return paraLines{number: p.Number, idx: idx}, true
}

// report writes synthetic report i.
func (b *base) report(i int) ([]byte, error) {
	rng := rand.New(rand.NewPCG(uint64(i)+1, 0x5eed5eed))
	lines := append([]string(nil), b.lines...)
	want, err := b.figures(rng, lines)
	if err != nil {
		return nil, fmt.Errorf("synth: report %d: %w", i, err)
	}
	b.shuffle(rng, lines)
	figs := b.summaryFigures(want)
	acronym, country := Mission(i)
	shift := YearShift(i)
	symbol, job := Symbol(i), fmt.Sprintf("99-%05d", 10001+i)
	for k, l := range lines {
		if strings.TrimSpace(l) == b.symbol {
			l = strings.Replace(l, b.symbol, symbol, 1)
		}
		for _, f := range figs {
			l = strings.ReplaceAll(l, f[0], f[1])
		}
		l = strings.ReplaceAll(l, b.job, job)
		l = realAcronym.ReplaceAllString(l, acronym)
		l = realCountry.ReplaceAllString(l, country)
		l = shiftYears(l, shift)
		lines[k] = l
	}
	ml := lines[b.markerLine]
	ind := len(ml) - len(strings.TrimLeft(ml, " "))
	lines[b.markerLine] = ml[:ind] + Marker + " " + ml[ind:]
	out := []byte(strings.Join(lines, "\n"))
	if err := verify(FileName(i), out, want); err != nil {
		return nil, fmt.Errorf("synth: report %d: %w", i, err)
	}
	return out, nil
}

// shiftYears moves every year of a line by shift years, except the name of
// the disease "maladie à coronavirus 2019".
func shiftYears(l string, shift int) string {
	if looseLink.MatchString(strings.TrimSpace(l)) {
		return l // a link the ingest drops: the document it names is real
	}
	locs := yearRe.FindAllStringSubmatchIndex(l, -1)
	if locs == nil {
		return l
	}
	var sb strings.Builder
	last := 0
	for _, m := range locs {
		if strings.HasSuffix(strings.TrimRight(l[:m[0]], " "), "coronavirus") || strings.HasPrefix(l[m[1]:], " (COVID") {
			continue
		}
		// not a part of a larger figure: "1 2020", "2020,5"
		if m[0] > 0 && (l[m[0]-1] == ',' || (m[0] > 1 && l[m[0]-1] == ' ' && isDigit(l[m[0]-2]))) {
			continue
		}
		if m[1] < len(l) && l[m[1]] == ',' && m[1]+1 < len(l) && isDigit(l[m[1]+1]) {
			continue
		}
		y := atoi(l[m[2]:m[3]]) + shift
		sb.WriteString(l[last:m[0]])
		fmt.Fprintf(&sb, "%d", y)
		if m[4] >= 0 {
			fmt.Fprintf(&sb, "/%02d", (y+1)%100)
		}
		last = m[1]
	}
	sb.WriteString(l[last:])
	return sb.String()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

// verify reads the synthetic text's financial tables back and compares
// every cell with the figures written.
func verify(name string, text []byte, want map[string][][]report.Decimal) error {
	doc, err := source.Read(name, text)
	if err != nil {
		return err
	}
	res, err := finance.Parse(doc, "fr")
	if err != nil {
		return err
	}
	for _, t := range res.Tables {
		w, ok := want[t.ID]
		if !ok {
			continue
		}
		if len(w) != len(t.Rows) {
			return fmt.Errorf("table %s: read back %d rows, wrote %d", t.ID, len(t.Rows), len(w))
		}
		for ri, row := range t.Rows {
			for k, c := range row.Cells {
				if k < len(w[ri]) && c.Num != w[ri][k] {
					return fmt.Errorf("table %s, row %q, column %d: read back %q, wrote %q (line %d)", t.ID, row.Label, k, c.Num, w[ri][k], row.Line)
				}
			}
		}
	}
	return nil
}

// firstRune returns the first rune of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
