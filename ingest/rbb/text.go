package rbb

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"pkportal/ingest/source"
)

// Column widths, in characters, of the tables as the PDF extraction prints
// them: a planned indicator line is at most plannedIndicatorWidth wide (the
// actual column is wider); a planned output line that wraps is at least
// plannedOutputWidth wide somewhere in its paragraph (the remarks column is
// narrower); a remarks line shorter than shortLine ends its paragraph, a
// planned indicator line shorter than plannedBreak too.
const (
	plannedIndicatorWidth = 60
	plannedOutputWidth    = 50
	shortLine             = 44
	plannedBreak          = 48
)

// period is a period of the reports, e.g. "2019/20", followed by its colon.
var period = regexp.MustCompile(`(\d{4}/\d{2})\s*:`)

// numberRes are the patterns of figures in the number format of a
// language (French "1 747" and "72,5", English "1,747" and "72.5").
type numberRes struct {
	// digitWord is a line that starts with a number followed by a word:
	// "1 organisation régionale…", "2 séances de formation…".
	digitWord *regexp.Regexp
	// leadNumber is a number at the start of a value or a figure: "1 747",
	// "52,5", "0".
	leadNumber *regexp.Regexp
	// figure is a completed figure: a number followed by a capitalised
	// label, "35 Réunions ont bénéficié d’un appui", or a number alone;
	// groups: the integer part, the decimals, the label.
	figure *regexp.Regexp
	// glued is a planned figure and a completed figure printed on one
	// line: "200 enquêtes 914 Enquêtes".
	glued *regexp.Regexp
	// bareValue is an actual indicator that is a figure alone: "72,5 %",
	// "1 668".
	bareValue *regexp.Regexp
}

var numberResCache sync.Map // *source.NumberFormat (one per language) → *numberRes

// numberRegexps compiles the figure patterns of a number format, once per
// language.
func numberRegexps(nf *source.NumberFormat) *numberRes {
	if r, ok := numberResCache.Load(nf); ok {
		return r.(*numberRes)
	}
	sep, dec := nf.GroupClass(), nf.DecimalRe()
	// what a number may hold after its first digit
	body := `[\d` + strings.Trim(sep, "[]") + `]`
	integer := `(\d{1,3}(?:` + sep + `\d{3})+|\d+)`
	r := &numberRes{
		digitWord:  regexp.MustCompile(`^\d` + body + `*(?:` + dec + `\d+)?\s+\pL`),
		leadNumber: regexp.MustCompile(`^` + integer + `(?:` + dec + `\d+)?`),
		figure:     regexp.MustCompile(`^` + integer + `(?:` + dec + `(\d+))?(?: (\p{Lu}.*))?$`),
		glued:      regexp.MustCompile(`^(\d` + body + `*\s\p{Ll}[^\d]*?)\s(\d{1,3}(?:` + sep + `\d{3})*\s\p{Lu}\p{Ll}.*)$`),
		bareValue:  regexp.MustCompile(`^[≥≤<>]?\s*\d` + strings.TrimSuffix(body, "]") + dec + `]*(?:\s*%)?$`),
	}
	numberResCache.Store(nf, r)
	return r
}

func width(l source.Line) int { return utf8.RuneCountInString(l.Text) }

func firstRune(t string) rune {
	r, _ := utf8.DecodeRuneInString(t)
	return r
}

func startsUpper(t string) bool { return unicode.IsUpper(firstRune(t)) }

func startsLower(t string) bool { return unicode.IsLower(firstRune(t)) }

// startsItem reports whether a line can open a paragraph of a cell: a
// capital letter or a number followed by a word.
func (p *parser) startsItem(t string) bool { return startsUpper(t) || p.digitWord.MatchString(t) }

// endsJoined reports whether a line ends with a word or sign after which
// the sentence must go on: a joiner, a comma, a colon, an apostrophe or a
// hyphen.
func (p *parser) endsJoined(t string) bool {
	t = strings.TrimSpace(t)
	if t == "" {
		return false
	}
	last := lastRuneOf(t)
	switch last {
	case ',', ':', '’', '\'', '-', '(', '–', '−':
		return true
	}
	word := t[strings.LastIndexFunc(t, unicode.IsSpace)+1:] // the last word
	w := strings.ToLower(strings.TrimLeft(word, "(«“\"["))
	return p.joiners[w]
}

func lastRuneOf(t string) rune {
	r, _ := utf8.DecodeLastRuneInString(t)
	return r
}

// normSpaces collapses runs of spaces and trims them.
func normSpaces(t string) string { return source.CollapseSpaces(t) }

