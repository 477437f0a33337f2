package search

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Options narrow a search.
type Options struct {
	// Kind keeps documents of one kind ("paragraph", "table-row"…).
	Kind string
	// Report keeps documents of one report, by symbol ("A/76/564") or slug.
	Report string
	// Lang is the UI language of the answers' URLs, titles and citations;
	// empty is the index's first (Langs).
	Lang string
	// Offset and Limit page the results.
	Offset, Limit int
}

// Kinds are the kinds of documents, for the kind filter.
var Kinds = []string{"report", "heading", "paragraph", "table", "table-row", "accomplishment", "indicator", "output", "follow-up"}

// frenchKinds are the French names a reader of the French pages may type
// for a kind ("kind:tableau"), accents folded.
var frenchKinds = map[string]string{
	"rapport": "report", "titre": "heading", "paragraphe": "paragraph", "tableau": "table",
	"ligne": "table-row", "realisation": "accomplishment", "indicateur": "indicator",
	"produit": "output", "suivi": "follow-up",
}

// Kind returns the kind a filter's value names, in Kinds, and whether it
// names one: a kind in any case, or its French name ("tableau", "produit").
func Kind(name string) (string, bool) {
	k := strings.ToLower(name)
	if slices.Contains(Kinds, k) {
		return k, true
	}
	k, ok := frenchKinds[foldString(k)]
	return k, ok
}

// Result is a document that matched, with a snippet whose matches are in
// <mark> and everything else HTML-escaped.
type Result struct {
	Doc
	Snippet string  `json:"snippet"`
	Score   float64 `json:"-"`
}

// clause is one condition of a query: a phrase of one or more terms, or a
// prefix.
type clause struct {
	terms  []string
	prefix bool
	quoted bool
	// exclude: a -word, which the documents found must not hold (all of
	// its terms, when the analyzer cuts it in several)
	exclude bool
	// or: the clause's alternatives ("drones OR hélicoptères"), each one
	// term or a prefix; a document holds one at least (terms is nil)
	or []clause
}

// alternative reports whether c can be one side of an OR: one word of
// one term, or a prefix (not a phrase, a quoted phrase or a -word).
func (c clause) alternative() bool {
	return !c.quoted && !c.exclude && (len(c.terms) == 1 || len(c.or) > 0)
}

// orWords are the words that join two alternatives, written in capitals
// ("drones OR hélicoptères", "drones OU hélicoptères"): in lower case,
// "or" and "ou" are stop words, as before.
var orWords = map[string]bool{"OR": true, "OU": true}

// excluded reports whether a word of a query is a -word: a minus, then a
// letter ("-kidal"; "-9444,2" is a number).
func excluded(w string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(w, "-"))
	return strings.HasPrefix(w, "-") && unicode.IsLetter(r)
}

// ErrEmpty is returned for a query with nothing to search for.
var ErrEmpty = errors.New("the query has no word to search for")

// FilterError is a filter, given as an option or typed in the query
// ("kind:output"), with a value the index does not know, or given twice
// with two values.
type FilterError struct {
	// Key is "kind", "report" or "lang".
	Key string
	// Value is what was asked.
	Value string
	// Accepted are the values the index knows (possibly cut short).
	Accepted []string
	// Conflict is the other value when the filter was given twice.
	Conflict string
}

// Error says which filter and value, and what is accepted.
func (e *FilterError) Error() string {
	switch {
	case e.Conflict != "":
		return fmt.Sprintf("%s given twice, as %q and %q: give it once", e.Key, e.Conflict, e.Value)
	case e.Value == "":
		return fmt.Sprintf("%s: has no value (type %s:value)", e.Key, e.Key)
	}
	return fmt.Sprintf("unknown %s %q: accepted values are %s", e.Key, e.Value, e.AcceptedList())
}

// AcceptedList is Accepted as a comma-separated list, cut after 12 values.
func (e *FilterError) AcceptedList() string {
	acc := e.Accepted
	more := ""
	if len(acc) > 12 {
		acc, more = acc[:12], fmt.Sprintf(", … (%d)", len(e.Accepted))
	}
	return strings.Join(acc, ", ") + more
}

var (
	quoted     = regexp.MustCompile(`"([^"]*)"`)
	digitSpace = regexp.MustCompile(`(\d)[ \x{00a0}\x{202f}](\d{3})\b`)
	// an English-printed number, "1,183,384.7"
	englishNumber = regexp.MustCompile(`\b[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?\b`)
	filterWord    = regexp.MustCompile(`^(?i)(kind|report|lang):(.*)$`)
	// a word of a query: a "quoted phrase" or what spaces separate
	quotedOrField = regexp.MustCompile(`"[^"]*"|\S+`)
)

