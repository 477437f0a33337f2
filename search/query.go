package search

import (
	"errors"
	"html"
	"math"
	"regexp"
	"sort"
	"strings"
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
func (ix *Index) Search(q string, o Options) ([]Result, int, error) {
	cs := parse(q)
	if len(cs) == 0 {
		return nil, 0, ErrEmpty
	}
	// expand prefixes
	expand := make([][]string, len(cs))
	for i, c := range cs {
		if c.prefix {
			lo := sort.SearchStrings(ix.vocab, c.terms[0])
			for j := lo; j < len(ix.vocab) && strings.HasPrefix(ix.vocab[j], c.terms[0]); j++ {
				expand[i] = append(expand[i], ix.vocab[j])
			}
			if len(expand[i]) == 0 {
				return nil, 0, nil
			}
		}
	}
	n := float64(len(ix.docs))
	scores := map[int32]float64{}
	var candidates []int32
	for i, c := range cs {
		match := map[int32]float64{}
		switch {
		case c.prefix:
			for _, t := range expand[i] {
				for d, s := range ix.termScores(t, n) {
					match[d] = math.Max(match[d], s)
				}
			}
		case len(c.terms) == 1:
			match = ix.termScores(c.terms[0], n)
		default:
			match = ix.phraseScores(c.terms, n)
		}
		if i == 0 {
			for d, s := range match {
				scores[d] = s
				candidates = append(candidates, d)
			}
			continue
		}
		kept := candidates[:0]
		for _, d := range candidates {
			if s, ok := match[d]; ok {
				scores[d] += s
				kept = append(kept, d)
			}
		}
		candidates = kept
	}
	// the words of an unquoted query side by side weigh more
	var plain []string
	for _, c := range cs {
		if !c.prefix && !c.quoted {
			plain = append(plain, c.terms...)
		}
	}
	var res []Result
	for _, d := range candidates {
		doc := ix.docs[d]
		if o.Kind != "" && doc.Kind != o.Kind {
			continue
		}
		if o.Report != "" && !strings.EqualFold(doc.Report, o.Report) && !strings.EqualFold(strings.ReplaceAll(doc.Report, "/", "-"), o.Report) {
			continue
		}
		s := scores[d]
		if len(plain) > 1 && (ix.body.hasPhrase(d, plain) || ix.label.hasPhrase(d, plain)) {
			s *= 1.5
		}
		res = append(res, Result{Doc: doc, Score: s, id: d})
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
		for _, t := range c.terms {
			marks[t] = true
		}
		for _, t := range expand[i] {
			marks[t] = true
		}
	}
	for i := range res {
		res[i].Snippet = ix.snippet(res[i].id, marks)
	}
	return res, total, nil
}

// labelWeight is how much more a word of a label counts than one of a body.
const labelWeight = 2.0

// termScores gives the BM25 score of a term in every document holding it.
func (ix *Index) termScores(t string, n float64) map[int32]float64 {
	out := map[int32]float64{}
	for _, f := range []struct {
		fd *field
		w  float64
	}{{ix.body, 1}, {ix.label, labelWeight}} {
		ps := f.fd.postings[t]
		if len(ps) == 0 {
			continue
		}
		idf := math.Log(1 + (n-float64(len(ps))+0.5)/(float64(len(ps))+0.5))
		for _, p := range ps {
			out[p.doc] += f.w * idf * bm25(float64(len(p.pos)), float64(f.fd.lens[p.doc]), f.fd.avg)
		}
	}
	return out
}

func bm25(tf, dl, avg float64) float64 {
	const k1, b = 1.2, 0.75
	if avg == 0 {
		avg = 1
	}
	return tf * (k1 + 1) / (tf + k1*(1-b+b*dl/avg))
}

// phraseScores scores the documents where the terms stand side by side.
func (ix *Index) phraseScores(ts []string, n float64) map[int32]float64 {
	out := map[int32]float64{}
	for d, s := range ix.termScores(ts[0], n) {
		if ix.body.hasPhrase(d, ts) || ix.label.hasPhrase(d, ts) {
			out[d] = s
		}
	}
	for d := range out {
		for _, t := range ts[1:] {
			out[d] += ix.termScores(t, n)[d]
		}
		out[d] *= 2 // an exact phrase above scattered words
	}
	return out
}

// hasPhrase reports whether the terms stand side by side in document d.
func (f *field) hasPhrase(d int32, ts []string) bool {
	pos := make([][]int32, len(ts))
	for i, t := range ts {
		ps := f.postings[t]
		j := sort.Search(len(ps), func(k int) bool { return ps[k].doc >= d })
		if j == len(ps) || ps[j].doc != d {
			return false
		}
		pos[i] = ps[j].pos
	}
	for _, p0 := range pos[0] {
		ok := true
		for i := 1; i < len(ts) && ok; i++ {
			k := sort.Search(len(pos[i]), func(k int) bool { return pos[i][k] >= p0+int32(i) })
			ok = k < len(pos[i]) && pos[i][k] == p0+int32(i)
		}
		if ok {
			return true
		}
	}
	return false
}

// snippet cuts about 200 characters of the document's text around its
// first match and marks the matching words.
func (ix *Index) snippet(d int32, marks map[string]bool) string {
	toks := ix.body.toks[d]
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
