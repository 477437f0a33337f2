package search

import (
	"sort"
)

// plist is the postings of one term in one field: the documents that hold
// it, in increasing order, and for each its token positions, all in flat
// arrays (pos[offs[i]:offs[i+1]] are the positions in docs[i]) to keep a
// large index small.
type plist struct {
	docs []int32
	offs []int32
	pos  []int32
}

// find returns the index of doc d in the list, or -1.
func (p *plist) find(d int32) int {
	i := sort.Search(len(p.docs), func(k int) bool { return p.docs[k] >= d })
	if i < len(p.docs) && p.docs[i] == d {
		return i
	}
	return -1
}

// positions returns the positions of the term in the i-th document.
func (p *plist) positions(i int) []int32 { return p.pos[p.offs[i]:p.offs[i+1]] }

// field is an inverted index of one field of the documents.
type field struct {
	postings map[string]*plist
	lens     []int32 // tokens per document
	avg      float64
}

func newField() *field { return &field{postings: map[string]*plist{}} }

// add indexes the text of document doc; documents come in increasing order.
func (f *field) add(doc int32, text string) {
	toks := analyze(text)
	for i, t := range toks {
		p := f.postings[t.term]
		if p == nil {
			p = &plist{}
			f.postings[t.term] = p
		}
		if n := len(p.docs); n == 0 || p.docs[n-1] != doc {
			p.docs = append(p.docs, doc)
			p.offs = append(p.offs, int32(len(p.pos)))
		}
		p.pos = append(p.pos, int32(i))
	}
	f.lens = append(f.lens, int32(len(toks)))
}

// finish closes the postings and computes the average length.
func (f *field) finish() {
	var sum int64
	for _, l := range f.lens {
		sum += int64(l)
	}
	if len(f.lens) > 0 {
		f.avg = float64(sum) / float64(len(f.lens))
	}
	for _, p := range f.postings {
		p.offs = append(p.offs, int32(len(p.pos)))
		// trim spare capacity
		p.docs = append([]int32(nil), p.docs...)
		p.offs = append([]int32(nil), p.offs...)
		p.pos = append([]int32(nil), p.pos...)
	}
}

// hasPhrase reports whether the terms stand side by side in document d.
func (f *field) hasPhrase(d int32, ts []string) bool {
	pos := make([][]int32, len(ts))
	for i, t := range ts {
		p := f.postings[t]
		if p == nil {
			return false
		}
		j := p.find(d)
		if j < 0 {
			return false
		}
		pos[i] = p.positions(j)
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
