package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"pkportal/ingest/source"
	"pkportal/report"
)

// chartNote is the portal's statement about section III.C. It is in
// English, like every message of the portal; the site translates it.
const chartNote = "The monthly expenditure figures of this section are a chart in the PDF of the report; they are not in its text."

// external is what the other parsers of ingest read: the lines they took
// and the items they made of them.
type external struct {
	Spans           []source.Span
	Tables          []*report.Table
	Variances       []*report.Variance
	Accomplishments []*report.Accomplishment
	// Fallback is set when the other parsers are not available: the section
	// parser then skips the text that is theirs (tables, frameworks) by the
	// vocabulary's fallback markers instead of by spans.
	Fallback bool
}

// pending is a paragraph whose lines are being collected.
type pending struct {
	sec    *report.Section
	number int
	id     string
	lines  []source.Line
}

// walker walks the lines of a document and builds the section tree.
type walker struct {
	doc *source.Doc
	voc *vocabulary
	r   *report.Report
	ext *external

	spans  map[int]source.Span // by From
	placed map[int]bool

	next     int // index in voc.Sections of the first heading not yet met
	sec      *report.Section
	head     *heading // vocabulary of sec's level-1 or level-2 heading
	parents  []*report.Section
	comps    *report.Section // II.F once met
	nextPar  int
	par      *pending
	unnum    map[string]int
	skipping bool
	followUp []source.Line
	variance string
	varPars  map[string][]int
}

var (
	paraStart  = regexp.MustCompile(`^(\d{1,3})\.\s+(\S.*)$`)
	footRule   = regexp.MustCompile(`^_{3,}$`)
	footLine   = regexp.MustCompile(`^(\d{1,2})\s+(\S.*)$`)
	trailingNo = regexp.MustCompile(`^\d{1,2}$`)
)

// walk builds r.Sections, r.Components' sections, the paragraphs, the
// footnotes and r.FollowUp from the document's lines.
func (w *walker) walk() error {
	w.spans = map[int]source.Span{}
	w.placed = map[int]bool{}
	w.unnum = map[string]int{}
	w.varPars = map[string][]int{}
	w.nextPar = 1
	for _, sp := range w.ext.Spans {
		if sp.From < 0 || sp.From >= len(w.doc.Lines) || sp.To <= sp.From || sp.To > len(w.doc.Lines) {
			return w.doc.Errorf(0, "span [%d:%d) of another parser is outside the document's %d lines", sp.From, sp.To, len(w.doc.Lines))
		}
		if prev, dup := w.spans[sp.From]; dup {
			return w.doc.Errorf(w.doc.Lines[sp.From].N, "two spans start here (%v and %v)", prev.Block, sp.Block)
		}
		w.spans[sp.From] = sp
	}
	lines := w.doc.Lines
	for i := 0; i < len(lines); {
		l := lines[i]
		if sp, ok := w.spans[i]; ok {
			w.flush()
			w.skipping = false
			w.placed[i] = true
			if w.sec == nil {
				return w.doc.Errorf(l.N, "a %s starts before the first heading %q", blockKind(sp.Block), w.voc.Sections[0].Title)
			}
			w.emit(sp.Block)
			i = sp.To
			continue
		}
		if n := w.heading(i); n > 0 {
			i += n
			continue
		}
		if w.sec == nil {
			return w.doc.Errorf(l.N, "expected the heading %q, found %q", w.voc.Sections[0].Title, clip(l.Text))
		}
		if footRule.MatchString(l.Text) {
			i = w.footnotes(i + 1)
			continue
		}
		if w.head != nil && w.head.FollowUp {
			w.followUp = append(w.followUp, l)
			i++
			continue
		}
		if num, ok := w.paragraphStart(i); ok {
			w.flush()
			w.skipping = false
			w.par = &pending{sec: w.sec, number: num, id: "par-" + strconv.Itoa(num), lines: []source.Line{l}}
			if num >= w.nextPar {
				w.nextPar = num + 1
			}
			if w.head != nil && w.head.Variances && w.variance != "" {
				w.varPars[w.variance] = append(w.varPars[w.variance], num)
			}
			i++
			continue
		}
		if w.sec.ID == "summary" && w.summaryClosing(l) {
			w.flush()
			w.skipping = false
			w.startUnnumbered(l)
			i++
			continue
		}
		if w.ext.Fallback && !w.skipping && w.marker(l) {
			w.flush()
			w.skipping = true
			i++
			continue
		}
		if w.sec.ID == "summary" && w.summaryStart(l) {
			w.flush()
			w.skipping = false
			w.startUnnumbered(l)
			i++
			continue
		}
		if w.skipping {
			i++
			continue
		}
		if w.subheading(i) {
			w.flush()
			w.startUnnumbered(l)
			w.flush()
			i++
			continue
		}
		if w.par == nil {
			w.startUnnumbered(l)
		} else {
			w.par.lines = append(w.par.lines, l)
		}
		i++
	}
	w.flush()
	for _, sp := range w.ext.Spans { // in document order
		if !w.placed[sp.From] {
			return w.doc.Errorf(lines[sp.From].N, "the %s that starts here was not placed: its first line was read as part of a heading", blockKind(sp.Block))
		}
	}
	if w.followUp != nil {
		rows, err := parseFollowUp(w.doc, w.voc, w.followUp)
		if err != nil {
			return err
		}
		w.r.FollowUp = rows
	}
	return nil
}