// valuesClose reports whether line k closes a parenthesis of period values
// (one that contains "2019/20 :"), and whether that parenthesis closes at the
// end of the line. The parenthesis may have opened on earlier lines.
func valuesClose(lines []source.Line, k int) (closes, atEnd bool) {
	from := k - 12
	if from < 0 {
		from = 0
	}
	var b strings.Builder
	for j := from; j < k; j++ {
		b.WriteString(lines[j].Text)
		b.WriteByte(' ')
	}
	start := b.Len()
	b.WriteString(strings.TrimSpace(lines[k].Text))
	s := b.String()
	lastClose := -1
	for i := start; i < len(s); i++ {
		if s[i] != ')' {
			continue
		}
		depth := 0
		for j := i - 1; j >= 0; j-- {
			switch s[j] {
			case ')':
				depth++
			case '(':
				if depth == 0 {
					if period.MatchString(s[j+1 : i]) {
						lastClose = i
					}
					j = -1
				} else {
					depth--
				}
			}
		}
	}
	if lastClose < 0 {
		return false, false
	}
	return true, lastClose == len(s)-1
}

// measure is one parenthesis of period values of a planned indicator.
type measure struct {
	label   string   // what opens the parenthesis, "pourcentage d’élues"
	periods []string // "2019/20", in order
	raws    []string // the values as printed
}

// splitValues finds the parentheses of period values in a planned
// indicator's text, e.g. "(pourcentage d’élues : 2018/19 : 8,84 % ;
// 2020/21 : 30 %)". It returns the text without them and their values,
// one measure per parenthesis, in order; a label that opens a parenthesis
// before its first period is the measure's label and leaves the text.
// A parenthesis inside a parenthesis of values belongs to its values.
func splitValues(t string) (string, []measure) {
	type pair struct{ open, close int }
	var stack []int
	var pairs []pair // innermost first, by closing position
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '(':
			stack = append(stack, i)
		case ')':
			if n := len(stack); n > 0 {
				pairs = append(pairs, pair{stack[n-1], i})
				stack = stack[:n-1]
			}
		}
	}
	// keep the outermost parentheses that hold a period
	var spans []pair
	var ms []measure
	for k := len(pairs) - 1; k >= 0; k-- {
		pr := pairs[k]
		if len(spans) > 0 && spans[len(spans)-1].open < pr.open && pr.close < spans[len(spans)-1].close {
			continue // inside a parenthesis of values already kept
		}
		inner := t[pr.open+1 : pr.close]
		locs := period.FindAllStringSubmatchIndex(inner, -1)
		if locs == nil {
			continue
		}
		m := measure{label: strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(inner[:locs[0][0]]), ":"))}
		for n, loc := range locs {
			end := len(inner)
			if n+1 < len(locs) {
				end = locs[n+1][0]
			}
			raw := strings.TrimSpace(inner[loc[1]:end])
			raw = strings.TrimSpace(strings.TrimSuffix(raw, ";"))
			m.periods = append(m.periods, inner[loc[2]:loc[3]])
			m.raws = append(m.raws, raw)
		}
		spans = append(spans, pr)
		ms = append(ms, m)
	}
	if len(spans) == 0 {
		return t, nil
	}
	// spans and ms were collected from the last parenthesis back
	slices.Reverse(spans)
	slices.Reverse(ms)
	var b strings.Builder
	from := 0
	for _, sp := range append(spans, pair{len(t), len(t)}) {
		piece := strings.TrimSpace(t[from:sp.open])
		if piece != "" {
			if b.Len() > 0 && !strings.HasPrefix(piece, ",") && !strings.HasPrefix(piece, ".") {
				b.WriteByte(' ')
			}
			b.WriteString(piece)
		}
		from = min(sp.close+1, len(t))
	}
	return b.String(), ms
}

// inParenthesis reports whether line k starts inside a parenthesis opened
// on the lines just before it.
func inParenthesis(lines []source.Line, k int) bool {
	depth := 0
	for j := k - 3; j < k; j++ {
		if j < 0 {
			continue
		}
		for _, r := range lines[j].Text {
			switch r {
			case '(', '[':
				depth++
			case ')', ']':
				if depth > 0 {
					depth--
				}
			}
		}
	}
	return depth > 0
}

// startsAcronym reports whether a line starts with a word in capitals
// ("FM", "MINUSMA"), which goes on a sentence more often than it opens one.
func startsAcronym(t string) bool {
	w := strings.FieldsFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	if len(w) == 0 || utf8.RuneCountInString(w[0]) < 2 || !strings.HasPrefix(t, w[0]) {
		return false
	}
	return strings.ToUpper(w[0]) == w[0]
}

// pageBreak reports whether a page starts at line i: the line is the first
// of a page (see source.Line.PageTop) or page furniture was removed before
// it.
func pageBreak(lines []source.Line, i int) bool {
	if i <= 0 || i >= len(lines) {
		return false
	}
	return lines[i].PageTop || lines[i].N-lines[i-1].N >= 5
}
