package finance

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"pkportal/ingest/source"
	"pkportal/report"
)

// Result is what Parse finds in a report.
type Result struct {
	// Tables are the financial tables in document order: summary-financial,
	// summary-hr, iii-a, iii-b, iii-d, iii-e, iii-e-factors, iii-f (those
	// the report has).
	Tables []*report.Table
	// Variances are the items of section IV, Paragraphs left empty: the
	// section parser fills them.
	Variances []*report.Variance
	// Spans are the lines each table and each variance header takes, in
	// document order, for the section parser to skip.
	Spans []source.Span
}

// Parse finds and parses the tables of the summary and of section III and
// the variance items of section IV of a report in language.
func Parse(doc *source.Doc, language string) (*Result, error) {
	if doc == nil {
		return nil, fmt.Errorf("finance: no document")
	}
	v, err := LoadVocab(language)
	if err != nil {
		return nil, err
	}
	nf, err := source.Numbers(language)
	if err != nil {
		return nil, err
	}
	p := &parser{doc: doc, v: v, num: nf, numberRes: numberRegexps(nf), texts: make([]string, len(doc.Lines))}
	for i, l := range doc.Lines {
		p.texts[i] = norm(l.Text)
	}
	p.dates = dateRegexp(v)
	return p.parse()
}

type parser struct {
	doc *source.Doc
	v   *Vocab
	// num is the number format of the report's language
	num *source.NumberFormat
	*numberRes
	dates *regexp.Regexp
	// texts are the lines' texts with their spaces normalised.
	texts []string
}

var (
	romanHeading  = regexp.MustCompile(`^([IVX]+)\.\s+\S`)
	numberedPara  = regexp.MustCompile(`^\d+\.\s+\S`)
	letterHeading = regexp.MustCompile(`^([A-Z])\.\s+(\S.*)$`)
	formulaLine   = regexp.MustCompile(`^[\d()\s=/+×x*–—-]+$`)
)

// numberRes are the patterns of figures in the number format of a language.
type numberRes struct {
	// cellPiece is a token of a figure cell (cells are cut at spaces, and
	// French numbers hold spaces): "1", "183", "384,7", "(9", "444,2)",
	// a nil dash or a range "0,0-5,0"; in English "1,183,384.7" is one.
	cellPiece *regexp.Regexp
	// rangeCell is a range of percentages: "0,0-5,0".
	rangeCell *regexp.Regexp
}

var numberResCache sync.Map // *source.NumberFormat (one per language) → *numberRes

// numberRegexps compiles the figure patterns of a number format, once per
// language.
func numberRegexps(nf *source.NumberFormat) *numberRes {
	if r, ok := numberResCache.Load(nf); ok {
		return r.(*numberRes)
	}
	// the separators that are no spaces stay inside a token
	digits := `\d+`
	var tight strings.Builder
	for _, g := range nf.Group {
		if r := []rune(g)[0]; !unicode.IsSpace(r) {
			fmt.Fprintf(&tight, `\x{%x}`, r)
		}
	}
	if tight.Len() > 0 {
		digits = `\d[\d` + tight.String() + `]*`
	}
	dec := nf.DecimalRe()
	r := &numberRes{
		cellPiece: regexp.MustCompile(`^(\(?` + digits + `(` + dec + `\d+)?\)?|[–—-]|\d+` + dec + `\d+[–—-]\d+` + dec + `\d+)$`),
		rangeCell: regexp.MustCompile(`^(\d+` + dec + `\d+)[–—-](\d+` + dec + `\d+)$`),
	}
	numberResCache.Store(nf, r)
	return r
}

// norm collapses runs of spaces and trims them.
func norm(s string) string { return source.CollapseSpaces(s) }

func (p *parser) text(i int) string { return p.texts[i] }