func blockKind(b report.Block) string {
	switch {
	case b.Table != "":
		return "table " + b.Table
	case b.Variance != "":
		return "variance " + b.Variance
	case b.Accomplishment != "":
		return "expected accomplishment " + b.Accomplishment
	}
	return "block of another parser"
}

// clip shortens a text for an error message.
func clip(s string) string {
	if utf8.RuneCountInString(s) > 60 {
		return string([]rune(s)[:60]) + "…"
	}
	return s
}

// emit places a block of another parser in the current section.
func (w *walker) emit(b report.Block) {
	if b == (report.Block{}) {
		return
	}
	if b.Variance != "" {
		w.variance = b.Variance
	}
	w.sec.Blocks = append(w.sec.Blocks, b)
}

// flush turns the pending paragraph into a block of its section.
func (w *walker) flush() {
	p := w.par
	if p == nil {
		return
	}
	w.par = nil
	lines := append([]source.Line(nil), p.lines...)
	if p.number > 0 {
		m := paraStart.FindStringSubmatch(lines[0].Text)
		lines[0].Text = m[2]
	}
	text := w.doc.Join(lines)
	para := &report.Paragraph{Number: p.number, ID: p.id, Line: p.lines[0].N}
	// labels that start an indented line of their own: items printed as a
	// list, which run to the end of the paragraph
	own := map[string]bool{}
	for k, l := range lines {
		if m := w.voc.ownItem.FindStringSubmatch(l.Text); m != nil && (l.Indent > 0 || k == 0) {
			own[m[1]] = true
		}
	}
	para.Text, para.Items, para.Tail = splitItemsWith(w.voc.items, text, own)
	para.Citations = citations(w.voc, w.r.Language, text)
	p.sec.Blocks = append(p.sec.Blocks, report.Block{Paragraph: para})
}

// startUnnumbered starts an unnumbered paragraph in the current section.
func (w *walker) startUnnumbered(l source.Line) {
	w.unnum[w.sec.ID]++
	id := w.sec.ID + "-p" + strconv.Itoa(w.unnum[w.sec.ID])
	w.par = &pending{sec: w.sec, id: id, lines: []source.Line{l}}
}

