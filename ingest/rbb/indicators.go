package rbb

import (
	"fmt"
	"strings"

	"pkportal/ingest/source"
	"pkportal/report"
)

// indicators parses the body of an indicators table (the lines between its
// header and the outputs table header).
//
// A row is its planned lines, which end with the parenthesis of period
// values (or, for a planned indicator without values, just before an
// "Objectif atteint"), then its actual lines. The next row starts at the
// first capitalised line after the actual's first line from which on every
// line fits the narrower planned column and that does not follow a joiner.
// A row cut by a page break is printed as planned part, actual part, then
// on the next page planned rest, actual rest: the planned rest is moved
// back before the actual part first.
func (p *parser) indicators(eaID string, body []source.Line) ([]*report.Indicator, error) {
	if len(body) == 0 {
		return nil, nil
	}
	lines := p.unbreakIndicators(append([]source.Line(nil), body...))
	n := len(lines)

	// Planned ends.
	isEnd := make([]bool, n)
	for k := 0; k < n; k++ {
		closes, atEnd := valuesClose(lines, k)
		if !closes {
			continue
		}
		e := k
		if !atEnd {
			// "… 2020/21 : 10 000), notamment les membres des groupes"
			// goes on with lower-case lines.
			for e+1 < n && startsLower(lines[e+1].Text) {
				e++
			}
		}
		isEnd[e] = true
		k = e
	}
	for k := 1; k < n; k++ {
		if p.isAchieved(lines[k].Text) && !isEnd[k-1] && !p.isAchieved(lines[k-1].Text) {
			// a planned indicator without values, e.g. "Reconstitution … des
			// Forces de défense et de sécurité maliennes" / "Objectif atteint"
			prevEnd := -1
			for j := k - 1; j >= 0; j-- {
				if isEnd[j] {
					prevEnd = j
					break
				}
			}
			if k-1 > prevEnd+1 || prevEnd < 0 {
				isEnd[k-1] = true
			}
		}
	}
	var ends []int
	for k, e := range isEnd {
		if e {
			ends = append(ends, k)
		}
	}
	if len(ends) == 0 {
		return nil, p.doc.Errorf(lines[0].N, "expected a planned indicator ending with its values, e.g. \"(2020/21 : 5)\", found %q", lines[0].Text)
	}

	var out []*report.Indicator
	start := 0
	for j := 0; j < len(ends); j++ {
		e := ends[j]
		next := n
		if j+1 < len(ends) {
			next = p.splitIndicatorRow(lines, e, ends[j+1])
			if next < 0 {
				continue // no row start before the next end: one planned text
			}
		}
		if e+1 > next {
			next = e + 1
		}
		// a planned indicator without values and its actual before this
		// one: a line too wide for the planned column betrays them
		for {
			a, s := p.hiddenRow(lines, start, e)
			if a < 0 {
				break
			}
			out = append(out, p.indicator(eaID, len(out)+1, lines[start:a], lines[a:s]))
			start = s
		}
		ind := p.indicator(eaID, len(out)+1, lines[start:e+1], lines[e+1:next])
		out = append(out, ind)
		start = next
	}
	return out, nil
}

// splitIndicatorRow returns the index where the row after the one whose
// planned text ends at e starts, given that the next planned text ends at
// next; -1 when there is no row start between them.
func (p *parser) splitIndicatorRow(lines []source.Line, e, next int) int {
	if p.isAchieved(lines[e+1].Text) && e+2 <= next {
		return e + 2 // "Objectif atteint" is a whole actual indicator
	}
	for s := e + 2; s <= next; s++ {
		t := lines[s].Text
		if !startsUpper(t) || p.endsJoined(lines[s-1].Text) || p.isAchieved(t) || startsAcronym(t) || p.explains(t) {
			continue
		}
		fits := true
		for k := s; k < next; k++ {
			if width(lines[k]) > plannedIndicatorWidth {
				fits = false
				break
			}
			// a short line followed by a paragraph start ends a paragraph:
			// a planned indicator is one paragraph
			if k > s && width(lines[k-1]) < plannedBreak && p.startsItem(lines[k].Text) && !p.endsJoined(lines[k-1].Text) && !startsAcronym(lines[k].Text) {
				fits = false
				break
			}
		}
		if fits {
			return s
		}
	}
	return -1
}

