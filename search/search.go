// Package search is the full-text index of the portal: documents taken from
// the reports (paragraphs for now), an accent- and case-folding analyzer,
// and a ranked query with highlighted snippets.
//
// The search function embeds it, so it must stay small and start fast: the
// standard library and the report model only, no Hugo.
package search

import (
	"html"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"pkportal/report"
)

// Doc is one searchable thing with where it lives on the portal.
type Doc struct {
	// URL is the page with its anchor, e.g. "/fr/a-76-564/ii-f-1/#par-26".
	URL string `json:"url"`
	// Title names the thing, e.g. "Paragraphe 26".
	Title string `json:"title"`
	// Kind is "paragraph", "table-row", "indicator", "output"….
	Kind string `json:"kind"`
	// Citation is how a delegate cites it, e.g. "A/76/564, par. 26".
	Citation string `json:"citation"`
	// Report is the symbol of the report, e.g. "A/76/564".
	Report string `json:"report"`
	// Lang is the language of the text.
	Lang string `json:"lang"`
	Text string `json:"-"`

	folded string
}

// Index holds the documents of every report.
type Index struct {
	docs []Doc
}

// FromReports indexes the reports for readers of the UI language lang:
// paragraphs, table rows, indicators, outputs and follow-up rows.
func FromReports(reports []*report.Report, lang string) *Index {
	ix := &Index{}
	w := words[lang]
	if w == nil {
		w = words["en"]
	}
	for _, r := range reports {
		pageOf := r.PageOf()
		add := func(d Doc) {
			d.Report, d.Lang = r.Symbol, r.Language
			ix.Add(d)
		}
		r.Walk(func(s *report.Section) {
			for _, b := range s.Blocks {
				p := b.Paragraph
				if p == nil {
					continue
				}
				d := Doc{URL: r.URL(lang, pageOf[s.ID], p.ID), Kind: "paragraph", Text: p.FullText()}
				if p.Number > 0 {
					d.Title = w["paragraph"] + " " + itoa(p.Number)
					d.Citation = r.Symbol + ", par. " + itoa(p.Number)
				} else {
					d.Title = s.Title
					d.Citation = r.Symbol + ", " + s.Title
				}
				add(d)
			}
		})
		for _, t := range r.Tables {
			for i, row := range t.Rows {
				var vals []string
				for _, c := range row.Cells {
					if c.Raw != "" {
						vals = append(vals, c.Raw)
					}
				}
				add(Doc{URL: r.URL(lang, "tables/"+t.ID, t.ID+"-r"+itoa(i+1)), Kind: "table-row", Title: t.Title + " — " + row.Label,
					Citation: r.Symbol + ", " + t.ID, Text: row.Group + " " + row.Label + " " + strings.Join(vals, " ")})
			}
		}
		for _, c := range r.Components {
			page := pageOf[c.ID]
			for _, ea := range c.Accomplishments {
				cite := r.Symbol + ", " + w["ea"] + " " + ea.Number
				add(Doc{URL: r.URL(lang, page, ea.ID), Kind: "accomplishment", Title: w["ea"] + " " + ea.Number, Citation: cite, Text: ea.Text})
				for _, in := range ea.Indicators {
					var vals []string
					for _, v := range in.Values {
						vals = append(vals, v.Period+" : "+v.Raw)
					}
					add(Doc{URL: r.URL(lang, page, in.ID), Kind: "indicator", Title: w["ea"] + " " + ea.Number + ", " + w["indicator"] + " " + itoa(in.N),
						Citation: cite + ", " + w["indicator"] + " " + itoa(in.N), Text: in.Planned + " " + strings.Join(vals, " ; ") + " " + in.Actual})
				}
				for _, o := range ea.Outputs {
					var done []string
					for _, d := range o.Completed {
						done = append(done, d.Raw+" "+d.Label)
					}
					add(Doc{URL: r.URL(lang, page, o.ID), Kind: "output", Title: w["ea"] + " " + ea.Number + ", " + w["output"] + " " + itoa(o.N),
						Citation: cite + ", " + w["output"] + " " + itoa(o.N), Text: o.Group + " " + o.Planned + " " + strings.Join(done, " ") + " " + o.Remarks})
				}
			}
		}
		for _, f := range r.FollowUp {
			add(Doc{URL: r.URL(lang, pageOf["vi"], f.ID), Kind: "follow-up", Title: f.Body + " " + f.Resolution + ", par. " + f.ResolutionParagraph,
				Citation: r.Symbol + ", sect. VI", Text: f.Request + " " + f.Action})
		}
	}
	return ix
}