// reportWord takes a report's symbol or slug typed among other words
// ("A/76/564 rations") as the report filter: the symbol is in no
// document's text but the report's own record, and all the words must be
// found. A query that types a report: filter, a citation (which reads its
// report itself) and a symbol alone (the report's record) are left as
// they are.
func (ix *Index) reportWord(q string, o Options) (string, Options) {
	if o.Report != "" || strings.Contains(strings.ToLower(q), "report:") {
		return q, o
	}
	if _, ok := citation(q); ok {
		return q, o
	}
	ws := quotedOrField.FindAllString(q, -1)
	words := 0
	for _, w := range ws {
		if !filterWord.MatchString(w) && !excluded(w) {
			words++
		}
	}
	if words < 2 {
		return q, o
	}
	for i, w := range ws {
		name := strings.TrimRight(w, ",;")
		if strings.ContainsAny(name, "/-") && len(ix.segmentsNamed(name)) > 0 { // symbols and slugs hold / or -
			o.Report = name
			return strings.Join(append(ws[:i:i], ws[i+1:]...), " "), o
		}
	}
	return q, o
}

// segmentsNamed returns the segments of the report whose symbol or slug
// is name (a report's documents for each UI language of its segments).
func (ix *Index) segmentsNamed(name string) []segment {
	var out []segment
	for i := range int(ix.h.Segments) {
		s := ix.segment(i)
		if strings.EqualFold(ix.str(s.symbol), name) || strings.EqualFold(ix.str(s.slug), name) {
			out = append(out, s)
		}
	}
	return out
}

// readNumbers writes the numbers of a query as the index holds the
// reports' numbers: "1,010" and "206,098.9", printed the English way,
// become "1010" and "206098,9" (the English UI searches the same French
// reports), and the groups of a number written with spaces are joined
// ("1 103,4" is "1103,4").
func readNumbers(q string) string {
	q = englishNumber.ReplaceAllStringFunc(q, func(n string) string {
		return strings.NewReplacer(",", "", ".", ",").Replace(n)
	})
	for digitSpace.MatchString(q) {
		q = digitSpace.ReplaceAllString(q, "$1$2")
	}
	return q
}

// Filters are the key:value filters typed in a query.
type Filters struct {
	// Kind is the value of kind: ("output"), Report of report:
	// ("a-76-564"), Lang of lang: ("en"), as typed; empty when absent.
	Kind, Report, Lang string
}

// ParseFilters returns the filters typed in a query, e.g. "kind:output"
// in "drones kind:output" (values as typed), or a *FilterError when one
// is empty or given twice with two values.
func ParseFilters(q string) (Filters, error) {
	_, f, err := parse(q)
	return f, err
}

// parse reads a query: "quoted phrases", prefix*, -words, kind:, report:
// and lang: filters, words and alternatives (a OR b: two words or
// prefixes, not phrases; an OR elsewhere is a stop word); a word the
// analyzer cuts in several terms ("A/76/564", "2020/21") is a phrase. Numbers printed the English way
// ("1,010", "206,098.9") are read as the reports print them ("1 010",
// "206 098,9"): the English UI searches the same French reports.
func parse(q string) ([]clause, Filters, error) {
	var f Filters
	q = readNumbers(q)
	var cs []clause
	for _, m := range quoted.FindAllStringSubmatch(q, -1) {
		if ts := terms(m[1]); len(ts) > 0 {
			cs = append(cs, clause{terms: ts, quoted: true})
		}
	}
	// last is the clause of the last word, while an OR may join it to the
	// next; or says that an OR came after it
	last, or := -1, false
	add := func(c clause) {
		if or && c.alternative() {
			if cs[last].or == nil {
				cs[last] = clause{or: []clause{cs[last]}}
			}
			alts := []clause{c}
			if c.or != nil {
				alts = c.or
			}
			for _, a := range alts { // "drones OR drone" is one term
				if !slices.ContainsFunc(cs[last].or, func(b clause) bool { return b.prefix == a.prefix && b.terms[0] == a.terms[0] }) {
					cs[last].or = append(cs[last].or, a)
				}
			}
		} else {
			cs = append(cs, c)
			last = len(cs) - 1
		}
		or = false
	}
	// a phrase, taken out above, stays where it was as a mark: no OR joins
	// the words on either side of it
	const phraseMark = "\x00"
	for _, w := range strings.Fields(quoted.ReplaceAllString(q, " "+phraseMark+" ")) {
		if w == phraseMark {
			last, or = -1, false
			continue
		}
		if orWords[w] && last == len(cs)-1 && last >= 0 && cs[last].alternative() {
			or = true
			continue
		}
		if m := filterWord.FindStringSubmatch(w); m != nil {
			key, val := strings.ToLower(m[1]), m[2]
			p := map[string]*string{"kind": &f.Kind, "report": &f.Report, "lang": &f.Lang}[key]
			if *p != "" && *p != val {
				return nil, f, &FilterError{Key: key, Value: val, Conflict: *p}
			}
			if val == "" {
				return nil, f, &FilterError{Key: key, Value: val}
			}
			*p = val
			or = false
			continue
		}
		if excluded(w) {
			if ts := terms(w[1:]); len(ts) > 0 {
				cs = append(cs, clause{terms: ts, exclude: true})
				last, or = -1, false
			}
			continue
		}
		if strings.HasSuffix(w, "*") {
			if p := foldString(strings.Trim(w, "*\"'")); utf8.RuneCountInString(p) >= 2 {
				add(prefixClause(p))
				continue
			}
		}
		if ts := terms(w); len(ts) > 0 {
			add(clause{terms: ts})
		}
	}
	return cs, f, nil
}