// hiddenRow looks in the planned lines start..e for a row whose planned
// indicator has no values: a line wider than the planned column is in its
// actual text, which starts at the paragraph start a before it; the next
// planned text starts at s. It returns -1, -1 when there is none.
func (p *parser) hiddenRow(lines []source.Line, start, e int) (a, s int) {
	w := -1
	for k := start + 1; k <= e; k++ {
		if width(lines[k]) > plannedIndicatorWidth {
			w = k
			break
		}
	}
	if w < 0 {
		return -1, -1
	}
	a = -1
	for k := w; k > start; k-- {
		if p.startsItem(lines[k].Text) && !p.endsJoined(lines[k-1].Text) {
			a = k
			break
		}
	}
	if a < 0 {
		return -1, -1
	}
	s = p.splitIndicatorRow(lines, a-1, e)
	if s < 0 || s <= w {
		return -1, -1
	}
	return a, s
}

func (p *parser) isAchieved(t string) bool {
	t = normSpaces(t)
	for _, a := range p.v.Achieved {
		if strings.EqualFold(t, a) {
			return true
		}
	}
	return false
}

// unbreakIndicators puts back in order the rows that a page break cut: on
// the new page, a first line in lower case or opening a parenthesis goes on
// with the planned text when a values parenthesis closes before the next
// paragraph; that planned rest is moved before the actual part printed at
// the foot of the previous page.
func (p *parser) unbreakIndicators(lines []source.Line) []source.Line {
	done := map[int]bool{}
	for {
		moved := false
		for i := 1; i < len(lines); i++ {
			l := lines[i]
			if !pageBreak(lines, i) || done[l.N] || !(startsLower(l.Text) || strings.HasPrefix(l.Text, "(")) {
				continue
			}
			done[l.N] = true
			h := i + 1
			for h < len(lines) && !(p.startsItem(lines[h].Text) && !p.endsJoined(lines[h-1].Text)) {
				h++
			}
			q := -1
			for k := i; k < h; k++ {
				if c, _ := valuesClose(lines, k); c {
					q = k
				}
			}
			if q < 0 {
				continue // the actual text goes on
			}
			e := -1
			for k := i - 1; k >= 0; k-- {
				if c, atEnd := valuesClose(lines, k); (c && atEnd) || p.isAchieved(lines[k].Text) {
					e = k
					break
				}
			}
			var cands []int
			for k := e + 1; k < i; k++ {
				t := lines[k].Text
				if !p.startsItem(t) && !p.bareValue.MatchString(t) {
					continue
				}
				// the planned part may end with a joiner where the page
				// cut it: then the actual part opens with an article
				if k == e+1 || !p.endsJoined(lines[k-1].Text) || (startsUpper(t) && p.opensRemark(t)) {
					cands = append(cands, k)
				}
			}
			a := -1
			if len(cands) > 1 {
				a = cands[len(cands)-1]
			}
			if a < 0 {
				continue
			}
			var re []source.Line
			re = append(re, lines[:a]...)
			re = append(re, lines[i:q+1]...)
			re = append(re, lines[a:i]...)
			re = append(re, lines[q+1:]...)
			lines = re
			moved = true
			break
		}
		if !moved {
			return lines
		}
	}
}

// indicator builds an indicator from its planned and actual lines.
func (p *parser) indicator(eaID string, n int, planned, actual []source.Line) *report.Indicator {
	ind := &report.Indicator{ID: fmt.Sprintf("%s-i%d", eaID, n), N: n}
	if len(planned) > 0 {
		ind.Line = planned[0].N
	}
	text, ms := splitValues(p.doc.Join(planned))
	ind.Planned = p.doc.Clean(text)
	for i, m := range ms {
		for k := range m.periods {
			v := p.periodValue(m.periods[k], m.raws[k])
			v.Measure, v.Label = i+1, m.label
			ind.Values = append(ind.Values, v)
		}
	}
	ind.Actual = p.paragraphs(actual)
	return ind
}

// paragraphs joins the lines of a cell into its paragraphs, separated by
// "\n": a paragraph starts at a capitalised line that does not follow a
// joiner and opens with an explanation or a remark opener ("Ce chiffre…",
// "Le nombre…", "L’instabilité…").
func (p *parser) paragraphs(lines []source.Line) string {
	var paras []string
	from := 0
	for k := 1; k <= len(lines); k++ {
		if k < len(lines) {
			prev := strings.TrimSpace(lines[k-1].Text)
			t := lines[k].Text
			if !startsUpper(t) || p.endsJoined(prev) || inParenthesis(lines, k) {
				continue
			}
			if !p.explains(t) && !p.opensRemark(t) {
				continue
			}
		}
		paras = append(paras, p.doc.Join(lines[from:k]))
		from = k
	}
	return strings.Join(paras, "\n")
}

// explains reports whether a text opens with an explanation phrase of the
// actual column.
func (p *parser) explains(t string) bool {
	for _, e := range p.v.Explanations {
		if strings.HasPrefix(t, e) {
			return true
		}
	}
	return false
}