func (p *parser) parse() (*Result, error) {
	res := &Result{}
	lines := p.doc.Lines
	pos := 0
	iii := -1
	for _, s := range specs {
		tv := p.v.table(s.id)
		at, from, spanFrom, title := -1, -1, -1, ""
		switch {
		case tv.Title != "":
			for i := pos; i < len(lines); i++ {
				if p.text(i) == norm(tv.Title) {
					at, from, spanFrom, title = i, i+1, i, p.doc.Clean(lines[i].Text)
					break
				}
			}
		case tv.Heading != "":
			if iii < 0 {
				iii = p.findRoman(pos, "III", p.v.ResourceSection)
				if iii < 0 {
					return nil, p.doc.Errorf(p.lineN(pos), "expected the heading of section III %q, found none", p.v.ResourceSection)
				}
				pos = iii + 1
			}
			for i := pos; i < len(lines); i++ {
				if k, t := p.heading(i, tv.Heading); k > 0 {
					at, from, spanFrom, title = i, i+k, i+k, t
					break
				}
			}
		default:
			for i := pos; i < len(lines); i++ {
				if strings.HasPrefix(p.text(i), norm(tv.LabelHeading)) {
					at, from, spanFrom, title = i, i, i, norm(tv.LabelHeading)
					break
				}
			}
		}
		if at < 0 {
			if s.required {
				return nil, p.doc.Errorf(p.lineN(pos), "expected table %s (%q), found none", s.id, tv.Title+tv.Heading+tv.LabelHeading)
			}
			continue
		}
		t, end, err := p.table(s, tv, title, at, from)
		if err != nil {
			return nil, err
		}
		res.Tables = append(res.Tables, t)
		res.Spans = append(res.Spans, source.Span{From: spanFrom, To: end, Block: report.Block{Table: s.id}})
		pos = end
	}
	vs, spans, err := p.variances(pos, res.Tables)
	if err != nil {
		return nil, err
	}
	res.Variances = vs
	res.Spans = append(res.Spans, spans...)
	return res, nil
}

func (p *parser) lineN(i int) int {
	if i < len(p.doc.Lines) {
		return p.doc.Lines[i].N
	}
	if len(p.doc.Lines) > 0 {
		return p.doc.Lines[len(p.doc.Lines)-1].N
	}
	return 0
}

// findRoman returns the index of the line "<numeral>. <title…>" at or after
// pos, or -1.
func (p *parser) findRoman(pos int, numeral, title string) int {
	for i := pos; i < len(p.doc.Lines); i++ {
		t := p.text(i)
		if m := romanHeading.FindStringSubmatch(t); m != nil && m[1] == numeral {
			rest := strings.TrimSpace(t[len(m[1])+1:])
			if strings.HasPrefix(rest, norm(title)) {
				return i
			}
		}
	}
	return -1
}

// heading reports whether line i starts a lettered heading "X. <heading>",
// wrapped over up to three lines: it returns the number of lines and the
// heading's cleaned text without its letter, or 0.
func (p *parser) heading(i int, heading string) (int, string) {
	m := letterHeading.FindStringSubmatch(p.text(i))
	if m == nil {
		return 0, ""
	}
	want := norm(heading)
	got := m[2]
	for k := 1; k <= 3 && i+k <= len(p.doc.Lines); k++ {
		if k > 1 {
			got = norm(got + " " + p.text(i+k-1))
		}
		if got == want {
			ls := append([]source.Line{{Text: m[2]}}, p.doc.Lines[i+1:i+k]...)
			return k, p.doc.Join(ls)
		}
		if !strings.HasPrefix(want, got) {
			return 0, ""
		}
	}
	return 0, ""
}

// isAnchor reports whether line i starts one of the tables or the
// resource or variance sections: a line that ends any table before it.
func (p *parser) isAnchor(i int) bool {
	t := p.text(i)
	if numberedPara.MatchString(t) || strings.HasPrefix(t, norm(p.v.UnitLine)) {
		return true
	}
	if f := strings.Fields(t); romanHeading.MatchString(t) && !p.cellPiece.MatchString(f[len(f)-1]) {
		return true // a section heading, not a row "I. Militaires… 493 922,9"
	}
	for _, tv := range p.v.Tables {
		switch {
		case tv.Title != "":
			if t == norm(tv.Title) {
				return true
			}
		case tv.Heading != "":
			if k, _ := p.heading(i, tv.Heading); k > 0 {
				return true
			}
		default:
			if strings.HasPrefix(t, norm(tv.LabelHeading)) {
				return true
			}
		}
	}
	return false
}

// rawRow is a row as read from one or more lines.
type rawRow struct {
	from, to int // line indices
	label    string
	cells    []string // raw cells; nil for a label-only line
	indent   int
}