func terms(s string) []string {
	var out []string
	for _, t := range analyze(s) {
		out = append(out, t.term)
	}
	return out
}

// cand is a content that matches, with its score.
type cand struct {
	c     int32
	score float64
	n     int // documents that have it, within the report filter
}

// query is the state of one search.
type query struct {
	ix   *Index
	n    float64
	curs map[string]*cursor // a cursor of each term of the words and phrases
	ids  []uint32           // the terms of a phrase, by number
	seq  []uint32           // the terms of a text, by number
}

// cursor walks the postings of one term, jumping over blocks with the
// skip entries.
type cursor struct {
	ix         *Index
	it         postIter
	term       uint32 // its number in the dictionary
	skips      []byte
	maxes      []byte // u16 per block of skipEvery postings: the best score (maxBits)
	docs       int    // documents holding the term
	idfB, idfL float64
	size       int
	started    bool
	done       bool
}

// cursor returns a cursor on the postings of term t, or nil when no
// document has it.
func (qr *query) cursor(t string) *cursor {
	i, ok := qr.ix.lookup(t)
	if !ok {
		return nil
	}
	tr := qr.ix.termRec(i)
	return &cursor{ix: qr.ix, it: newPostIter(tr.post), term: uint32(i), skips: tr.skips, maxes: tr.maxes, docs: int(tr.docs), size: len(tr.post),
		idfB: idf(qr.n, float64(tr.dfBody)), idfL: idf(qr.n, float64(tr.dfLabel))}
}

// advance moves to the first content ≥ target; false when none is left.
func (cu *cursor) advance(target int32) bool {
	if cu.done {
		return false
	}
	if cu.started && cu.it.c >= target {
		return true
	}
	inBlock := cu.it.bj < cu.it.bn && cu.it.cs[cu.it.bn-1] >= target
	if ns := len(cu.skips) / 8; ns > 0 && !inBlock {
		// the last block that starts after a content before target,
		// looked for from the current block on
		lo := min(ns, max(0, cu.it.n/skipEvery-1))
		k := lo + sort.Search(ns-lo, func(k int) bool { return int32(binary.LittleEndian.Uint32(cu.skips[8*(lo+k):])) >= target }) - 1
		if k >= 0 {
			if off := int(binary.LittleEndian.Uint32(cu.skips[8*k+4:])); off > cu.it.i {
				cu.it.seek(off, int32(binary.LittleEndian.Uint32(cu.skips[8*k:])), (k+1)*skipEvery)
			}
		}
	}
	for cu.it.next() {
		cu.started = true
		if cu.it.c >= target {
			return true
		}
	}
	cu.done = true
	return false
}

// score is the BM25 score of the term in the current content, label
// weighted.
func (cu *cursor) score() float64 {
	ix := cu.ix
	at := ix.h.ContentRecs + contentSize*uint32(cu.it.c)
	return termScore(cu.idfB, cu.idfL, cu.it.tfb, cu.it.tfl, float64(binary.LittleEndian.Uint16(ix.b[at+2:])), float64(ix.b[at+1]), ix.avgBody, ix.avgLabel)
}

// upper is the best score of the term in the block of the current
// content: no content there scores more.
func (cu *cursor) upper() float64 {
	b := (cu.it.n - 1) / skipEvery
	return maxScore(cu.maxes[2*b:])
}

