// Package rbb parses the results-based budgeting frameworks of a budget
// performance report (section II.F): each expected accomplishment with its
// table of indicators of achievement (planned / actual) and its table of
// outputs (planned / completed / remarks).
//
// The tables come out of the PDF with their columns interleaved line by
// line; the package puts each line back in its column from what the text
// itself shows: the parenthesis of period values that ends a planned
// indicator, the figure followed by a capitalised label that opens a
// completed output, the width of the columns, the words that cannot end a
// paragraph, and the first line of a page, where the columns of a row cut by
// the page break resume.
//
// It reads its words from the language's vocabulary (ingest/lang, file
// results.json), never from code. It must not parse anything outside the
// accomplishments: component headings ("Composante 2 : …"), numbered
// paragraphs and section headings belong to the section parser of ingest,
// which skips exactly the lines of the spans returned here. It must not
// hard-code line numbers of a report: what the rules cannot read belongs to
// the corrections file kept beside the source.
package rbb

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"pkportal/ingest/lang"
	"pkportal/ingest/source"
	"pkportal/report"
)

// Vocab is the wording of the frameworks in one language, loaded from
// ingest/lang/<language>/results.json.
type Vocab struct {
	// Accomplishment opens an accomplishment heading: "Réalisation escomptée".
	Accomplishment string `json:"accomplishment"`
	// IndicatorsHeader opens the indicators table: "Indicateurs de succès prévus".
	IndicatorsHeader string `json:"indicators_header"`
	// ActualHeader is the header of the actual column, printed on the same
	// line as IndicatorsHeader.
	ActualHeader string `json:"actual_header"`
	// OutputsHeader opens the outputs table: "Produits prévus".
	OutputsHeader string `json:"outputs_header"`
	// CompletedHeader is the header of the completed column, wrapped over
	// several lines in the source.
	CompletedHeader string `json:"completed_header"`
	// RemarksHeader is the last word of the outputs table header:
	// "Observations".
	RemarksHeader string `json:"remarks_header"`
	// Yes and No are the completed values "Oui" and "Non".
	Yes string `json:"yes"`
	No  string `json:"no"`
	// Achieved are the actual indicators that say the target was met, alone
	// on their line: "Objectif atteint".
	Achieved []string `json:"achieved"`
	// Component opens a component heading, which ends the frameworks of
	// the previous component: "Composante".
	Component string `json:"component"`
	// Groups are the sub-headings that group outputs (the support
	// component's service lines), as printed.
	Groups []string `json:"groups"`
	// RemarkOpeners are the first words of remarks (articles, pronouns,
	// prepositions): a short paragraph that starts with one of them and is
	// followed by a completed figure is a remark on the row, not a new
	// planned output, which opens with a noun ("Conduite de 700 patrouilles").
	RemarkOpeners []string `json:"remark_openers"`
	// Explanations are the phrases that open an explanation in the actual
	// column ("Ce chiffre…", "Le nombre…"), never a planned indicator.
	Explanations []string `json:"explanations"`
	// Joiners are the words after which a line cannot end a paragraph
	// (articles, prepositions, conjunctions, auxiliaries).
	Joiners []string `json:"joiners"`
}

// Result is what Parse returns.
type Result struct {
	// Accomplishments are the expected accomplishments in document order,
	// with IDs "ea-1-1" and numbers "1.1".
	Accomplishments []*report.Accomplishment
	// Spans are the lines each accomplishment takes, one per
	// accomplishment, from its heading line to the last line of its
	// outputs table, with Block{Accomplishment: ID}.
	Spans []source.Span
}

// parser holds a document and its vocabulary.
type parser struct {
	doc     *source.Doc
	v       Vocab
	joiners map[string]bool
	openers map[string]bool
	groups  map[string]string // groupKey of the heading → heading as printed
	// groupPrefix holds the groupKey of every line-wise prefix of a group
	// heading, to stop comparing early
	groupPrefix map[string]bool
	// groupFirst are the first words of the group headings, once each
	groupFirst []string
	heading    *regexp.Regexp
	// num is the number format of the document's language
	num *source.NumberFormat
	*numberRes
}

var (
	numberedParagraph = regexp.MustCompile(`^\d{1,3}\.\s+\S`)
	sectionHeading    = regexp.MustCompile(`^[IVX]+\.\s+\S`)
)

// Parse finds the expected accomplishments of doc and parses their
// indicators and outputs, with the vocabulary of language ("fr", "en").
// A document without accomplishments gives an empty Result. An
// accomplishment whose tables cannot be found is an error at its heading.
func Parse(doc *source.Doc, language string) (res *Result, err error) {
	var v Vocab
	if err := lang.Load(language, "results", &v); err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, fmt.Errorf("rbb: no document")
	}
	nf, err := source.Numbers(language)
	if err != nil {
		return nil, err
	}
	p := newParser(doc, v, nf)
	defer func() {
		// A parser bug must not take the whole ingest down with a panic:
		// report it as an error of the document.
		if r := recover(); r != nil {
			res, err = nil, doc.Errorf(0, "results frameworks: internal error: %v", r)
		}
	}()
	return p.parse()
}

