package search

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"pkportal/report"
)

// A Source is one report of the index EncodeWith writes: the report, or,
// when the report is the same as when an earlier index file was written,
// only what finds its documents in that file.
type Source struct {
	// Report is the report; nil to take its documents from the earlier
	// index.
	Report *report.Report
	// Slug and Lang (the language of its text) name a report taken from
	// the earlier index.
	Slug, Lang string
}

// EncodeWith writes the index file of the reports of srcs, in their
// order, for the UI languages langs (UILangs when none is given): the
// bytes Encode writes of the same reports. The documents of a source
// without a Report are read from prev, an index file written earlier for
// the same languages, instead of being drawn from the report again, with
// the terms of their contents (not analyzed again): a build in which one
// report of a thousand changed does not read the other 999 back. prev
// must not change while EncodeWith runs. EncodeWith sets srcs[i].Report
// to nil once it has the report's documents: a caller that keeps no other
// reference lets the reports go while the index is encoded (at 1,000
// reports they were half of the heap, and the collector ran through the
// whole encoding).
func EncodeWith(prev []byte, srcs []Source, langs ...string) ([]byte, error) {
	if len(langs) == 0 {
		langs = UILangs
	}
	var old map[segmentKey][][]Doc
	var sz sizes
	if slices.ContainsFunc(srcs, func(s Source) bool { return s.Report == nil }) {
		var err error
		if old, sz, err = previousDocs(prev, langs); err != nil {
			return nil, fmt.Errorf("search index: the previous index: %w", err)
		}
	}
	per := make([][][]Doc, len(srcs)) // per source, per UI language
	eachOnCores(len(srcs), func(i int) {
		r := srcs[i].Report
		if r == nil {
			per[i] = old[segmentKey{srcs[i].Slug, srcs[i].Lang}]
			return
		}
		per[i] = make([][]Doc, len(langs))
		for li, l := range langs {
			per[i][li] = reportDocs(r, l, wordsOf(l))
		}
		srcs[i].Report = nil
	})
	n := 0
	for i, p := range per {
		if p == nil {
			return nil, fmt.Errorf("search index: the previous index has no report %s (%s)", srcs[i].Slug, srcs[i].Lang)
		}
		n += len(p[0])
	}
	docs := make([][]Doc, len(langs))
	for li := range langs {
		docs[li] = make([]Doc, 0, n)
		for _, p := range per {
			docs[li] = append(docs[li], p[li]...)
		}
	}
	return encode(langs, docs, sz)
}

// segmentKey names the documents of one report in an index: its slug and
// the language of its text.
type segmentKey struct{ slug, lang string }

// knownContent is what an index file made of a content: the pieces its
// text is stored as with their terms, and the terms of its label. They
// are what encode would make of them again (the analysis is part of the
// generator, whose change makes every report new), so EncodeWith takes
// them instead.
type knownContent struct {
	pieces     []string
	pieceTerms [][]string
	label      []string
}