// paragraphStart reports whether line i starts a numbered paragraph: "N. "
// and a capital letter, where N is the next number. A number that repeats
// the last one or skips one or two is taken too (validation reports it)
// when the line before ends a sentence.
func (w *walker) paragraphStart(i int) (int, bool) {
	m := paraStart.FindStringSubmatch(w.doc.Lines[i].Text)
	if m == nil {
		return 0, false
	}
	first, _ := utf8.DecodeRuneInString(m[2])
	if !unicode.IsUpper(first) && !strings.ContainsRune("«“\"", first) {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	if err != nil || n == 0 {
		return 0, false
	}
	if n == w.nextPar {
		return n, true
	}
	if n < w.nextPar-1 || n > w.nextPar+2 {
		return 0, false
	}
	if w.par == nil {
		return n, true
	}
	last := w.par.lines[len(w.par.lines)-1].Text
	return n, strings.HasSuffix(last, ".") || strings.HasSuffix(last, ":")
}

// summaryStart reports whether a line of the summary starts an unnumbered
// paragraph: an indented line that starts with a capital letter after a
// line that ends a sentence, or the closing sentence of the vocabulary.
func (w *walker) summaryStart(l source.Line) bool {
	if w.summaryClosing(l) {
		return true
	}
	if w.skipping || l.Indent < 1 {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l.Text)
	if !unicode.IsUpper(first) {
		return false
	}
	if w.par == nil {
		return true
	}
	last := w.par.lines[len(w.par.lines)-1].Text
	return strings.HasSuffix(last, ".")
}

// subheading reports whether line i is an unnumbered subheading of a
// section, such as "Pandémie de maladie à coronavirus 2019" in II.B: an
// indented line that starts with a capital letter and ends without
// punctuation, after a sentence's end and before a numbered paragraph. The
// model has no block for it: it becomes an unnumbered paragraph of its own.
func (w *walker) subheading(i int) bool {
	l := w.doc.Lines[i]
	if w.sec.ID == "summary" || l.Indent < 2 || i+1 >= len(w.doc.Lines) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(l.Text)
	if !unicode.IsUpper(first) || strings.ContainsAny(lastRuneString(l.Text), ".;:,") {
		return false
	}
	if w.par != nil && !endsSentence(w.par.lines[len(w.par.lines)-1].Text) {
		return false
	}
	m := paraStart.FindStringSubmatch(w.doc.Lines[i+1].Text)
	return m != nil && m[1] == strconv.Itoa(w.nextPar)
}

func lastRuneString(s string) string {
	r, _ := utf8.DecodeLastRuneInString(s)
	return string(r)
}

// summaryClosing reports whether a line starts the summary's closing
// sentence.
func (w *walker) summaryClosing(l source.Line) bool {
	return w.voc.SummaryClosing != "" && strings.HasPrefix(norm(l.Text), norm(w.voc.SummaryClosing))
}

// marker reports whether a line starts text of another parser (fallback).
func (w *walker) marker(l source.Line) bool {
	t := norm(l.Text)
	for _, m := range w.voc.FallbackMarkers {
		if m != "" && strings.HasPrefix(t, norm(m)) {
			return true
		}
	}
	return false
}

// footnotes reads the document footnotes that follow a footnote rule at
// line i-1 and returns the index of the first line after them. A footnote
// is "N  text" and goes on until its text ends a sentence.
func (w *walker) footnotes(i int) int {
	lines := w.doc.Lines
	for i < len(lines) {
		if _, ok := w.spans[i]; ok {
			break
		}
		m := footLine.FindStringSubmatch(lines[i].Text)
		if m == nil {
			break
		}
		first, _ := utf8.DecodeRuneInString(m[2])
		if !unicode.IsUpper(first) {
			break
		}
		note := []source.Line{{N: lines[i].N, Text: m[2]}}
		i++
		for i < len(lines) && !strings.HasSuffix(note[len(note)-1].Text, ".") {
			if _, ok := w.spans[i]; ok || footLine.MatchString(lines[i].Text) || paraStart.MatchString(lines[i].Text) {
				break
			}
			note = append(note, lines[i])
			i++
		}
		w.r.Footnotes = append(w.r.Footnotes, report.Note{Label: m[1], Text: w.doc.Join(note)})
	}
	return i
}

// heading reports how many lines a heading takes at line i, 0 if there is
// none; it opens the heading's section.
func (w *walker) heading(i int) int {
	if w.comps != nil && w.head != nil && w.head.Components {
		if n := w.component(i); n > 0 {
			return n
		}
	}
	for k := w.next; k < len(w.voc.Sections); k++ {
		h := &w.voc.Sections[k]
		n, title, note := w.matchTitle(i, h)
		if n == 0 {
			continue
		}
		w.flush()
		w.skipping = false
		w.variance = ""
		w.next = k + 1
		w.open(h, title, w.doc.Lines[i].N)
		if note != "" {
			w.sec.Notes = []string{note}
		}
		return n
	}
	return 0
}

// open starts the section of a vocabulary heading.
func (w *walker) open(h *heading, title string, line int) {
	s := &report.Section{ID: h.ID, Number: h.Number, Title: title, Level: h.Level, Line: line}
	if h.Level == 1 || len(w.parents) == 0 {
		w.r.Sections = append(w.r.Sections, s)
		w.parents = []*report.Section{s}
	} else {
		parent := w.parents[0]
		parent.Children = append(parent.Children, s)
		w.parents = []*report.Section{parent, s}
	}
	w.sec, w.head = s, h
	if h.Components {
		w.comps = s
	}
	if h.Chart {
		s.Blocks = append(s.Blocks, report.Block{Note: chartNote})
	}
}

// matchTitle matches the heading h at line i, its title wrapped over up to
// four lines, with a footnote number glued to its end. It returns the
// number of lines, the title as printed (footnote number removed) and the
// footnote number.
func (w *walker) matchTitle(i int, h *heading) (n int, title, note string) {
	lines := w.doc.Lines
	t := lines[i].Text
	if h.Label != "" {
		if !strings.HasPrefix(t, h.Label+" ") {
			return 0, "", ""
		}
		t = strings.TrimSpace(t[len(h.Label):])
	}
	want := strings.ToLower(norm(h.Title))
	parts := []source.Line{{N: lines[i].N, Text: t}}
	for k := 0; k < 4 && i+k < len(lines); k++ {
		if k > 0 {
			if _, ok := w.spans[i+k]; ok {
				return 0, "", ""
			}
			parts = append(parts, lines[i+k])
		}
		title := w.doc.Join(parts)
		got := strings.ToLower(norm(title))
		if got == want {
			return k + 1, title, ""
		}
		if strings.HasPrefix(got, want) {
			rest := strings.TrimSpace(got[len(want):])
			if h.Open {
				return k + 1, title, ""
			}
			if trailingNo.MatchString(rest) {
				// a footnote reference: the footnote itself is read
				// after its rule, further down
				return k + 1, strings.TrimSpace(strings.TrimSuffix(title, rest)), rest
			}
			return 0, "", ""
		}
		if !strings.HasPrefix(want, got) {
			return 0, "", ""
		}
	}
	return 0, "", ""
}

var componentNo = regexp.MustCompile(`^(\d{1,2})\s*:\s*\S`)

// component matches a component heading of II.F at line i: the vocabulary's
// word, the next number, a colon and a title over up to three lines.
func (w *walker) component(i int) int {
	lines := w.doc.Lines
	t := lines[i].Text
	word := w.voc.Component + " "
	if !strings.HasPrefix(t, word) {
		return 0
	}
	m := componentNo.FindStringSubmatch(t[len(word):])
	if m == nil {
		return 0
	}
	num, _ := strconv.Atoi(m[1])
	if num != len(w.comps.Children)+1 {
		return 0
	}
	w.flush()
	w.skipping = false
	parts := []source.Line{lines[i]}
	for k := i + 1; k < len(lines) && k < i+3; k++ {
		if _, ok := w.spans[k]; ok {
			break
		}
		if _, ok := w.paragraphStart(k); ok {
			break
		}
		if w.marker(lines[k]) || footRule.MatchString(lines[k].Text) || w.isHeading(k) {
			break
		}
		parts = append(parts, lines[k])
	}
	title := w.doc.Join(parts)
	s := &report.Section{
		ID:     w.comps.ID + "-" + strconv.Itoa(num),
		Number: w.comps.Number + "." + strconv.Itoa(num),
		Title:  title,
		Level:  3,
		Line:   lines[i].N,
	}
	w.comps.Children = append(w.comps.Children, s)
	w.r.Components = append(w.r.Components, &report.Component{Number: num, ID: s.ID, Title: title, Line: lines[i].N})
	w.sec = s
	w.variance = ""
	return len(parts)
}

// isHeading reports whether a vocabulary heading starts at line i.
func (w *walker) isHeading(i int) bool {
	for k := w.next; k < len(w.voc.Sections); k++ {
		if n, _, _ := w.matchTitle(i, &w.voc.Sections[k]); n > 0 {
			return true
		}
	}
	return false
}

// norm normalises a text for comparison: one space between words,
// typographic apostrophes.
func norm(s string) string {
	s = strings.ReplaceAll(s, "'", "’")
	s = strings.ReplaceAll(s, "\u00a0", " ")
	s = strings.ReplaceAll(s, "\u202f", " ")
	return strings.Join(strings.Fields(s), " ")
}
