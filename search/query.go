package search

import (
	"errors"
	"html"
	"math"
	"regexp"
	"sort"
	"strings"

	"pkportal/report"
)

// Options narrow a search.
type Options struct {
	// Kind keeps documents of one kind ("paragraph", "table-row"…).
	Kind string
	// Report keeps documents of one report, by symbol ("A/76/564") or slug.
	Report string
	// Offset and Limit page the results.
	Offset, Limit int
}

// Kinds are the kinds of documents, for the kind filter.
var Kinds = []string{"report", "heading", "paragraph", "table-row", "accomplishment", "indicator", "output", "follow-up"}

// Result is a document that matched, with a snippet whose matches are in
// <mark> and everything else HTML-escaped.
type Result struct {
	Doc
	Snippet string  `json:"snippet"`
	Score   float64 `json:"-"`
	id      int32
}

// clause is one condition of a query: a phrase of one or more terms, or a
// prefix.
type clause struct {
	terms  []string
	prefix bool
	quoted bool
}

// ErrEmpty is returned for a query with nothing to search for.
var ErrEmpty = errors.New("the query has no word to search for")

var (
	quoted     = regexp.MustCompile(`"([^"]*)"`)
	digitSpace = regexp.MustCompile(`(\d)[ \x{00a0}\x{202f}](\d{3})\b`)
)

// parse reads a query: "quoted phrases", prefix*, and words; a word the
// analyzer cuts in several terms ("A/76/564", "2020/21") is a phrase.
func parse(q string) []clause {
	for digitSpace.MatchString(q) {
		q = digitSpace.ReplaceAllString(q, "$1$2")
	}
	var cs []clause
	for _, m := range quoted.FindAllStringSubmatch(q, -1) {
		if ts := terms(m[1]); len(ts) > 0 {
			cs = append(cs, clause{terms: ts, quoted: true})
		}
	}
	for _, w := range strings.Fields(quoted.ReplaceAllString(q, " ")) {
		if strings.HasSuffix(w, "*") {
			p := foldString(strings.Trim(w, "*\"'"))
			if len([]rune(p)) >= 2 {
				cs = append(cs, clause{terms: []string{p}, prefix: true})
				continue
			}
		}
		if ts := terms(w); len(ts) > 0 {
			cs = append(cs, clause{terms: ts})
		}
	}
	return cs
}

func terms(s string) []string {
	var out []string
	for _, t := range analyze(s) {
		out = append(out, t.term)
	}
	return out
}

// Search runs a query and returns one page of results, best first, and
// the number of documents that matched.
//
// Every clause must match. The documents of the rarest clause are checked
// against the others' sorted lists, and only those candidates are scored.
func (ix *Index) Search(q string, o Options) ([]Result, int, error) {
	cs := parse(q)
	if len(cs) == 0 {
		return nil, 0, ErrEmpty
	}
	expand := make([][]string, len(cs)) // the terms each clause stands for
	lists := make([][]int32, len(cs))   // the documents each clause matches
	for i, c := range cs {
		switch {
		case c.prefix:
			lo := sort.SearchStrings(ix.vocab, c.terms[0])
			for j := lo; j < len(ix.vocab) && strings.HasPrefix(ix.vocab[j], c.terms[0]); j++ {
				expand[i] = append(expand[i], ix.vocab[j])
			}
		default:
			expand[i] = c.terms[:1]
		}
		lists[i] = ix.docsOf(expand[i])
		if len(lists[i]) == 0 {
			return nil, 0, nil
		}
	}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return len(lists[order[a]]) < len(lists[order[b]]) })

	var plain []string // the words of an unquoted query side by side weigh more
	for _, c := range cs {
		if !c.prefix && !c.quoted {
			plain = append(plain, c.terms...)
		}
	}
	n := float64(len(ix.docs))
	var res []Result