// termScore is the BM25 score of a term in a content: body and label,
// the label weighted (the same arithmetic at generation, for the blocks'
// best scores, and at query time).
func termScore(idfB, idfL float64, tfb, tfl uint32, blen, llen, avgB, avgL float64) float64 {
	s := 0.0
	if tfb > 0 {
		s += idfB * bm25(float64(tfb), blen, avgB)
	}
	if tfl > 0 {
		s += labelWeight * idfL * bm25(float64(tfl), llen, avgL)
	}
	return s
}

func idf(n, df float64) float64 { return math.Log(1 + (n-df+0.5)/(df+0.5)) }

// matcher walks the contents one clause matches, in increasing order.
type matcher interface {
	// cost orders the clauses: the cheapest leads.
	cost() int
	// advance moves to the first content ≥ target, returning it; false
	// when none is left.
	advance(target int32) (int32, bool)
	// score is the clause's score in the current content.
	score() float64
	// upper is a score the clause's score in the current content cannot
	// exceed, read without scoring it.
	upper() float64
}

func (cu *cursor) cost() int { return cu.size }

func (cu *cursor) advance2(target int32) (int32, bool) {
	ok := cu.advance(target)
	return cu.it.c, ok
}

// termMatcher is a one-term clause.
type termMatcher struct{ *cursor }

func (m termMatcher) advance(target int32) (int32, bool) { return m.cursor.advance2(target) }

// phraseMatcher is a clause of several terms: all of them (side by side,
// checked on the candidates), scored twice.
type phraseMatcher struct{ cs []*cursor }

func (m *phraseMatcher) cost() int {
	c := math.MaxInt
	for _, cu := range m.cs {
		c = min(c, cu.size)
	}
	return c
}

func (m *phraseMatcher) advance(target int32) (int32, bool) {
	for {
		c := target
		for _, cu := range m.cs {
			if !cu.advance(c) {
				return 0, false
			}
			c = max(c, cu.it.c)
		}
		if c == target {
			return c, true
		}
		target = c
	}
}

func (m *phraseMatcher) upper() float64 {
	s := 0.0
	for _, cu := range m.cs {
		s += cu.upper()
	}
	return 2 * s
}

func (m *phraseMatcher) score() float64 {
	s := 0.0
	for _, cu := range m.cs {
		s += cu.score()
	}
	return 2 * s
}

// prefixClause is the clause of a folded prefix: the terms starting with
// it, or the term the whole prefix is stemmed to, which the index holds in
// its place ("électorales*": "electorales…" or "electoral"; "vers*":
// "vers…" or "ver", the term of "vers").
func prefixClause(p string) clause {
	c := clause{terms: []string{p}, prefix: true}
	if s := string(stemBytes([]byte(p))); s != p {
		return clause{or: []clause{c, {terms: []string{s}}}}
	}
	return c
}

// prefixMatcher is a prefix clause: the contents of every term that
// starts with it, each scored with its best one.
type prefixMatcher struct {
	list []cand
	i    int
	best float64
}

func (m *prefixMatcher) upper() float64 { return m.best }

func (m *prefixMatcher) cost() int { return 4 * len(m.list) }

func (m *prefixMatcher) advance(target int32) (int32, bool) {
	m.i += sort.Search(len(m.list)-m.i, func(k int) bool { return m.list[m.i+k].c >= target })
	if m.i >= len(m.list) {
		return 0, false
	}
	return m.list[m.i].c, true
}

func (m *prefixMatcher) score() float64 { return m.list[m.i].score }

// phraseHere reports whether the terms stand side by side, in this order,
// in the body or the label of content c: the terms of the text or label
// are read from the term lists. With atCursors, the cursors of the terms
// stand on c and tell in which fields each term is.
func (qr *query) phraseHere(c int32, ts []string, atCursors bool) bool {
	ix := qr.ix
	qr.ids = qr.ids[:0]
	inBody, inLabel := true, true
	for _, t := range ts {
		cu := qr.curs[t]
		qr.ids = append(qr.ids, cu.term)
		if atCursors {
			inBody = inBody && cu.it.tfb > 0
			inLabel = inLabel && cu.it.tfl > 0
		}
	}
	ct := ix.content(c)
	if inBody {
		// piece by piece, stopping at the first match
		at := int(ix.h.Texts + ct.text)
		n, at := uv(ix.b, at)
		qr.seq = qr.seq[:0]
		for range n {
			var id uint64
			id, at = uv(ix.b, at)
			if id >= uint64(ix.pieces) {
				break
			}
			from := max(0, len(qr.seq)-len(qr.ids)+1)
			qr.seq = ix.terms(uint32(id), qr.seq)
			if contains(qr.seq[from:], qr.ids) {
				return true
			}
		}
	}
	if inLabel {
		qr.seq = ix.terms(ix.pieces+ct.label, qr.seq[:0])
		if contains(qr.seq, qr.ids) {
			return true
		}
	}
	return false
}