func (p *parser) table(s tableSpec, tv *TableVocab, title string, at, from int) (*report.Table, int, error) {
	lines := p.doc.Lines
	t := &report.Table{ID: s.id, Section: s.section, Title: title, Line: lines[at].N}
	i := from
	// The unit line, possibly wrapped.
	if i < len(lines) && strings.HasPrefix(p.text(i), norm(p.v.UnitLine)) {
		t.Unit = s.unit
		var unit []string
		for k := 0; k < 3 && i < len(lines); k++ {
			unit = append(unit, p.text(i))
			end := strings.HasSuffix(p.text(i), ")")
			i++
			if end {
				break
			}
		}
		t.UnitLine = strings.TrimSuffix(strings.TrimPrefix(strings.Join(unit, " "), "("), ")")
	} else if s.unit != "" {
		return nil, 0, p.doc.Errorf(p.lineN(i), "table %s: expected the unit line %q, found %q", s.id, p.v.UnitLine, p.text(min(i, len(lines)-1)))
	}
	// The column headings.
	cols, next, err := p.columns(s, tv, i)
	if err != nil {
		return nil, 0, err
	}
	t.Columns = cols
	i = next
	// The rows.
	var raws []rawRow
	for i < len(lines) {
		if p.footnoteStart(i, 'a') != "" || p.isAnchor(i) {
			break
		}
		r, next, share, err := p.row(s, tv, i)
		if err != nil {
			return nil, 0, err
		}
		if share != "" {
			t.Notes = append(t.Notes, report.Note{Text: share})
			i = next
			continue
		}
		raws = append(raws, r)
		i = next
		if r.label == norm(p.v.Total) {
			// the last total closes the table, but for a share line or
			// footnotes
			if i < len(lines) && tv.Share != "" && strings.HasPrefix(p.text(i), norm(tv.Share)) {
				continue
			}
			break
		}
	}
	if len(raws) == 0 {
		return nil, 0, p.doc.Errorf(p.lineN(i), "table %s: expected rows, found %q", s.id, p.textAt(i))
	}
	// The footnotes a, b, c….
	letter := 'a'
	for i < len(lines) {
		body := p.footnoteStart(i, letter)
		if body == "" {
			break
		}
		ls := []source.Line{{Text: body}}
		i++
		for i < len(lines) && !strings.HasSuffix(strings.TrimSpace(ls[len(ls)-1].Text), ".") &&
			p.footnoteStart(i, letter+1) == "" && !p.isAnchor(i) && len(ls) < 8 {
			ls = append(ls, lines[i])
			i++
		}
		t.Notes = append(t.Notes, report.Note{Label: string(letter), Text: p.doc.Join(ls)})
		letter++
	}
	t.Rows = p.classify(raws, t)
	return t, i, nil
}

// short cuts a text quoted in an error message to a readable length.
func short(s string) string {
	if r := []rune(s); len(r) > 120 {
		return string(r[:120]) + "…"
	}
	return s
}

func (p *parser) textAt(i int) string {
	if i < len(p.doc.Lines) {
		return p.text(i)
	}
	return "end of text"
}

// footnoteStart returns the text of a table footnote with the given letter
// that starts at line i, or "".
func (p *parser) footnoteStart(i int, letter rune) string {
	if i >= len(p.doc.Lines) {
		return ""
	}
	t := p.text(i)
	if len(t) > 2 && rune(t[0]) == letter && t[1] == ' ' {
		return strings.TrimSpace(t[2:])
	}
	return ""
}

// columns reads the column headings from line i: lines until the label
// column's heading and every column label are found, then the lines of
// column numbers and formulas such as "(3) = (1) – (2)".
func (p *parser) columns(s tableSpec, tv *TableVocab, i int) ([]report.Column, int, error) {
	lines := p.doc.Lines
	first := i
	var h string
	for k := 0; ; k++ {
		if i >= len(lines) || k >= 12 {
			return nil, 0, p.doc.Errorf(p.lineN(first), "table %s: expected the column headings %q, found %q", s.id, headingsOf(tv), short(h))
		}
		h = norm(h + " " + p.text(i))
		i++
		if cols, ok := p.findColumns(s, tv, h); ok {
			for i < len(lines) && formulaLine.MatchString(p.text(i)) {
				h = norm(h + " " + p.text(i))
				i++
			}
			columnRefs(cols, h)
			return cols, i, nil
		}
	}
}