var words = map[string]map[string]string{
	"fr": {"paragraph": "Paragraphe", "ea": "réalisation escomptée", "indicator": "indicateur", "output": "produit"},
	"en": {"paragraph": "Paragraph", "ea": "expected accomplishment", "indicator": "indicator", "output": "output"},
}

// Add adds a document to the index.
func (ix *Index) Add(d Doc) {
	d.folded = Fold(d.Text)
	ix.docs = append(ix.docs, d)
}

// Len is the number of documents.
func (ix *Index) Len() int { return len(ix.docs) }

// Fold lower-cases s and strips its accents. The result has exactly one
// rune per rune of s, so that a match's rune position in the folded text
// is its position in s.
func Fold(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(foldRune(r))
	}
	return b.String()
}

func foldRune(r rune) rune {
	switch r {
	case '’', '‘', 'ʼ':
		return '\''
	case 'œ', 'Œ':
		return 'o' // "œuvre" → "ouvre"… folded as one rune to keep positions
	}
	d := norm.NFD.String(string(r))
	base := []rune(d)[0]
	return unicode.ToLower(base)
}

// Result is a document that matched, with a snippet whose matches are in
// <mark> and everything else HTML-escaped.
type Result struct {
	Doc
	Snippet string  `json:"snippet"`
	Score   float64 `json:"-"`
}

// Search returns the documents that contain every term of the query,
// best first, and their total count. limit caps the results returned.
func (ix *Index) Search(query string, limit int) ([]Result, int) {
	terms := strings.FieldsFunc(Fold(query), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(terms) == 0 {
		return nil, 0
	}
	var res []Result
	for _, d := range ix.docs {
		score := 0.0
		for _, t := range terms {
			n := strings.Count(d.folded, t)
			if n == 0 {
				score = 0
				break
			}
			score += float64(n) / float64(len(t)+len(d.folded)/200+1)
		}
		if score > 0 {
			res = append(res, Result{Doc: d, Score: score})
		}
	}
	sort.SliceStable(res, func(i, j int) bool { return res[i].Score > res[j].Score })
	total := len(res)
	if len(res) > limit {
		res = res[:limit]
	}
	for i := range res {
		res[i].Snippet = snippet(res[i].Text, res[i].folded, terms)
	}
	return res, total
}

// snippet cuts about 200 runes of text around the first match and marks
// every match.
func snippet(text, folded string, terms []string) string {
	tr, fr := []rune(text), []rune(folded)
	first := len(fr)
	var marks [][2]int
	for _, t := range terms {
		tl := []rune(t)
		for i := 0; i+len(tl) <= len(fr); i++ {
			if string(fr[i:i+len(tl)]) == t {
				marks = append(marks, [2]int{i, i + len(tl)})
				if i < first {
					first = i
				}
			}
		}
	}
	start := max(0, first-80)
	end := min(len(tr), start+220)
	sort.Slice(marks, func(i, j int) bool { return marks[i][0] < marks[j][0] })
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, m := range marks {
		if m[0] < pos || m[1] > end {
			continue
		}
		b.WriteString(html.EscapeString(string(tr[pos:m[0]])))
		b.WriteString("<mark>" + html.EscapeString(string(tr[m[0]:m[1]])) + "</mark>")
		pos = m[1]
	}
	b.WriteString(html.EscapeString(string(tr[pos:end])))
	if end < len(tr) {
		b.WriteString(" …")
	}
	return b.String()
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n >= 10 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	i--
	b[i] = byte('0' + n)
	return string(b[i:])
}
