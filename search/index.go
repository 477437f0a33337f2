package search

import (
	"sort"
)

// posting lists where a term stands in one document.
type posting struct {
	doc int32
	pos []int32 // token positions
}

// field is an inverted index of one field of the documents.
type field struct {
	postings map[string][]posting
	lens     []int32 // tokens per document
	avg      float64
	toks     [][]token // the tokens of each document, for snippets
}

func newField() *field { return &field{postings: map[string][]posting{}} }

func (f *field) add(doc int32, text string, keepTokens bool) {
	toks := analyze(text)
	for i, t := range toks {
		ps := f.postings[t.term]
		if n := len(ps); n > 0 && ps[n-1].doc == doc {
			ps[n-1].pos = append(ps[n-1].pos, int32(i))
		} else {
			ps = append(ps, posting{doc: doc, pos: []int32{int32(i)}})
		}
		f.postings[t.term] = ps
	}
	f.lens = append(f.lens, int32(len(toks)))
	if keepTokens {
		f.toks = append(f.toks, toks)
	}
}

func (f *field) finish() {
	var sum int64
	for _, l := range f.lens {
		sum += int64(l)
	}
	if len(f.lens) > 0 {
		f.avg = float64(sum) / float64(len(f.lens))
	}
}

// terms returns the sorted vocabulary of the field.
func (f *field) terms() []string {
	out := make([]string, 0, len(f.postings))
	for t := range f.postings {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