// columnRefs sets each column's Ref from the row of column numbers that
// some tables print under their headings, read in the header text h:
// "(1) (2) (3) = (1) – (2) (4) = (3)/(1)" gives "(1)", "(2)",
// "(3) = (1) – (2)" and "(4) = (3)/(1)". A column's reference runs from its
// number to the next column's; nothing is set unless every column has one.
func columnRefs(cols []report.Column, h string) {
	at := make([]int, len(cols)+1)
	from := 0
	for k := range cols {
		j := strings.Index(h[from:], "("+strconv.Itoa(k+1)+")")
		if j < 0 {
			return
		}
		at[k] = from + j
		from = at[k] + 3
	}
	at[len(cols)] = len(h)
	refs := make([]string, len(cols))
	for k := range cols {
		refs[k] = strings.TrimSpace(h[at[k]:at[k+1]])
		if !formulaLine.MatchString(refs[k]) {
			return // words after a number: not a row of column numbers
		}
	}
	for k := range cols {
		cols[k].Ref = refs[k]
	}
}

func headingsOf(tv *TableVocab) string {
	var ls []string
	for _, c := range tv.Columns {
		ls = append(ls, c.Label)
	}
	return strings.Join(ls, " | ")
}

// findColumns looks for the label column heading and the column labels in
// order in the header text h, with the footnote letters glued to them.
func (p *parser) findColumns(s tableSpec, tv *TableVocab, h string) ([]report.Column, bool) {
	if tv.LabelHeading != "" && !strings.Contains(h, norm(tv.LabelHeading)) {
		return nil, false
	}
	var cols []report.Column
	cur := 0
	for k, cv := range tv.Columns {
		if cv.Over != "" && !strings.Contains(h, norm(cv.Over)) {
			return nil, false
		}
		label := norm(cv.Label)
		found := false
		for cur <= len(h) {
			j := strings.Index(h[cur:], label)
			if j < 0 {
				return nil, false
			}
			end := cur + j + len(label)
			rest := h[end:]
			var notes []string
			switch {
			case rest == "" || rest[0] == ' ':
			case len(rest) >= 1 && rest[0] >= 'a' && rest[0] <= 'h' && (len(rest) == 1 || rest[1] == ' '):
				notes = []string{rest[:1]}
				end++
			default:
				cur = cur + j + 1
				continue
			}
			c := s.columns[k]
			c.Label = cv.Label
			if cv.Over != "" {
				c.Label = cv.Over + " : " + cv.Label
			}
			c.Notes = notes
			cols = append(cols, c)
			cur = end
			found = true
			break
		}
		if !found {
			return nil, false
		}
	}
	return cols, true
}

// row reads one row from line i, joining the lines of a wrapped label. It
// returns the row, the index of the next line and, for the share line of
// III.B, the share's text instead of a row.
func (p *parser) row(s tableSpec, tv *TableVocab, i int) (rawRow, int, string, error) {
	lines := p.doc.Lines
	r := rawRow{from: i, indent: lines[i].Indent}
	txt := p.text(i)
	j := i + 1
	for {
		if tv.Share != "" && strings.HasPrefix(txt, norm(tv.Share)) {
			return r, j, p.doc.Clean(txt), nil
		}
		label, cells, err := p.split(s, txt)
		if err != nil {
			return r, 0, "", p.doc.Errorf(lines[i].N, "table %s: %v", s.id, err)
		}
		if cells == nil && j < len(lines) && j-i < 4 && p.continues(i, j) {
			txt = txt + " " + p.text(j)
			j++
			continue
		}
		if label == "" {
			return r, 0, "", p.doc.Errorf(lines[i].N, "table %s: expected a row label before the figures, found %q", s.id, txt)
		}
		r.label, r.cells, r.to = label, cells, j
		return r, j, "", nil
	}
}

