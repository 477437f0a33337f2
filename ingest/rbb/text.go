package rbb

import (
	"regexp"
	"strings"
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

// digitWord is a line that starts with a number followed by a word:
// "1 organisation régionale…", "2 séances de formation…".
var digitWord = regexp.MustCompile(`^\d[\d \x{00a0}\x{202f}]*(?:,\d+)?\s+\pL`)

func width(l source.Line) int { return utf8.RuneCountInString(l.Text) }

func firstRune(t string) rune {
	r, _ := utf8.DecodeRuneInString(t)
	return r
}

func startsUpper(t string) bool { return unicode.IsUpper(firstRune(t)) }

func startsLower(t string) bool { return unicode.IsLower(firstRune(t)) }

// startsItem reports whether a line can open a paragraph of a cell: a
// capital letter or a number followed by a word.
func startsItem(t string) bool { return startsUpper(t) || digitWord.MatchString(t) }

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
	f := strings.Fields(t)
	w := strings.ToLower(strings.TrimLeft(f[len(f)-1], "(«“\"["))
	return p.joiners[w]
}

func lastRuneOf(t string) rune {
	r, _ := utf8.DecodeLastRuneInString(t)
	return r
}

// normSpaces collapses runs of spaces.
func normSpaces(t string) string { return strings.Join(strings.Fields(t), " ") }

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

// splitValues finds the last parenthesis of period values in a planned
// indicator's text. It returns the text without it (a label that opens
// the parenthesis, "pourcentage d’élues :", stays in the text in its own
// parenthesis) and the values.
func splitValues(t string) (string, []string, []string) {
	// find the last ")" that closes a parenthesis with a period
	for i := len(t) - 1; i >= 0; i-- {
		if t[i] != ')' {
			continue
		}
		depth := 0
		open := -1
		for j := i - 1; j >= 0; j-- {
			if t[j] == ')' {
				depth++
			} else if t[j] == '(' {
				if depth == 0 {
					open = j
					break
				}
				depth--
			}
		}
		if open < 0 {
			continue
		}
		inner := t[open+1 : i]
		locs := period.FindAllStringSubmatchIndex(inner, -1)
		if locs == nil {
			continue
		}
		label := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(inner[:locs[0][0]]), ":"))
		var periods, raws []string
		for n, loc := range locs {
			end := len(inner)
			if n+1 < len(locs) {
				end = locs[n+1][0]
			}
			raw := strings.TrimSpace(inner[loc[1]:end])
			raw = strings.TrimSpace(strings.TrimSuffix(raw, ";"))
			periods = append(periods, inner[loc[2]:loc[3]])
			raws = append(raws, raw)
		}
		before := strings.TrimSpace(t[:open])
		after := strings.TrimSpace(t[i+1:])
		text := before
		if label != "" {
			text += " (" + label + ")"
		}
		if after != "" {
			if strings.HasPrefix(after, ",") || strings.HasPrefix(after, ".") {
				text += after
			} else {
				text += " " + after
			}
		}
		return text, periods, raws
	}
	return t, nil, nil
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