// previousDocs opens the index file b, written for the UI languages langs,
// and returns its documents by report, in each UI language: those that
// Docs gave when it was encoded, each with what the file made of its
// content (Doc.known); and the sizes of its tables. A file that does not
// read back whole is an error, on whichever core it is found.
func previousDocs(b []byte, langs []string) (map[segmentKey][][]Doc, sizes, error) {
	ix, err := Open(b)
	if err != nil {
		return nil, sizes{}, err
	}
	if !slices.Equal(ix.langs, langs) {
		return nil, sizes{}, fmt.Errorf("written for the languages %v, not %v", ix.langs, langs)
	}
	sz := sizes{contents: int(ix.h.Contents), pieces: int(ix.pieces), labels: int(ix.labels), terms: int(ix.h.Terms), strings: int(ix.h.Strings)}
	// every text piece, a block of them per core at a time
	pieces := make([]string, ix.pieces)
	blocks := (len(pieces) + pieceBlock - 1) / pieceBlock
	errs := make([]error, blocks)
	eachOnCores(blocks, func(k int) {
		errs[k] = safely(func() error {
			raw, offs := ix.pieceBlock(k, nil, nil)
			n := min(pieceBlock, len(pieces)-k*pieceBlock)
			if len(offs) != n+1 {
				return errors.New("damaged text pieces")
			}
			all := string(raw)
			for j := range n {
				pieces[k*pieceBlock+j] = all[offs[j]:offs[j+1]]
			}
			return nil
		})
	})
	if err := errors.Join(errs...); err != nil {
		return nil, sizes{}, err
	}
	// the terms, and the terms of each piece and label (term lists: the
	// pieces', then the labels')
	const chunk = 1024
	termStrs := make([]string, ix.h.Terms)
	errs = make([]error, (len(termStrs)+chunk-1)/chunk)
	eachOnCores(len(errs), func(k int) {
		errs[k] = safely(func() error {
			for i := k * chunk; i < min(len(termStrs), (k+1)*chunk); i++ {
				termStrs[i] = string(ix.term(i))
			}
			return nil
		})
	})
	if err := errors.Join(errs...); err != nil {
		return nil, sizes{}, err
	}
	lists := make([][]string, int(ix.pieces+ix.labels))
	errs = make([]error, (len(lists)+chunk-1)/chunk)
	eachOnCores(len(errs), func(k int) {
		errs[k] = safely(func() error {
			var buf []uint32
			for i := k * chunk; i < min(len(lists), (k+1)*chunk); i++ {
				buf = ix.terms(uint32(i), buf[:0])
				l := make([]string, len(buf))
				for j, t := range buf {
					l[j] = termStrs[t]
				}
				lists[i] = l
			}
			return nil
		})
	})
	if err := errors.Join(errs...); err != nil {
		return nil, sizes{}, err
	}
	// the content and the text of each document (a document has one
	// content: the contents write to distinct places of contentOf)
	contentOf := make([]int32, ix.h.Docs)
	for d := range contentOf {
		contentOf[d] = -1
	}
	cs := make([]content, ix.h.Contents)
	texts := make([]string, ix.h.Contents)
	known := make([]knownContent, ix.h.Contents)
	errs = make([]error, (len(cs)+chunk-1)/chunk)
	eachOnCores(len(errs), func(k int) {
		errs[k] = safely(func() error {
			var t strings.Builder
			for c := k * chunk; c < min(len(cs), (k+1)*chunk); c++ {
				cs[c] = ix.content(int32(c))
				at := int(ix.h.Texts + cs[c].text)
				n, at := uv(ix.b, at)
				t.Reset()
				kc := &known[c]
				for range n {
					var id uint64
					id, at = uv(ix.b, at)
					if id >= uint64(len(pieces)) {
						return errors.New("damaged texts")
					}
					t.WriteString(pieces[id])
					kc.pieces = append(kc.pieces, pieces[id])
					kc.pieceTerms = append(kc.pieceTerms, lists[id])
				}
				if cs[c].label >= ix.labels {
					return errors.New("damaged labels")
				}
				kc.label = lists[ix.pieces+cs[c].label]
				texts[c] = t.String()
				ix.occurrences(cs[c], func(d int32) bool {
					if d >= 0 && int(d) < len(contentOf) {
						contentOf[d] = int32(c)
					}
					return true
				})
			}
			return nil
		})
	})
	if err := errors.Join(errs...); err != nil {
		return nil, sizes{}, err
	}
	// the documents of each report, a report per core at a time
	segs := make([][][]Doc, ix.h.Segments)
	errs = make([]error, len(segs))
	eachOnCores(len(segs), func(i int) {
		errs[i] = safely(func() error {
			s := ix.segment(i)
			if uint64(s.first)+uint64(s.n) > uint64(len(contentOf)) {
				return errors.New("damaged segments")
			}
			per := make([][]Doc, len(langs))
			for li := range langs {
				per[li] = make([]Doc, s.n)
				for j := range s.n {
					d := int32(s.first + j)
					c := contentOf[d]
					if c < 0 {
						return fmt.Errorf("document %d has no content", d)
					}
					per[li][j] = ix.doc(d, li, cs[c], texts[c])
					per[li][j].known = &known[c]
				}
			}
			segs[i] = per
			return nil
		})
	})
	if err := errors.Join(errs...); err != nil {
		return nil, sizes{}, err
	}
	docs := make(map[segmentKey][][]Doc, len(segs))
	for i, per := range segs {
		s := ix.segment(i)
		docs[segmentKey{ix.str(s.slug), ix.str(s.lang)}] = per
	}
	return docs, sz, nil
}

// safely returns what f returns, or an error if f panics: the reading
// functions of queries trust the file they read, and previousDocs, which
// reads all of it, may be given a damaged one.
func safely(f func() error) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("damaged: %v", v)
		}
	}()
	return f()
}