candidates:
	for _, d := range lists[order[0]] {
		for _, i := range order[1:] {
			if !contains(lists[i], d) {
				continue candidates
			}
		}
		doc := &ix.docs[d]
		if o.Kind != "" && doc.Kind != o.Kind {
			continue
		}
		if o.Report != "" && !strings.EqualFold(doc.Report, o.Report) && !strings.EqualFold(report.Slug(doc.Report), o.Report) {
			continue
		}
		score := 0.0
		for i, c := range cs {
			switch {
			case c.prefix:
				best := 0.0
				for _, t := range expand[i] {
					best = math.Max(best, ix.termScore(t, d, n))
				}
				score += best
			case len(c.terms) == 1:
				score += ix.termScore(c.terms[0], d, n)
			default:
				if !ix.body.hasPhrase(d, c.terms) && !ix.label.hasPhrase(d, c.terms) {
					continue candidates
				}
				s := 0.0
				for _, t := range c.terms {
					s += ix.termScore(t, d, n)
				}
				score += 2 * s // an exact phrase above scattered words
			}
		}
		if len(plain) > 1 && (ix.body.hasPhrase(d, plain) || ix.label.hasPhrase(d, plain)) {
			score *= 1.5
		}
		res = append(res, Result{Doc: *doc, Score: score, id: d})
	}
	sort.SliceStable(res, func(i, j int) bool {
		if res[i].Score != res[j].Score {
			return res[i].Score > res[j].Score
		}
		return res[i].URL < res[j].URL
	})
	total := len(res)
	if o.Offset >= len(res) {
		return nil, total, nil
	}
	res = res[o.Offset:]
	if o.Limit > 0 && len(res) > o.Limit {
		res = res[:o.Limit]
	}
	marks := map[string]bool{}
	for i, c := range cs {
		for _, t := range append(c.terms, expand[i]...) {
			marks[t] = true
		}
	}
	for i := range res {
		res[i].Snippet = ix.snippet(res[i].id, marks)
	}
	return res, total, nil
}

// docsOf returns, sorted, the documents that hold any of the terms in any
// field.
func (ix *Index) docsOf(terms []string) []int32 {
	var lists [][]int32
	for _, t := range terms {
		for _, f := range []*field{ix.body, ix.label} {
			if p := f.postings[t]; p != nil {
				lists = append(lists, p.docs)
			}
		}
	}
	if len(lists) == 1 {
		return lists[0]
	}
	var all []int32
	for _, l := range lists {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	out := all[:0]
	for i, d := range all {
		if i == 0 || d != all[i-1] {
			out = append(out, d)
		}
	}
	return out
}

func contains(l []int32, d int32) bool {
	i := sort.Search(len(l), func(k int) bool { return l[k] >= d })
	return i < len(l) && l[i] == d
}

// labelWeight is how much more a word of a label counts than one of a body.
const labelWeight = 2.0

// termScore is the BM25 score of a term in document d, label weighted.
func (ix *Index) termScore(t string, d int32, n float64) float64 {
	score := 0.0
	for _, f := range []struct {
		fd *field
		w  float64
	}{{ix.body, 1}, {ix.label, labelWeight}} {
		p := f.fd.postings[t]
		if p == nil {
			continue
		}
		i := p.find(d)
		if i < 0 {
			continue
		}
		df := float64(len(p.docs))
		idf := math.Log(1 + (n-df+0.5)/(df+0.5))
		tf := float64(p.offs[i+1] - p.offs[i])
		score += f.w * idf * bm25(tf, float64(f.fd.lens[d]), f.fd.avg)
	}
	return score
}

func bm25(tf, dl, avg float64) float64 {
	const k1, b = 1.2, 0.75
	if avg == 0 {
		avg = 1
	}
	return tf * (k1 + 1) / (tf + k1*(1-b+b*dl/avg))
}

// snippet cuts about 200 characters of the document's text around its
// first match and marks the matching words.
func (ix *Index) snippet(d int32, marks map[string]bool) string {
	toks := analyze(ix.docs[d].Text) // only for the results shown
	rs := []rune(ix.docs[d].Text)
	first := -1
	for _, t := range toks {
		if marks[t.term] {
			first = t.start
			break
		}
	}
	start := 0
	if first > 80 {
		start = first - 80
		for start < first && rs[start] != ' ' {
			start++
		}
	}
	end := min(len(rs), start+240)
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, t := range toks {
		if !marks[t.term] || t.start < pos || t.end > end {
			continue
		}
		b.WriteString(html.EscapeString(string(rs[pos:t.start])))
		b.WriteString("<mark>" + html.EscapeString(string(rs[t.start:t.end])) + "</mark>")
		pos = t.end
	}
	b.WriteString(html.EscapeString(string(rs[pos:end])))
	if end < len(rs) {
		b.WriteString(" …")
	}
	return b.String()
}
