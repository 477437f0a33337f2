package rbb

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"pkportal/ingest/source"
	"pkportal/report"
)

// outRow collects the lines of one output.
type outRow struct {
	group   string
	planned []source.Line
	figs    []outFig
	remarks [][]source.Line
}

type outFig struct {
	raw   string
	label []source.Line
}

type outState int

const (
	inPlanned outState = iota
	inLabel
	inRemarks
	inNewRow // after a group heading: the next line opens an output
	inYesNo  // after a bare "Oui"/"Non": a paragraph start opens an output
)

// outputs parses the body of an outputs table.
//
// A row is its planned lines, then its completed figures (each a number and
// a capitalised label that may wrap, or "Oui"/"Non", alone or followed by a
// remark), then its remarks. A new row starts at a paragraph start after a
// bare "Oui"/"Non", or in the label or remarks when its paragraph is as wide
// as the planned column (a remark paragraph is narrower) or is a short
// paragraph that opens with a noun and runs into a completed figure (a
// remark opens with an article or a pronoun). On the first line of a page,
// the planned text of the row goes on when the row's planned text ended
// with a joiner, or the line is in lower case and either follows a bare
// "Oui"/"Non" or is as wide as the planned column; the label or remarks go
// on otherwise. Group headings are matched by name (Vocab.Groups).
func (p *parser) outputs(eaID string, lines []source.Line) ([]*report.Output, error) {
	lines = p.splitGlued(lines)
	var rows []*outRow
	var cur *outRow
	group := ""
	state := inNewRow
	n := len(lines)
	for k := 0; k < n; k++ {
		l := lines[k]
		t := normSpaces(l.Text)
		if g, m := p.group(lines, k); g != "" {
			group = g
			state = inNewRow
			cur = nil
			k += m - 1
			continue
		}
		if raw, rest, ok := p.figureLine(lines, k); ok && cur != nil {
			f := outFig{raw: raw}
			state = inLabel
			if rest == "" && (raw == p.v.Yes || raw == p.v.No) && len(cur.figs) == 0 {
				state = inYesNo
			}
			if rest != "" {
				rl := source.Line{N: l.N, Text: rest, Indent: l.Indent}
				if (raw == p.v.Yes || raw == p.v.No) && len(cur.figs) == 0 {
					cur.remarks = append(cur.remarks, []source.Line{rl})
					state = inRemarks
				} else {
					f.label = append(f.label, rl)
				}
			}
			cur.figs = append(cur.figs, f)
			continue
		}
		newRow := func() {
			cur = &outRow{group: group, planned: []source.Line{l}}
			rows = append(rows, cur)
			state = inPlanned
		}
		if cur == nil || state == inNewRow {
			newRow()
			continue
		}
		if pageBreak(lines, k) && state != inPlanned {
			last := cur.planned[len(cur.planned)-1].Text
			if p.endsJoined(last) || (startsLower(t) && (state == inYesNo || p.plannedLike(lines, k) || p.openCellEnded(cur, state, t))) {
				open := p.openCellEndsJoined(cur, state)
				// the planned text goes on: take its lines up to the
				// next figure, paragraph start or narrow lower-case rest
				cur.planned = append(cur.planned, l)
				for k+1 < n {
					nx := lines[k+1]
					if _, _, ok := p.figureLine(lines, k+1); ok {
						break
					}
					if g, _ := p.group(lines, k+1); g != "" {
						break
					}
					if p.paraStart(lines, k+1) {
						break
					}
					if open && startsLower(nx.Text) && width(lines[k]) < shortLine && !p.endsJoined(lines[k].Text) && !p.plannedLike(lines, k+1) {
						break // the remarks go on
					}
					cur.planned = append(cur.planned, nx)
					k++
				}
				continue
			}
			if startsLower(t) {
				p.appendCont(cur, state, l)
				continue
			}
		}
		switch state {
		case inYesNo:
			if p.paraStart(lines, k) {
				newRow()
				continue
			}
			state = inRemarks
			p.appendCont(cur, state, l)
		case inPlanned:
			cur.planned = append(cur.planned, l)
		case inLabel, inRemarks:
			if p.paraStart(lines, k) {
				if p.plannedLike(lines, k) {
					newRow()
				} else if state == inRemarks && !p.opensRemark(t) && !p.explains(t) {
					// a remark paragraph opens with an article, a pronoun,
					// a preposition or a figure: a capitalised name
					// ("… de la composante" / "Sûreté et sécurité") goes on
					// with the sentence
					p.appendCont(cur, state, l)
				} else {
					cur.remarks = append(cur.remarks, []source.Line{l})
					state = inRemarks
				}
				continue
			}
			p.appendCont(cur, state, l)
		}
	}
	var out []*report.Output
	for i, r := range rows {
		o := &report.Output{ID: fmt.Sprintf("%s-o%d", eaID, i+1), N: i + 1, Group: r.group}
		o.Line = r.planned[0].N
		o.Planned = p.doc.Join(r.planned)
		for _, f := range r.figs {
			d := report.Delivered{Raw: f.raw, Label: p.doc.Join(f.label)}
			if num, ok := p.num.Parse(f.raw); ok {
				d.Num = num
			}
			o.Completed = append(o.Completed, d)
		}
		var paras []string
		for _, para := range r.remarks {
			paras = append(paras, p.doc.Join(para))
		}
		o.Remarks = strings.Join(paras, "\n")
		out = append(out, o)
	}
	return out, nil
}