// continues reports whether line j continues the label of the row that
// starts at line i: it starts with a lower-case letter or a parenthesis, or
// it holds a label alone no more indented than the row.
func (p *parser) continues(i, j int) bool {
	if p.isAnchor(j) || p.footnoteStart(j, 'a') != "" {
		return false
	}
	t := p.text(j)
	r, _ := utf8.DecodeRuneInString(t)
	if unicode.IsLower(r) || r == '(' {
		return true
	}
	if p.doc.Lines[j].Indent > p.doc.Lines[i].Indent || !unicode.IsUpper(r) {
		return false
	}
	if p.isTotal(t) {
		return false
	}
	// a label alone: no figure at its end
	f := strings.Fields(t)
	return len(f) > 0 && !p.cellPiece.MatchString(f[len(f)-1]) && !p.dates.MatchString(t)
}

func (p *parser) isTotal(label string) bool {
	if label == norm(p.v.Total) || (p.v.Gross != "" && label == norm(p.v.Gross)) || (p.v.Net != "" && label == norm(p.v.Net)) {
		return true
	}
	return p.isSubtotal(label)
}

func (p *parser) isSubtotal(label string) bool {
	for _, s := range p.v.Subtotals {
		if label == norm(s) {
			return true
		}
	}
	return false
}

// split cuts a row's text into its label and its cells: nil cells when the
// text has no figure, otherwise exactly one per column.
func (p *parser) split(s tableSpec, txt string) (string, []string, error) {
	n := len(s.columns)
	if s.factors {
		return p.splitFactors(txt, n)
	}
	tok := strings.Fields(txt)
	kmin := len(tok)
	for kmin > 0 && p.cellPiece.MatchString(tok[kmin-1]) {
		kmin--
	}
	if kmin == len(tok) {
		return norm(txt), nil, nil
	}
	for k := kmin; k < len(tok); k++ {
		parts := p.partitions(tok[k:], n, 2)
		if len(parts) == 1 {
			return strings.Join(tok[:k], " "), parts[0], nil
		}
		if len(parts) > 1 {
			return "", nil, fmt.Errorf("ambiguous figures %q: %q or %q", strings.Join(tok[k:], " "), strings.Join(parts[0], " | "), strings.Join(parts[1], " | "))
		}
	}
	return "", nil, fmt.Errorf("expected %d figures at the end of the row, found %q", n, strings.Join(tok[kmin:], " "))
}

// partitions returns up to max ways to read tokens as exactly n cells.
func (p *parser) partitions(tok []string, n, max int) [][]string {
	var out [][]string
	var cur []string
	var rec func(i int)
	rec = func(i int) {
		if len(out) >= max {
			return
		}
		if len(cur) == n {
			if i == len(tok) {
				out = append(out, append([]string(nil), cur...))
			}
			return
		}
		if i == len(tok) || len(tok)-i > (n-len(cur))*6 {
			return
		}
		for j := i + 1; j <= len(tok) && j-i <= 6; j++ {
			raw := strings.Join(tok[i:j], " ")
			if j == i+1 && (source.IsNil(raw) || p.rangeCell.MatchString(raw)) {
				cur = append(cur, raw)
				rec(j)
				cur = cur[:len(cur)-1]
				break
			}
			if _, ok := p.num.Parse(raw); ok {
				cur = append(cur, raw)
				rec(j)
				cur = cur[:len(cur)-1]
			}
		}
	}
	rec(0)
	return out
}

func dateRegexp(v *Vocab) *regexp.Regexp {
	var ms []string
	for _, m := range v.Months {
		ms = append(ms, regexp.QuoteMeta(m))
	}
	ord := ""
	if v.OrdinalFirst != "" {
		ord = "(?:" + regexp.QuoteMeta(v.OrdinalFirst) + ")?"
	}
	return regexp.MustCompile(`(?i)(?:^|\s)(\d{1,2})` + ord + `\s+(` + strings.Join(ms, "|") + `),?\s+(\d{4})\s*$`)
}

// splitFactors cuts a row of the contingent-owned equipment factors: a
// label, a percentage or range, and up to two dates at the end.
func (p *parser) splitFactors(txt string, n int) (string, []string, error) {
	var dates []string
	for len(dates) < n-1 {
		loc := p.dates.FindStringSubmatchIndex(txt)
		if loc == nil {
			break
		}
		dates = append([]string{strings.TrimSpace(txt[loc[0]:])}, dates...)
		txt = strings.TrimSpace(txt[:loc[0]])
	}
	tok := strings.Fields(txt)
	pct := ""
	if len(tok) > 1 && p.cellPiece.MatchString(tok[len(tok)-1]) {
		pct = tok[len(tok)-1]
		tok = tok[:len(tok)-1]
	}
	if pct == "" && len(dates) == 0 {
		return norm(txt), nil, nil
	}
	cells := []string{pct}
	cells = append(cells, dates...)
	for len(cells) < n {
		cells = append(cells, "")
	}
	return strings.Join(tok, " "), cells, nil
}