// boost multiplies by 1.5 the score of the candidates where the words ts
// of a plain query stand side by side. The candidates are looked at by
// decreasing score, and only while 1.5 times theirs reaches the k-th best
// score found: the others cannot enter the page, boosted or not.
func (qr *query) boost(cands []cand, ts []string, k int) {
	order := make([]int, len(cands))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cands[order[a]].score > cands[order[b]].score })
	var top minHeap
	for _, i := range order {
		cd := &cands[i]
		if len(top) == k && 1.5*cd.score < top[0] {
			break
		}
		if qr.phraseHere(cd.c, ts, false) {
			cd.score *= 1.5
		}
		top.push(cd.score, k)
	}
}

// contains reports whether seq holds sub, side by side.
func contains(seq, sub []uint32) bool {
	for i := 0; i+len(sub) <= len(seq); i++ {
		if slices.Equal(seq[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

// minHeap holds the best scores seen, the lowest on top.
type minHeap []float64

func (h *minHeap) push(x float64, k int) {
	if len(*h) < k {
		*h = append(*h, x)
		for i := len(*h) - 1; i > 0; {
			p := (i - 1) / 2
			if (*h)[p] <= (*h)[i] {
				break
			}
			(*h)[p], (*h)[i] = (*h)[i], (*h)[p]
			i = p
		}
		return
	}
	if x <= (*h)[0] {
		return
	}
	(*h)[0] = x
	for i, n := 0, len(*h); ; {
		l, m := 2*i+1, i
		if l < n && (*h)[l] < (*h)[m] {
			m = l
		}
		if l+1 < n && (*h)[l+1] < (*h)[m] {
			m = l + 1
		}
		if m == i {
			break
		}
		(*h)[m], (*h)[i] = (*h)[i], (*h)[m]
		i = m
	}
}

// Search runs a query and returns one page of results, best first (ties
// in document order: report, then reading order), and the number of
// documents that matched. Filters typed in the query (kind:output,
// report:a-76-564, lang:en) add to those of o; an unknown value is a
// *FilterError.
//
// Every clause must match. The postings are per distinct content: a
// content is matched and scored once, however many reports hold it, and
// its documents are counted and paged from its occurrence list.
func (ix *Index) Search(q string, o Options) ([]Result, int, error) {
	q, o = ix.reportWord(ix.referenceOf(q), o)
	cs, f, err := parse(q)
	if err != nil {
		return nil, 0, err
	}
	for _, x := range []struct {
		key      string
		opt      *string
		fromText string
	}{{"kind", &o.Kind, f.Kind}, {"report", &o.Report, f.Report}, {"lang", &o.Lang, f.Lang}} {
		if x.fromText == "" {
			continue
		}
		if *x.opt != "" && !strings.EqualFold(*x.opt, x.fromText) {
			return nil, 0, &FilterError{Key: x.key, Value: x.fromText, Conflict: *x.opt}
		}
		*x.opt = x.fromText
	}
	li := 0
	if o.Lang != "" {
		li = slices.Index(ix.langs, strings.ToLower(o.Lang))
		if li < 0 {
			return nil, 0, &FilterError{Key: "lang", Value: o.Lang, Accepted: ix.langs}
		}
	}
	kind := uint32(math.MaxUint32)
	if o.Kind != "" {
		k, known := Kind(o.Kind)
		if !known {
			return nil, 0, &FilterError{Key: "kind", Value: o.Kind, Accepted: Kinds}
		}
		id, ok := ix.kinds[k]
		if !ok {
			return nil, 0, nil // a kind no document has
		}
		kind = id
	}
	var ranges [][2]int32 // documents of the report filter
	if o.Report != "" {
		for _, s := range ix.segmentsNamed(o.Report) {
			ranges = append(ranges, [2]int32{int32(s.first), int32(s.first + s.n)})
		}
		if ranges == nil {
			return nil, 0, &FilterError{Key: "report", Value: o.Report, Accepted: ix.Reports()}
		}
	}
	if res, total, ok := ix.citedDocs(q, o, li); ok {
		return res, total, nil // "A/76/564, par. 26": the paragraph itself
	}
	var without []clause // the -words
	cs = slices.DeleteFunc(cs, func(c clause) bool {
		if c.exclude {
			without = append(without, c)
		}
		return c.exclude
	})
	if len(cs) == 0 {
		return nil, 0, ErrEmpty
	}

	qr := &query{ix: ix, n: float64(ix.h.Docs), curs: map[string]*cursor{}}
	// a -word's terms, each on a cursor of its own; a term no document
	// holds excludes nothing
	var exclude [][]*cursor
	for _, c := range without {
		var cus []*cursor
		for _, t := range c.terms {
			cu := qr.cursor(t)
			if cu == nil {
				cus = nil
				break
			}
			cus = append(cus, cu)
		}
		if cus != nil {
			exclude = append(exclude, cus)
		}
	}
	ms := make([]matcher, len(cs))
	expand := make([][]string, len(cs)) // the terms a prefix stands for
	for i, c := range cs {
		if c.prefix || c.or != nil {
			m := &prefixMatcher{list: qr.union(c, &expand[i])}
			if len(m.list) == 0 {
				return nil, 0, nil
			}
			for _, x := range m.list {
				m.best = max(m.best, x.score)
			}
			ms[i] = m
			continue
		}
		var curs []*cursor
		for _, t := range c.terms {
			cu := qr.cursor(t)
			if cu == nil {
				return nil, 0, nil
			}
			if qr.curs[t] == nil {
				qr.curs[t] = cu
			}
			curs = append(curs, cu)
		}
		if len(curs) == 1 {
			ms[i] = termMatcher{curs[0]}
		} else {
			ms[i] = &phraseMatcher{cs: curs}
		}
	}
	// the cheapest clause leads, the others follow it
	order := slices.Clone(ms)
	sort.SliceStable(order, func(a, b int) bool { return order[a].cost() < order[b].cost() })

	var plain []string // the words of an unquoted query side by side weigh more
	nplain := 0
	for _, c := range cs {
		if !c.prefix && !c.quoted && c.or == nil {
			plain = append(plain, c.terms...)
			nplain++
		}
	}
	// the boost is looked for after the scan (boost), unless the words are
	// one clause, checked on every candidate: then every candidate has it
	boost := len(plain) > 1 && nplain > 1
	boostAll := len(plain) > 1 && nplain == 1
	// the page needs the documents of the k best candidates at most (each
	// has one or more): a candidate below the k-th best score so far is
	// counted, not kept, and the words of a plain query are looked for
	// side by side only where the boost could bring it in
	k := math.MaxInt
	if o.Limit > 0 {
		k = o.Offset + o.Limit
	}
	var top minHeap
	threshold := func() float64 {
		if len(top) < k {
			return math.Inf(-1)
		}
		return top[0]
	}
	total := 0
	var cands []cand
	target := int32(0)
	if tm, ok := ms[0].(termMatcher); ok && len(ms) == 1 && kind == math.MaxUint32 && ranges == nil && k != math.MaxInt && exclude == nil {
		total, cands = qr.topTerm(tm.cursor, k, &top)
		target = -1 // done
	}
candidates:
	for target >= 0 {
		c, ok := order[0].advance(target)
		if !ok {
			break
		}
		for _, m := range order[1:] {
			c2, ok := m.advance(c)
			if !ok {
				break candidates
			}
			if c2 != c {
				target = c2
				continue candidates
			}
		}
		target = c + 1
		rec := ix.h.ContentRecs + contentSize*uint32(c) // read only what is needed
		if kind != math.MaxUint32 && uint32(ix.b[rec]) != kind {
			continue
		}
	minus:
		for _, cus := range exclude {
			for _, cu := range cus {
				if at, ok := cu.advance2(c); !ok || at != c {
					continue minus // this -word is not all here
				}
			}
			continue candidates
		}
		for _, cl := range cs {
			if !cl.prefix && len(cl.terms) > 1 && !qr.phraseHere(c, cl.terms, true) {
				continue candidates
			}
		}
		cd := cand{c: c, n: int(ix.u32(rec + 12))}
		if ranges != nil {
			cd.n = 0
			ix.occurrences(ix.content(c), func(d int32) bool {
				if inRanges(ranges, d) {
					cd.n++
				}
				return true
			})
			if cd.n == 0 {
				continue
			}
		}
		total += cd.n
		thr := threshold()
		if len(top) == k {
			// counted; scored only if it can enter the page
			ub := 0.0
			for _, m := range ms {
				ub += m.upper()
			}
			if boost || boostAll {
				ub *= 1.5
			}
			if ub < thr {
				continue
			}
		}
		for _, m := range ms {
			cd.score += m.score()
		}
		if boostAll {
			cd.score *= 1.5
		}
		// with a boost to come, the score so far is a lower bound and 1.5
		// times it an upper one
		if cd.score < thr && (!boost || 1.5*cd.score < thr) {
			continue
		}
		top.push(cd.score, k)
		cands = append(cands, cd)
	}
	if boost {
		qr.boost(cands, plain, k)
	}
	if o.Offset >= total {
		return nil, total, nil
	}
	want := total - o.Offset
	if o.Limit > 0 {
		want = min(want, o.Limit)
	}
	cands = best(cands, o.Offset+want)

	// the page: documents by score, then in document order
	type hit struct {
		d  int32
		cd cand
	}
	var page []hit
	skip := o.Offset
	for g := 0; g < len(cands) && len(page) < want; {
		e := g + 1
		n := cands[g].n
		for e < len(cands) && cands[e].score == cands[g].score {
			n += cands[e].n
			e++
		}
		if skip >= n {
			skip -= n
			g = e
			continue
		}
		var group []hit
		for _, cd := range cands[g:e] {
			ix.occurrences(ix.content(cd.c), func(d int32) bool {
				if ranges == nil || inRanges(ranges, d) {
					group = append(group, hit{d, cd})
				}
				// within one content, documents come in order: no need
				// to read past what the page can take
				return e-g > 1 || len(group) < skip+want-len(page)
			})
		}
		sort.Slice(group, func(a, b int) bool { return group[a].d < group[b].d })
		group = group[skip:]
		skip = 0
		page = append(page, group[:min(len(group), want-len(page))]...)
		g = e
	}

	marks := map[string]bool{}
	var markIDs []uint32 // their numbers in the dictionary
	for i, c := range cs {
		for _, t := range append(c.terms, expand[i]...) {
			if !marks[t] {
				marks[t] = true
				if j, ok := ix.lookup(t); ok {
					markIDs = append(markIDs, uint32(j))
				}
			}
		}
	}
	// text and snippet once per content (a page often shows one content
	// in several reports)
	type shown struct{ text, snippet string }
	byContent := map[int32]shown{}
	res := make([]Result, len(page))
	for i, h := range page {
		ct := ix.content(h.cd.c)
		sh, ok := byContent[h.cd.c]
		if !ok {
			var from int
			sh.text, from = ix.textFrom(ct, markIDs, qr.seq[:0])
			sh.snippet = snippet(sh.text, from, marks)
			byContent[h.cd.c] = sh
		}
		res[i] = Result{Doc: ix.doc(h.d, li, ct, sh.text), Score: h.cd.score, Snippet: sh.snippet}
	}
	return res, total, nil
}

// topTerm collects the candidates of a one-word query without filters:
// its documents were counted at generation time, and the blocks of
// postings whose best score is below the k-th best seen are skipped.
func (qr *query) topTerm(cu *cursor, k int, top *minHeap) (int, []cand) {
	ix := qr.ix
	var cands []cand
	nb := len(cu.maxes) / 2
	for b := range nb {
		end := len(cu.it.b)
		if b+1 < nb { // skip entry b starts block b+1
			end = int(binary.LittleEndian.Uint32(cu.skips[8*b+4:]))
		}
		if len(*top) == k && maxScore(cu.maxes[2*b:]) < (*top)[0] {
			if b+1 < nb {
				cu.it.seek(end, int32(binary.LittleEndian.Uint32(cu.skips[8*b:])), (b+1)*skipEvery)
			}
			continue
		}
		for cu.it.n < (b+1)*skipEvery && cu.it.next() {
			s := cu.score()
			if len(*top) == k && s < (*top)[0] {
				continue
			}
			top.push(s, k)
			n := ix.u32(ix.h.ContentRecs + contentSize*uint32(cu.it.c) + 12)
			cands = append(cands, cand{c: cu.it.c, score: s, n: int(n)})
		}
	}
	return cu.docs, cands
}

// union returns the contents that hold a prefix clause, or one of an OR
// clause's alternatives, each with its score: a prefix's best term, the
// sum of the alternatives found. The terms go to expand.
func (qr *query) union(c clause, expand *[]string) []cand {
	if c.or == nil {
		return qr.prefix(c.terms[0], expand)
	}
	var all []cand
	for _, a := range c.or {
		if a.prefix {
			all = append(all, qr.prefix(a.terms[0], expand)...)
			continue
		}
		*expand = append(*expand, a.terms[0])
		if cu := qr.cursor(a.terms[0]); cu != nil {
			all = appendContents(all, cu)
		}
	}
	return mergeContents(all, func(a, b float64) float64 { return a + b })
}

// prefix returns the contents that hold a term starting with p, each with
// its best score among them; the terms go to expand.
func (qr *query) prefix(p string, expand *[]string) []cand {
	ix := qr.ix
	lo, _ := ix.lookup(p)
	var all []cand
	for j := lo; j < int(ix.h.Terms); j++ {
		t := ix.term(j)
		if !strings.HasPrefix(string(t), p) {
			break
		}
		*expand = append(*expand, string(t))
		all = appendContents(all, qr.cursor(string(t)))
	}
	return mergeContents(all, math.Max)
}

// appendContents appends to all the contents of a term's new cursor,
// each with its score.
func appendContents(all []cand, cu *cursor) []cand {
	for cu.advance(0) {
		all = append(all, cand{c: cu.it.c, score: cu.score()})
		if !cu.advance(cu.it.c + 1) {
			break
		}
	}
	return all
}

// mergeContents sorts cands by content, one per content, the scores of
// a content's cands combined by f.
func mergeContents(all []cand, f func(a, b float64) float64) []cand {
	slices.SortFunc(all, func(a, b cand) int { return cmp.Compare(a.c, b.c) })
	var out []cand
	for _, x := range all {
		if n := len(out); n > 0 && out[n-1].c == x.c {
			out[n-1].score = f(out[n-1].score, x.score)
			continue
		}
		out = append(out, x)
	}
	return out
}

func inRanges(rs [][2]int32, d int32) bool {
	for _, r := range rs {
		if d >= r[0] && d < r[1] {
			return true
		}
	}
	return false
}

// best returns, sorted by score (then content), the fewest best
// candidates that hold k documents, with every candidate that ties with
// the last of them.
func best(cs []cand, k int) []cand {
	less := func(a, b cand) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return int(a.c - b.c)
	}
	slices.SortFunc(cs, less)
	n := 0
	for i, c := range cs {
		n += c.n
		if n >= k {
			e := i + 1
			for e < len(cs) && cs[e].score == c.score {
				e++
			}
			return cs[:e]
		}
	}
	return cs
}

// labelWeight is how much more a word of a label counts than one of a body.
const labelWeight = 2.0

func bm25(tf, dl, avg float64) float64 {
	const k1, b = 1.2, 0.75
	if avg == 0 {
		avg = 1
	}
	return tf * (k1 + 1) / (tf + k1*(1-b+b*dl/avg))
}

// wordEnd is where a snippet that starts at start ends: 240 characters
// on, or before, at the end of the last whole word (a snippet ended in
// the middle of "déploy…").
func wordEnd(text string, start int) int {
	end := start
	for k := 0; k < 240 && end < len(text); k++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) && text[end] != ' ' {
		// the last space not inside a number ("1 103,4")
		sp := strings.LastIndexByte(text[start:end], ' ')
		for sp > 0 && isDigit(text[start+sp-1]) && isDigit(text[start+sp+1]) {
			sp = strings.LastIndexByte(text[start:start+sp], ' ')
		}
		if sp > 0 && end-(start+sp) < 60 {
			end = start + sp
		}
	}
	return end
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// snippet cuts about 240 characters of text around its first match and
// marks the matching words; everything else is HTML-escaped. It reads the
// text once, up to the end of the window, without analysing the rest.
// The matches are looked for from byte from on (the start of the first
// piece of the text that has one: textFrom).
func snippet(text string, from int, marks map[string]bool) string {
	var only [256]bool
	for m := range marks {
		if m != "" {
			only[m[0]] = true
		}
	}
	sc := scanner{only: &only}
	type span struct{ start, end int }
	var found []span // matches, in bytes
	first, start, end := -1, 0, len(text)
	sc.scan(text[from:], func(term []byte, s, e int) bool {
		s, e = s+from, e+from
		if first >= 0 && s >= end {
			return false
		}
		if !marks[string(term)] {
			return true
		}
		if first < 0 {
			first = s
			// 80 characters before the first match, from a word's start
			if n := utf8.RuneCountInString(text[:s]); n > 80 {
				start = s
				for range 80 {
					_, size := utf8.DecodeLastRuneInString(text[:start])
					start -= size
				}
				for start < s && text[start] != ' ' {
					start++
				}
				for start < s && text[start] == ' ' {
					start++
				}
			}
			end = wordEnd(text, start)
		}
		found = append(found, span{s, e})
		return true
	})
	if first < 0 { // matched in the label only: the text's start
		end = wordEnd(text, 0)
	}
	var b strings.Builder
	b.Grow(end - start + 64)
	if start > 0 {
		b.WriteString("… ")
	}
	pos := start
	for _, t := range found {
		if t.start < pos || t.end > end {
			continue
		}
		b.WriteString(html.EscapeString(text[pos:t.start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[t.start:t.end]))
		b.WriteString("</mark>")
		pos = t.end
	}
	b.WriteString(html.EscapeString(text[pos:end]))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}