// appendCont adds a continuation line to the label or the remarks.
func (p *parser) appendCont(cur *outRow, state outState, l source.Line) {
	if state == inLabel && len(cur.figs) > 0 {
		f := &cur.figs[len(cur.figs)-1]
		f.label = append(f.label, l)
		return
	}
	if len(cur.remarks) == 0 {
		cur.remarks = append(cur.remarks, nil)
	}
	last := len(cur.remarks) - 1
	cur.remarks[last] = append(cur.remarks[last], l)
}

// figureLine reads a completed figure at line k: a number with a
// capitalised label or alone, or "Oui"/"Non" with what follows.
func (p *parser) figureLine(lines []source.Line, k int) (raw, rest string, ok bool) {
	t := normSpaces(lines[k].Text)
	for _, yn := range []string{p.v.Yes, p.v.No} {
		if yn == "" {
			continue
		}
		if t == yn {
			return yn, "", true
		}
		if strings.HasPrefix(t, yn+" ") {
			return yn, strings.TrimPrefix(t, yn+" "), true
		}
	}
	m := p.figure.FindStringSubmatch(t)
	if m == nil {
		return "", "", false
	}
	if k > 0 && p.endsJoined(lines[k-1].Text) && p.beforeYesNo(lines, k) {
		// "… et de" / "2 000 T-shirts destinés …" / … / "Oui": the
		// planned sentence goes on up to its completed "Oui"
		return "", "", false
	}
	raw = m[1]
	if m[2] != "" {
		raw += p.num.Decimal + m[2]
	}
	return raw, m[3], true
}

// beforeYesNo reports whether the lines from k on run without a paragraph
// start into a bare "Oui" or "Non".
func (p *parser) beforeYesNo(lines []source.Line, k int) bool {
	for j := k + 1; j < len(lines); j++ {
		t := normSpaces(lines[j].Text)
		if t == p.v.Yes || t == p.v.No {
			return true
		}
		if p.startsItem(t) && !p.endsJoined(lines[j-1].Text) {
			return false
		}
	}
	return false
}

// paraStart reports whether line k opens a paragraph: a capital letter or a
// number and a word, after a line that does not end with a joiner, and not
// a completed figure.
func (p *parser) paraStart(lines []source.Line, k int) bool {
	if k == 0 {
		return true
	}
	if _, _, ok := p.figureLine(lines, k); ok {
		return false
	}
	prev := lines[k-1].Text
	if p.endsJoined(prev) || inParenthesis(lines, k) || startsAcronym(lines[k].Text) {
		return false
	}
	if startsUpper(lines[k].Text) {
		return true
	}
	// a number that wraps to the start of a line is no paragraph start
	return p.digitWord.MatchString(lines[k].Text) && (width(lines[k-1]) < shortLine || width(lines[k]) >= plannedOutputWidth || strings.HasSuffix(strings.TrimSpace(prev), "."))
}

// openCellEndsJoined reports whether the label or remark being read ends
// with a joiner, so that it must go on after a page break.
func (p *parser) openCellEndsJoined(cur *outRow, state outState) bool {
	var cell []source.Line
	switch {
	case state == inLabel && len(cur.figs) > 0:
		cell = cur.figs[len(cur.figs)-1].label
	case state == inRemarks && len(cur.remarks) > 0:
		cell = cur.remarks[len(cur.remarks)-1]
	}
	return len(cell) > 0 && p.endsJoined(cell[len(cell)-1].Text)
}