// classify turns the raw rows into typed rows: headings, items with their
// group, subtotals, totals and the deduction of staff assessment (gross −
// it = net); it strips footnote letters from labels.
func (p *parser) classify(raws []rawRow, t *report.Table) []report.Row {
	notes := map[string]bool{}
	for _, n := range t.Notes {
		if n.Label != "" {
			notes[n.Label] = true
		}
	}
	var rows []report.Row
	group, groupIndent := "", 0
	for k, r := range raws {
		label := p.doc.Clean(r.label)
		label, rnotes := p.stripNote(label, notes)
		row := report.Row{Label: label, Notes: rnotes, Line: p.doc.Lines[r.from].N}
		switch {
		case p.isSubtotal(label):
			row.Type = report.RowSubtotal
			row.Group = group
			group = ""
		case p.isTotal(label):
			row.Type = report.RowTotal
			group = ""
		case p.v.StaffAssessment != "" && label == norm(p.v.StaffAssessment):
			// subtracted from the gross amount, not one of the items
			row.Type = report.RowDeduction
			group = ""
		case r.cells == nil && k+1 < len(raws) && raws[k+1].indent > r.indent && !p.isTotal(p.doc.Clean(raws[k+1].label)):
			row.Type = report.RowHeading
			group, groupIndent = label, r.indent
		default:
			row.Type = report.RowItem
			if group != "" && r.indent > groupIndent {
				row.Group = group
			} else {
				group = ""
			}
		}
		// a heading has empty cells too, so that every row has one per column
		row.Cells = p.cells(r.cells, len(t.Columns), t.Columns)
		rows = append(rows, row)
	}
	return rows
}

// stripNote removes a footnote letter glued to the end of a label, e.g.
// "Emplois de temporairec" → "Emplois de temporaire", ["c"].
func (p *parser) stripNote(label string, notes map[string]bool) (string, []string) {
	if len(label) < 3 {
		return label, nil
	}
	x := label[len(label)-1:]
	if !notes[x] {
		return label, nil
	}
	body := label[:len(label)-1]
	if strings.HasSuffix(body, ")") {
		return body, []string{x}
	}
	f := strings.Fields(label)
	last := f[len(f)-1]
	stem := last[:len(last)-1]
	if utf8.RuneCountInString(stem) >= 2 && p.doc.WordCount(stem) > p.doc.WordCount(last) {
		return body, []string{x}
	}
	return label, nil
}

// cells builds the cells of a row from the raw cells: numbers, nil dashes,
// ranges and dates.
func (p *parser) cells(raw []string, n int, cols []report.Column) []report.Cell {
	out := make([]report.Cell, n)
	for k := range out {
		if k >= len(raw) {
			continue
		}
		s := strings.TrimSpace(raw[k])
		c := report.Cell{Raw: s}
		switch {
		case s == "" || source.IsNil(s):
		case cols[k].Type == "date":
			c.Text = p.isoDate(s)
		default:
			if d, ok := p.num.Parse(s); ok {
				c.Num = d
			} else if m := p.rangeCell.FindStringSubmatch(s); m != nil {
				a, _ := p.num.Parse(m[1])
				b, _ := p.num.Parse(m[2])
				c.Text = string(a) + "-" + string(b)
			} else {
				c.Text = s
			}
		}
		out[k] = c
	}
	return out
}

// isoDate writes a date such as "1er juillet 2017" as "2017-07-01", or
// returns it as printed when it is not a date.
func (p *parser) isoDate(s string) string {
	m := p.dates.FindStringSubmatch(" " + s)
	if m == nil {
		return s
	}
	month := 0
	for i, name := range p.v.Months {
		if strings.EqualFold(name, m[2]) {
			month = i + 1
		}
	}
	day := m[1]
	if len(day) == 1 {
		day = "0" + day
	}
	return fmt.Sprintf("%s-%02d-%s", m[3], month, day)
}