func newParser(doc *source.Doc, v Vocab, nf *source.NumberFormat) *parser {
	p := &parser{doc: doc, v: v, joiners: map[string]bool{}, openers: map[string]bool{}, groups: map[string]string{}, num: nf, numberRes: numberRegexps(nf)}
	for _, w := range v.RemarkOpeners {
		p.openers[w] = true
	}
	for _, w := range v.Joiners {
		p.joiners[strings.ToLower(w)] = true
	}
	p.groupPrefix = map[string]bool{}
	for _, g := range v.Groups {
		key := groupKey(g)
		p.groups[key] = g
		w := strings.Fields(key)
		if len(w) > 0 && !slices.Contains(p.groupFirst, w[0]) {
			p.groupFirst = append(p.groupFirst, w[0])
		}
		for i := 1; i <= len(w); i++ {
			p.groupPrefix[strings.Join(w[:i], " ")] = true
		}
	}
	p.heading = regexp.MustCompile(`^` + regexp.QuoteMeta(v.Accomplishment) + `\s+(\d+(?:\.\d+)+)\s*:\s*(.*)$`)
	return p
}

func (p *parser) parse() (*Result, error) {
	lines := p.doc.Lines
	var heads []int
	for i, l := range lines {
		if p.heading.MatchString(l.Text) {
			heads = append(heads, i)
		}
	}
	res := &Result{}
	seen := map[string]int{}
	for n, h := range heads {
		limit := len(lines)
		if n+1 < len(heads) {
			limit = heads[n+1]
		}
		ea, span, err := p.accomplishment(h, limit)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[ea.ID]; ok {
			return nil, p.doc.Errorf(lines[h].N, "expected a new accomplishment number, found %q again (first at line %d)", ea.Number, prev)
		}
		seen[ea.ID] = lines[h].N
		res.Accomplishments = append(res.Accomplishments, ea)
		res.Spans = append(res.Spans, span)
	}
	return res, nil
}

// accomplishment parses the accomplishment whose heading is at index h;
// its outputs table ends at limit at the latest.
func (p *parser) accomplishment(h, limit int) (*report.Accomplishment, source.Span, error) {
	lines := p.doc.Lines
	m := p.heading.FindStringSubmatch(lines[h].Text)
	number := m[1]
	ea := &report.Accomplishment{
		ID:     "ea-" + strings.ReplaceAll(number, ".", "-"),
		Number: number,
		Line:   lines[h].N,
	}
	// The heading wraps until the indicators table header.
	ih := -1
	for k := h + 1; k < limit && k <= h+6; k++ {
		if strings.HasPrefix(lines[k].Text, p.v.IndicatorsHeader) {
			ih = k
			break
		}
	}
	if ih < 0 {
		return nil, source.Span{}, p.doc.Errorf(lines[h].N, "expected %q after the heading of accomplishment %s, found %q", p.v.IndicatorsHeader, number, textAt(lines, h+1))
	}
	head := append([]source.Line{{N: lines[h].N, Text: m[2]}}, lines[h+1:ih]...)
	ea.Text = p.doc.Join(head)

	oh := -1
	for k := ih + 1; k < limit; k++ {
		if strings.HasPrefix(lines[k].Text, p.v.OutputsHeader) {
			oh = k
			break
		}
		if p.isStop(lines[k].Text) {
			break
		}
	}
	if oh < 0 {
		return nil, source.Span{}, p.doc.Errorf(lines[ih].N, "expected %q in accomplishment %s, found no outputs table", p.v.OutputsHeader, number)
	}
	// The outputs header wraps over several lines, up to "Observations".
	body := -1
	for k := oh; k < limit && k <= oh+6; k++ {
		if strings.HasSuffix(strings.TrimSpace(lines[k].Text), p.v.RemarksHeader) {
			body = k + 1
			break
		}
	}
	if body < 0 {
		return nil, source.Span{}, p.doc.Errorf(lines[oh].N, "expected the outputs table header to end with %q, found %q", p.v.RemarksHeader, textAt(lines, oh+1))
	}
	end := body
	for end < limit && !p.isStop(lines[end].Text) {
		end++
	}
	if oh == ih+1 {
		return nil, source.Span{}, p.doc.Errorf(lines[oh].N, "expected the rows of the indicators table of accomplishment %s, found %q", number, lines[oh].Text)
	}
	if end == body {
		return nil, source.Span{}, p.doc.Errorf(lines[body-1].N, "expected the rows of the outputs table of accomplishment %s, found %q", number, textAt(lines, body))
	}
	var err error
	ea.Indicators, err = p.indicators(ea.ID, stripMarks(lines[ih+1:oh]))
	if err != nil {
		return nil, source.Span{}, err
	}
	ea.Outputs, err = p.outputs(ea.ID, stripMarks(lines[body:end]))
	if err != nil {
		return nil, source.Span{}, err
	}
	return ea, source.Span{From: h, To: end, Block: report.Block{Accomplishment: ea.ID}}, nil
}

// isStop reports whether a line belongs to the section parser: a component
// heading, a numbered paragraph or a section heading.
func (p *parser) isStop(t string) bool {
	if p.v.Component != "" && strings.HasPrefix(t, p.v.Component+" ") {
		rest := strings.TrimSpace(strings.TrimPrefix(t, p.v.Component))
		if rest != "" && rest[0] >= '0' && rest[0] <= '9' {
			return true
		}
	}
	return numberedParagraph.MatchString(t) || sectionHeading.MatchString(t) || p.heading.MatchString(t)
}

func textAt(lines []source.Line, k int) string {
	if k < 0 || k >= len(lines) {
		return "end of document"
	}
	return lines[k].Text
}

// stripMarks copies table lines without the "##" marks the extraction left
// before the first row of some tables.
func stripMarks(ls []source.Line) []source.Line {
	out := make([]source.Line, 0, len(ls))
	for _, l := range ls {
		if strings.HasPrefix(l.Text, "#") {
			l.Text = strings.TrimSpace(strings.TrimLeft(l.Text, "#"))
			if l.Text == "" {
				continue
			}
		}
		out = append(out, l)
	}
	return out
}