// openCellEnded reports whether the remark being read ended before the
// page break, so that next, the lower-case text at the top of the next
// page, cannot go on with it: the first word of next would have fitted on
// the remark's last line, within the widest line of the remark, and that
// line does not end with a joiner. Remarks of several lines only, whose
// widest line shows the column's width.
func (p *parser) openCellEnded(cur *outRow, state outState, next string) bool {
	if state != inRemarks || len(cur.remarks) == 0 {
		return false
	}
	cell := cur.remarks[len(cur.remarks)-1]
	if len(cell) < 3 {
		return false
	}
	last := cell[len(cell)-1]
	widest := 0
	for _, l := range cell {
		widest = max(widest, width(l))
	}
	word, _, _ := strings.Cut(next, " ")
	return width(last)+1+utf8.RuneCountInString(word) <= widest && !p.endsJoined(last.Text)
}

// plannedLike reports whether the paragraph that starts at line k is as
// wide as the planned column: one of its lines is at least
// plannedOutputWidth wide.
func (p *parser) plannedLike(lines []source.Line, k int) bool {
	if p.explains(lines[k].Text) {
		return false // "Ce chiffre…", "Le nombre…": a remark
	}
	for j := k; j < len(lines); j++ {
		if j > k {
			if _, _, ok := p.figureLine(lines, j); ok || p.paraStart(lines, j) || pageBreak(lines, j) {
				break
			}
			if g, _ := p.group(lines, j); g != "" {
				break
			}
		}
		if width(lines[j]) >= plannedOutputWidth {
			return true
		}
		// a short paragraph that opens with a noun and is followed by a
		// completed figure is a planned output
		if j+1 < len(lines) && !pageBreak(lines, j+1) && !p.opensRemark(lines[k].Text) {
			if _, _, ok := p.figureLine(lines, j+1); ok {
				return true
			}
		}
		// a paragraph directly followed by a bare "Oui"/"Non" (or "Non"
		// and its remark) is a planned output: those open the completed
		// column of a row
		if j+1 < len(lines) && !pageBreak(lines, j+1) {
			if raw, rest, ok := p.figureLine(lines, j+1); ok && (raw == p.v.Yes || raw == p.v.No) && (rest == "" || raw == p.v.No) {
				return true
			}
		}
	}
	return false
}

// group reads an output group heading at line k, printed on up to three
// lines; it returns the group as printed and the number of lines.
func (p *parser) group(lines []source.Line, k int) (string, int) {
	if !p.mayOpenGroup(lines[k].Text) {
		return "", 0
	}
	t := ""
	for m := 1; m <= 3 && k+m <= len(lines); m++ {
		if m > 1 {
			t += " "
		}
		t += groupKey(lines[k+m-1].Text)
		if !p.groupPrefix[t] {
			return "", 0
		}
		if g, ok := p.groups[t]; ok {
			return g, m
		}
	}
	return "", 0
}

// mayOpenGroup reports whether a line starts with the first word of a
// group heading, compared without case: a quick test, without allocating,
// before group builds the line's groupKey.
func (p *parser) mayOpenGroup(t string) bool {
	w := strings.TrimLeft(t, "#* ")
	if i := strings.IndexAny(w, " \t"); i >= 0 {
		w = w[:i]
	}
	if strings.Contains(w, "'") {
		w = strings.ReplaceAll(w, "'", "’")
	}
	for _, f := range p.groupFirst {
		if strings.EqualFold(w, f) {
			return true
		}
	}
	return false
}

// groupKey normalises a text for comparison with the group headings: no
// marks, lower case, one space between words, one apostrophe.
func groupKey(t string) string {
	t = strings.TrimLeft(t, "#* ")
	t = strings.ReplaceAll(t, "'", "’")
	return strings.ToLower(normSpaces(t))
}

// opensRemark reports whether a text starts with a word that opens remarks
// rather than planned outputs: an article, a pronoun, a preposition or a
// number.
func (p *parser) opensRemark(t string) bool {
	if p.digitWord.MatchString(t) {
		return false // "200 enquêtes": a planned figure
	}
	if !startsUpper(t) {
		return true
	}
	w := strings.FieldsFunc(t, func(r rune) bool { return r == ' ' || r == ',' })
	if len(w) == 0 {
		return true
	}
	first := w[0]
	if i := strings.IndexAny(first, "’'"); i >= 0 {
		first = first[:i+len(string([]rune(first[i:])[0]))]
	}
	return p.openers[first]
}

// splitGlued splits the lines where a short planned output and its completed
// figure were printed on one line.
func (p *parser) splitGlued(lines []source.Line) []source.Line {
	var out []source.Line
	for _, l := range lines {
		if m := p.glued.FindStringSubmatch(normSpaces(l.Text)); m != nil {
			out = append(out, source.Line{N: l.N, Text: m[1], Indent: l.Indent, PageTop: l.PageTop})
			out = append(out, source.Line{N: l.N, Text: m[2]})
			continue
		}
		out = append(out, l)
	}
	return out
}
