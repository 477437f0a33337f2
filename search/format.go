package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"pkportal/report"
)

// The index file (format version Version), written by Encode at generation
// time and read in place by Open. All integers are little-endian; "uv" is
// an unsigned varint (encoding/binary). Offsets are from the start of the
// file.
//
//	header     magic "PKSEARCH", version u32, then the u32 fields of hdr
//	           (counts, length sums, section offsets) in their order
//	strings    u32 offsets[n+1] into a blob: every string the answers show
//	           but the texts (labels, titles, URL and citation suffixes,
//	           symbols), each stored once
//	texts      per distinct text, uv count of pieces then uv piece id
//	           of each: a text is cut after each ". ", "; ", ": " and
//	           ", ", so that sentences and clauses shared by several
//	           texts (a paragraph of one report reworded in another) are
//	           stored once, in the pieces (below); a text whose pieces'
//	           terms, end to end, would not be its own is one piece
//	terms      u32 offsets[n+1] into a blob of the sorted terms; per term
//	           6 × u32: documents holding it in the body, in the label,
//	           offset and byte length of its postings, skip entries,
//	           documents holding it
//	postings   per term, its skip entries first: for every skipEvery-th
//	           posting, u32 content before it and u32 byte offset of it
//	           (from the start of the postings), so that a query jumps
//	           over the postings of a frequent term; then per block of
//	           skipEvery postings, u16 the best score there (the upper
//	           half of its float32, rounded up: maxBits); then the
//	           postings (one per content holding the term, in increasing
//	           order) in blocks of skipEvery: u8 postings in the block,
//	           u8 bit widths of the content gaps, of tf(body) xor 1 and of
//	           tf(label); then the content gaps minus one (the first from
//	           the content before the block, -1 for the first block), the
//	           tf(body) xor 1 and the tf(label), each field bit-packed at
//	           its width (least significant bit first, padded to a byte).
//	           No positions (until version 5, a positions stream per
//	           term): phrases are checked on the term lists (below)
//	contents   20 bytes per distinct content (kind, label and text; the
//	           postings and scores are per content, so a paragraph found in
//	           many reports is indexed and scored once), numbered by the
//	           place of their first document in its report (contentOrder):
//	           u8 its kind (index in the kind list of langs), u8 label
//	           length and u16 body length (in terms), u32 offset of its
//	           text in texts, u32 label number (in labels), u32
//	           occurrences, u32 offset of the occurrence list
//	occurrences per content, uv deltas of the documents that have it
//	segments   6 × u32 per run of documents of one report: symbol string,
//	           slug string, language string, first document, documents,
//	           offset of its entries in blocks
//	blocks     per segment, u32 offset in tables of the display table of
//	           each of its runs of tableBlock documents
//	tables     per document of a segment and per UI language, 3 × u32:
//	           title string, URL string, citation string; the URL's high
//	           bit set means it follows "/<lang>/<slug>/", the title's and
//	           the citation's that it follows the report's symbol (each
//	           block of tableBlock documents is stored once when several
//	           reports have the same)
//	langs      u32 count, then the string of each UI language; u32 count,
//	           then the string of each kind of document
//	pieces     u32 count of the text pieces, in order of first use
//	dict       the preset dictionary of the blocks (up to dictSize
//	           bytes sampled evenly from the pieces)
//	piece idx  u32 offsets[nb+1] into the blob of the blocks
//	piece blob per block of pieceBlock pieces, raw DEFLATE (compress/flate,
//	           with the dictionary) of: uv byte length of each piece,
//	           then their bytes; a page of results decompresses only the
//	           blocks of its texts (version 2; version 1 kept the pieces
//	           uncompressed in strings)
//	labels     u32 string of each distinct label, in order of first use
//	term idx   u32 index of the first term of each term list (the
//	           pieces, in order, then the labels), and the number of terms
//	term lists the numbers of their terms in the dictionary, end to end,
//	           bit-packed at termBits (version 6): a phrase is looked for
//	           in the terms of a text's pieces, end to end, or of its label
const (
	magic = "PKSEARCH"
	// Version is the format version this package writes and reads. The
	// analysis is part of it: version 7 folds French feminine endings.
	Version = 7
)

// hdr lists the u32 fields after the magic and the version, in order.
type hdr struct {
	Docs, Contents, Terms, Strings, Segments                        uint32
	BodySumLo, BodySumHi, LabelSumLo, LabelSumHi                    uint32
	StrOffs, StrBlob, Texts, TermOffs, TermBlob, TermRecs           uint32
	Postings, ContentRecs, Occurrences, SegRecs, BlockIndex, Tables uint32
	Langs, Pieces, PieceDict, PieceIdx, PieceBlob                   uint32
	Labels, FwdIdx, FwdBlob, End                                    uint32
}

const hdrFields = 30

// termBits is the bits of a term's number in a dictionary of n terms.
func termBits(n uint32) int { return max(1, bits.Len32(n-1)) }

// termsOf returns the terms of tokens.
func termsOf(toks []token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.term
	}
	return out
}

// pieceBlock is the number of text pieces in a compressed block. It is
// part of the format: changing it changes Version.
const pieceBlock = 16

// dictSize is the most bytes of the preset dictionary of the blocks.
const dictSize = 32 << 10

const (
	termWords = 6
	// contentSize is the bytes of a content record.
	contentSize = 20
	segWords    = 6
	tableWords  = 3
	// tableBlock is the number of documents in a block of a display table.
	tableBlock = 32
	relFlag    = 1 << 31
)

// UILangs are the UI languages of the portal, in the order an index file
// holds them; the first is the default.
var UILangs = []string{"fr", "en"}

// Encode writes the index file of the reports for the UI languages langs
// (UILangs when none is given). The same reports give the same bytes.
func Encode(reports []*report.Report, langs ...string) ([]byte, error) {
	srcs := make([]Source, len(reports))
	for i, r := range reports {
		srcs[i].Report = r
	}
	return EncodeWith(nil, srcs, langs...)
}

type strTable struct {
	ids  map[string]uint32
	list []string
}

func (s *strTable) id(v string) uint32 {
	if id, ok := s.ids[v]; ok {
		return id
	}
	id := uint32(len(s.list))
	s.ids[v] = id
	s.list = append(s.list, v)
	return id
}

type termAcc struct {
	dfBody, dfLabel uint32
	post            []byte
	last            int32
	n               int
	skips           []byte
	maxes           []float32 // best score per block
	docs            uint32    // documents holding the term
	// raw postings, bit-packed by encodeBlocks
	cs       []int32
	tfb, tfl []uint32
}

// skipEvery is the number of postings between two skip entries, and of
// a block with its best score. It is part of the format: changing it
// changes Version.
const skipEvery = 32

// sizes are how many distinct things an index holds, to size encode's
// tables: those of an earlier index of nearly the same reports, or zero.
// They change the time encode takes, not what it writes.
type sizes struct{ contents, pieces, labels, terms, strings int }

// analyzeBatch is the number of contents analyzed at a time by encode (a
// variable for the test that splits the work differently).
var analyzeBatch = 4096

// encode writes the index of docs, given in each UI language of langs:
// docs[i] are the same documents as docs[0] (same report, kind, label,
// text) with the URL, title and citation of langs[i].
func encode(langs []string, docs [][]Doc, sz sizes) ([]byte, error) {
	if len(langs) == 0 || len(docs) != len(langs) {
		return nil, errors.New("search index: no language")
	}
	base := docs[0]
	for i, ds := range docs {
		if len(ds) != len(base) {
			return nil, fmt.Errorf("search index: %d documents in %s, %d in %s", len(ds), langs[i], len(base), langs[0])
		}
		for j := range ds {
			if ds[j].Text != base[j].Text || ds[j].Label != base[j].Label || ds[j].Kind != base[j].Kind || ds[j].Report != base[j].Report {
				return nil, fmt.Errorf("search index: document %d (%s) differs between %s and %s", j, base[j].URL, langs[0], langs[i])
			}
		}
	}
	if len(base) >= 1<<31 {
		return nil, errors.New("search index: too many documents")
	}
	strs := &strTable{ids: make(map[string]uint32, sz.strings)}

	// distinct contents, in order of first appearance
	type content struct {
		kind, text, label uint32
		blen, llen        uint32
		occ               []int32
	}
	var contents []*content
	var texts []byte
	textOf := make(map[string]uint32, sz.contents)
	pcs := &strTable{ids: make(map[string]uint32, sz.pieces)}
	var pieceTerms [][]string // the terms of each piece
	// textAt places text t, of terms body, in texts (once), and returns
	// where; k, when not nil, is what an earlier index made of it.
	textAt := func(t string, body []string, k *knownContent) uint32 {
		if at, ok := textOf[t]; ok {
			return at
		}
		at := uint32(len(texts))
		textOf[t] = at
		var ps []string
		var ts [][]string
		if k != nil {
			ps, ts = k.pieces, k.pieceTerms
		} else {
			ps, ts = textPieces(t, body, func(p string) ([]string, bool) {
				if id, ok := pcs.ids[p]; ok {
					return pieceTerms[id], true
				}
				return nil, false
			})
		}
		texts = binary.AppendUvarint(texts, uint64(len(ps)))
		for k, p := range ps {
			id := pcs.id(p)
			if int(id) == len(pieceTerms) {
				pieceTerms = append(pieceTerms, ts[k])
			}
			texts = binary.AppendUvarint(texts, uint64(id))
		}
		return at
	}
	// labels, numbered in order of first use, with their terms
	labelOf := make(map[string]uint32, sz.labels)
	var labelIDs []uint32
	var labelTerms [][]string
	labelAt := func(l string, ts []string) uint32 {
		n, ok := labelOf[l]
		if !ok {
			n = uint32(len(labelIDs))
			labelOf[l] = n
			labelIDs = append(labelIDs, strs.id(l))
			labelTerms = append(labelTerms, ts)
		}
		return n
	}
	terms := make(map[string]*termAcc, sz.terms)
	// distinct contents, numbered in the order of their first document
	type contentKey struct{ kind, label, text string }
	order := contentOrder(base)
	contentOf := make(map[contentKey]int32, sz.contents)
	var firsts []int32 // the first document of each content
	of := make([]int32, len(order))
	for k, d := range order {
		key := contentKey{base[d].Kind, base[d].Label, base[d].Text}
		c, ok := contentOf[key]
		if !ok {
			c = int32(len(firsts))
			contentOf[key] = c
			firsts = append(firsts, d)
		}
		of[k] = c
	}
	// The contents are analyzed a batch at a time on every core, the next
	// batch while this one is numbered, in order, on one: the file is the
	// same as if all were done in order. A content an earlier index held
	// (EncodeWith) is not analyzed: its terms are that index's.
	type analyzed struct {
		body, label []string
		freqs       []termFreq
	}
	batches := make(chan []analyzed, 1)
	go func() {
		defer close(batches)
		for lo := 0; lo < len(firsts); lo += analyzeBatch {
			an := make([]analyzed, min(analyzeBatch, len(firsts)-lo))
			eachOnCores(len(an), func(i int) {
				doc := base[firsts[lo+i]]
				var body, label []string
				if k := doc.known; k != nil {
					for _, t := range k.pieceTerms {
						body = append(body, t...)
					}
					label = k.label
				} else {
					body, label = termsOf(analyze(doc.Text)), termsOf(analyze(doc.Label))
				}
				an[i] = analyzed{body, label, termFreqs(body, label)}
			})
			batches <- an
		}
	}()
	lo := 0
	for an := range batches {
		for i, a := range an {
			doc := base[firsts[lo+i]]
			c := int32(len(contents))
			body, label := a.body, a.label
			ct := &content{kind: strs.id(doc.Kind), text: textAt(doc.Text, body, doc.known), label: labelAt(doc.Label, label), blen: uint32(len(body)), llen: uint32(len(label))}
			contents = append(contents, ct)
			for _, f := range a.freqs {
				acc := terms[f.term]
				if acc == nil {
					acc = &termAcc{last: -1}
					terms[f.term] = acc
				}
				acc.n++
				acc.cs = append(acc.cs, c)
				acc.tfb = append(acc.tfb, f.body)
				acc.tfl = append(acc.tfl, f.label)
			}
		}
		lo += len(an)
	}
	var bodySum, labelSum uint64
	for k, d := range order {
		ct := contents[of[k]]
		ct.occ = append(ct.occ, d)
		bodySum += uint64(ct.blen)
		labelSum += uint64(ct.llen)
	}
	for _, ct := range contents {
		slices.Sort(ct.occ)
	}
	// Per term, independently, on every core: its document frequencies
	// (they count documents, not contents); per block of skipEvery
	// postings, the best score there, rounded up (a one-word query skips
	// the blocks that cannot enter its page); its postings in blocks of
	// skipEvery, each field bit-packed at the block's width.
	accs := make([]*termAcc, 0, len(terms))
	for _, acc := range terms {
		accs = append(accs, acc)
	}
	n := float64(len(base))
	avgB, avgL := float64(bodySum)/max(n, 1), float64(labelSum)/max(n, 1)
	const termChunk = 256
	eachOnCores((len(accs)+termChunk-1)/termChunk, func(chunk int) {
		for _, acc := range accs[chunk*termChunk : min(len(accs), (chunk+1)*termChunk)] {
			var dfb, dfl uint32
			for k, c := range acc.cs {
				occ := uint32(len(contents[c].occ))
				if acc.tfb[k] > 0 {
					dfb += occ
				}
				if acc.tfl[k] > 0 {
					dfl += occ
				}
			}
			acc.dfBody, acc.dfLabel = dfb, dfl
			idfB, idfL := idf(n, float64(acc.dfBody)), idf(n, float64(acc.dfLabel))
			for k, c := range acc.cs {
				ct := contents[c]
				acc.docs += uint32(len(ct.occ))
				sc := termScore(idfB, idfL, acc.tfb[k], acc.tfl[k], float64(ct.blen), float64(ct.llen), avgB, avgL)
				if k%skipEvery == 0 {
					acc.maxes = append(acc.maxes, 0)
				}
				up := math.Nextafter32(float32(sc), float32(math.Inf(1)))
				acc.maxes[len(acc.maxes)-1] = max(acc.maxes[len(acc.maxes)-1], up)
			}
			acc.encodeBlocks()
		}
	})

	// segments: runs of documents of one report
	type segment struct {
		symbol, slug, lang, first, n uint32
		table                        []byte
	}
	var segs []*segment
	prefixes := make([]string, len(langs)) // "/<lang>/<slug>/" of the segment
	for d, doc := range base {
		if n := len(segs); n == 0 || base[d-1].Report != doc.Report || base[d-1].Lang != doc.Lang {
			slug := report.Slug(doc.Report)
			segs = append(segs, &segment{symbol: strs.id(doc.Report), slug: strs.id(slug), lang: strs.id(doc.Lang), first: uint32(d)})
			for i, l := range langs {
				prefixes[i] = "/" + l + "/" + slug + "/"
			}
		}
		s := segs[len(segs)-1]
		s.n++
		for i, l := range langs {
			ld := docs[i][d]
			// what follows the report's own prefix is the same in every
			// report of the same structure: the table is then stored once
			var title, url, cite uint32
			if p := prefixes[i]; l != "" && strings.HasPrefix(ld.URL, p) {
				url = strs.id(ld.URL[len(p):]) | relFlag
			} else {
				url = strs.id(ld.URL)
			}
			if p := doc.Report; p != "" && strings.HasPrefix(ld.Citation, p) {
				cite = strs.id(ld.Citation[len(p):]) | relFlag
			} else {
				cite = strs.id(ld.Citation)
			}
			if p := doc.Report; p != "" && strings.HasPrefix(ld.Title, p) {
				title = strs.id(ld.Title[len(p):]) | relFlag
			} else {
				title = strs.id(ld.Title)
			}
			s.table = binary.LittleEndian.AppendUint32(s.table, title)
			s.table = binary.LittleEndian.AppendUint32(s.table, url)
			s.table = binary.LittleEndian.AppendUint32(s.table, cite)
		}
	}
	langIDs := make([]uint32, len(langs))
	for i, l := range langs {
		langIDs[i] = strs.id(l)
	}
	var kindIDs []uint32
	seenKind := map[string]bool{}
	for _, d := range base {
		if !seenKind[d.Kind] {
			seenKind[d.Kind] = true
			kindIDs = append(kindIDs, strs.id(d.Kind))
		}
	}

	// write
	var out bytes.Buffer
	out.WriteString(magic)
	u32 := func(v uint32) { _ = binary.Write(&out, binary.LittleEndian, v) }
	u32(Version)
	hdrAt := out.Len()
	out.Write(make([]byte, 4*hdrFields))
	var h hdr
	h.Docs, h.Contents, h.Terms, h.Strings, h.Segments = uint32(len(base)), uint32(len(contents)), uint32(len(terms)), uint32(len(strs.list)), uint32(len(segs))
	h.BodySumLo, h.BodySumHi = uint32(bodySum), uint32(bodySum>>32)
	h.LabelSumLo, h.LabelSumHi = uint32(labelSum), uint32(labelSum>>32)
	pos := func() uint32 {
		if out.Len() > math.MaxUint32-1 {
			return 0
		}
		return uint32(out.Len())
	}

	h.StrOffs = pos()
	off := uint32(0)
	for _, s := range strs.list {
		u32(off)
		off += uint32(len(s))
	}
	u32(off)
	h.StrBlob = pos()
	for _, s := range strs.list {
		out.WriteString(s)
	}

	sorted := make([]string, 0, len(terms))
	for t := range terms {
		sorted = append(sorted, t)
	}
	sort.Strings(sorted)
	h.Texts = pos()
	out.Write(texts)
	h.TermOffs = pos()
	off = 0
	for _, t := range sorted {
		u32(off)
		off += uint32(len(t))
	}
	u32(off)
	h.TermBlob = pos()
	for _, t := range sorted {
		out.WriteString(t)
	}
	h.TermRecs = pos()
	off = 0
	for _, t := range sorted {
		acc := terms[t]
		u32(acc.dfBody)
		u32(acc.dfLabel)
		u32(off)
		u32(uint32(len(acc.post)))
		u32(uint32(len(acc.skips) / 8))
		u32(acc.docs)
		off += uint32(len(acc.skips) + 2*len(acc.maxes) + len(acc.post))
	}
	h.Postings = pos()
	for _, t := range sorted {
		out.Write(terms[t].skips)
		for _, m := range terms[t].maxes {
			_ = binary.Write(&out, binary.LittleEndian, maxBits(m))
		}
		out.Write(terms[t].post)
	}

	kindIndex := map[uint32]int{}
	for i, id := range kindIDs {
		kindIndex[id] = i
	}
	if len(kindIDs) > 256 {
		return nil, errors.New("search index: over 256 kinds of documents")
	}
	h.ContentRecs = pos()
	var occ []byte
	for _, c := range contents {
		if c.blen > math.MaxUint16 || c.llen > math.MaxUint8 {
			return nil, fmt.Errorf("search index: a text of %d terms or a label of %d terms (at most 65,535 and 255)", c.blen, c.llen)
		}
		out.WriteByte(byte(kindIndex[c.kind]))
		out.WriteByte(byte(c.llen))
		_ = binary.Write(&out, binary.LittleEndian, uint16(c.blen))
		u32(c.text)
		u32(c.label)
		u32(uint32(len(c.occ)))
		u32(uint32(len(occ)))
		prev := int32(0)
		for _, d := range c.occ {
			occ = binary.AppendUvarint(occ, uint64(d-prev))
			prev = d
		}
	}
	h.Occurrences = pos()
	out.Write(occ)

	// display tables in blocks of tableBlock documents, each distinct
	// block stored once; per segment, the offsets of its blocks
	blockAt := map[string]uint32{}
	var blocks, index []byte
	segIndex := make([]uint32, len(segs))
	size := tableBlock * len(langs) * 4 * tableWords
	for i, s := range segs {
		segIndex[i] = uint32(len(index))
		for lo := 0; lo < len(s.table); lo += size {
			b := s.table[lo:min(lo+size, len(s.table))]
			at, ok := blockAt[string(b)]
			if !ok {
				at = uint32(len(blocks))
				blockAt[string(b)] = at
				blocks = append(blocks, b...)
			}
			index = binary.LittleEndian.AppendUint32(index, at)
		}
	}
	h.SegRecs = pos()
	for i, s := range segs {
		u32(s.symbol)
		u32(s.slug)
		u32(s.lang)
		u32(s.first)
		u32(s.n)
		u32(segIndex[i])
	}
	h.BlockIndex = pos()
	out.Write(index)
	h.Tables = pos()
	out.Write(blocks)
	h.Langs = pos()
	u32(uint32(len(langs)))
	for _, id := range langIDs {
		u32(id)
	}
	u32(uint32(len(kindIDs)))
	for _, id := range kindIDs {
		u32(id)
	}
	// text pieces: flate blocks of pieceBlock pieces (uv length of each,
	// then their bytes) with a preset dictionary sampled from the pieces
	dict := pieceDict(pcs.list)
	zblocks := make([][]byte, (len(pcs.list)+pieceBlock-1)/pieceBlock)
	var writers sync.Pool // a compressor per core: each resets to the dictionary
	var zerr atomic.Pointer[error]
	eachOnCores(len(zblocks), func(k int) {
		fw, _ := writers.Get().(*flate.Writer)
		if fw == nil {
			var err error
			if fw, err = flate.NewWriterDict(nil, flate.BestCompression, dict); err != nil {
				zerr.Store(&err)
				return
			}
		}
		defer writers.Put(fw)
		ps := pcs.list[k*pieceBlock : min((k+1)*pieceBlock, len(pcs.list))]
		var raw []byte
		for _, p := range ps {
			raw = binary.AppendUvarint(raw, uint64(len(p)))
		}
		for _, p := range ps {
			raw = append(raw, p...)
		}
		var zb bytes.Buffer
		fw.Reset(&zb)
		fw.Write(raw)
		if err := fw.Close(); err != nil {
			zerr.Store(&err)
		}
		zblocks[k] = zb.Bytes()
	})
	if err := zerr.Load(); err != nil {
		return nil, *err
	}
	var blob, idx []byte
	for _, zb := range zblocks {
		idx = binary.LittleEndian.AppendUint32(idx, uint32(len(blob)))
		blob = append(blob, zb...)
	}
	idx = binary.LittleEndian.AppendUint32(idx, uint32(len(blob)))
	h.Pieces = pos()
	u32(uint32(len(pcs.list)))
	h.PieceDict = pos()
	out.Write(dict)
	h.PieceIdx = pos()
	out.Write(idx)
	h.PieceBlob = pos()
	out.Write(blob)
	h.Labels = pos()
	for _, id := range labelIDs {
		u32(id)
	}
	// the terms of each piece, then of each label, by their number in the
	// dictionary
	tid := make(map[string]uint32, len(sorted))
	for i, t := range sorted {
		tid[t] = uint32(i)
	}
	lists := append(pieceTerms[:len(pieceTerms):len(pieceTerms)], labelTerms...)
	w := termBits(uint32(len(sorted)))
	h.FwdIdx = pos()
	var ids []uint32
	for _, l := range lists {
		u32(uint32(len(ids)))
		for _, t := range l {
			ids = append(ids, tid[t])
		}
	}
	u32(uint32(len(ids)))
	h.FwdBlob = pos()
	out.Write(pack(nil, ids, w))
	h.End = pos()
	if h.End == 0 || out.Len() >= math.MaxUint32 {
		return nil, errors.New("search index: over 4 GB")
	}
	b := out.Bytes()
	hb, _ := binary.Append(nil, binary.LittleEndian, h)
	copy(b[hdrAt:], hb)
	return b, nil
}

// contentOrder returns the documents in the order their contents are
// numbered: by their place in their report (the n-th document of every
// report, then the next), so that the contents of one place in reports of
// the same structure, which share most of their words, get neighbouring
// numbers and the postings' gaps stay small.
func contentOrder(docs []Doc) []int32 {
	// a counting sort: stable, and places are small
	place := make([]int32, len(docs))
	var count []int32 // documents at each place, then where they start
	start := 0
	for d := range docs {
		if d > 0 && (docs[d-1].Report != docs[d].Report || docs[d-1].Lang != docs[d].Lang) {
			start = d
		}
		place[d] = int32(d - start)
		if int(place[d]) == len(count) {
			count = append(count, 0)
		}
		count[place[d]]++
	}
	at := int32(0)
	for p, n := range count {
		count[p] = at
		at += n
	}
	order := make([]int32, len(docs))
	for d, p := range place {
		order[count[p]] = int32(d)
		count[p]++
	}
	return order
}

// termFreq is how many times a term is in a content's body and label.
type termFreq struct {
	term        string
	body, label uint32
}

// termFreqs returns the frequency of each term of a content in each
// field, in the order of first appearance.
func termFreqs(body, label []string) []termFreq {
	var out []termFreq
	at := make(map[string]int, len(body)+len(label))
	for f, ts := range [][]string{body, label} {
		for _, t := range ts {
			i, ok := at[t]
			if !ok {
				i = len(out)
				at[t] = i
				out = append(out, termFreq{term: t})
			}
			if f == 0 {
				out[i].body++
			} else {
				out[i].label++
			}
		}
	}
	return out
}

// pieceDict samples pieces, evenly through the list, up to dictSize bytes:
// the preset dictionary of the compressed blocks.
func pieceDict(list []string) []byte {
	total := 0
	for _, p := range list {
		total += len(p)
	}
	var d []byte
	if total <= dictSize {
		for _, p := range list {
			d = append(d, p...)
		}
		return d
	}
	// every step-th piece; the most useful bytes go last (nearest)
	step := total/dictSize + 1
	for i := 0; i < len(list) && len(d) < dictSize; i += step {
		d = append(d, list[i][:min(len(list[i]), dictSize-len(d))]...)
	}
	return d
}

// pieces cuts a text after each ". ", "; ", ": " and ", ", the space
// kept with the piece before it.
// textPieces returns the pieces text t is stored as, and the terms of
// each: the pieces of t when their terms, end to end, are body, the terms
// of t (phrases are checked on them), else t as one piece. seen gives the
// terms of a piece already stored.
func textPieces(t string, body []string, seen func(p string) ([]string, bool)) ([]string, [][]string) {
	ps := pieces(t)
	ts := make([][]string, 0, len(ps))
	i := 0
	for _, p := range ps {
		pt, ok := seen(p)
		if !ok {
			pt = termsOf(analyze(p))
		}
		if len(pt) > len(body)-i || !slices.Equal(pt, body[i:i+len(pt)]) {
			return []string{t}, [][]string{body}
		}
		i += len(pt)
		ts = append(ts, pt)
	}
	if i != len(body) {
		return []string{t}, [][]string{body}
	}
	return ps, ts
}

func pieces(t string) []string {
	var out []string
	start := 0
	for i := 0; i+1 < len(t); i++ {
		switch t[i] {
		case '.', ';', ':', ',':
			if t[i+1] == ' ' {
				out = append(out, t[start:i+2])
				start = i + 2
			}
		}
	}
	if start < len(t) || len(out) == 0 {
		out = append(out, t[start:])
	}
	return out
}

// encodeBlocks writes the postings of acc in blocks of skipEvery: per
// block, u8 postings, u8 widths of the content gaps, of tf(body) xor 1 and
// of tf(label), then the gaps minus one, the tf(body) xor 1 (a block where
// every content has the term once in its body takes no bits) and the
// tf(label), each bit-packed at its width (LSB first, byte-aligned). A
// skip entry stands before every block but the first.
func (acc *termAcc) encodeBlocks() {
	last := int32(-1)
	for lo := 0; lo < len(acc.cs); lo += skipEvery {
		hi := min(lo+skipEvery, len(acc.cs))
		if lo > 0 {
			acc.skips = binary.LittleEndian.AppendUint32(acc.skips, uint32(last))
			acc.skips = binary.LittleEndian.AppendUint32(acc.skips, uint32(len(acc.post)))
		}
		gaps := make([]uint32, 0, hi-lo)
		fb := make([]uint32, 0, hi-lo)
		for k := lo; k < hi; k++ {
			gaps = append(gaps, uint32(acc.cs[k]-last-1))
			last = acc.cs[k]
			fb = append(fb, acc.tfb[k]^1)
		}
		wd, wf, wl := width(gaps), width(fb), width(acc.tfl[lo:hi])
		acc.post = append(acc.post, byte(hi-lo), byte(wd), byte(wf), byte(wl))
		acc.post = pack(acc.post, gaps, wd)
		acc.post = pack(acc.post, fb, wf)
		acc.post = pack(acc.post, acc.tfl[lo:hi], wl)
	}
	acc.cs, acc.tfb, acc.tfl = nil, nil, nil
}

// width is the number of bits of the largest value of vs.
func width(vs []uint32) int {
	m := uint32(0)
	for _, v := range vs {
		m |= v
	}
	return bits.Len32(m)
}

// pack appends vs at w bits each, least significant first, to b.
func pack(b []byte, vs []uint32, w int) []byte {
	if w == 0 {
		return b
	}
	var acc uint64
	n := 0
	for _, v := range vs {
		acc |= uint64(v) << n
		n += w
		for n >= 8 {
			b = append(b, byte(acc))
			acc >>= 8
			n -= 8
		}
	}
	if n > 0 {
		b = append(b, byte(acc))
	}
	return b
}

// maxBits is the upper 16 bits of the float32 m ≥ 0 (bfloat16), rounded
// up: a block's best score stays an upper bound.
func maxBits(m float32) uint16 {
	b := math.Float32bits(m)
	h := uint16(b >> 16)
	if b&0xffff != 0 {
		h++
	}
	return h
}

// maxScore reads a block's best score written by maxBits.
func maxScore(h []byte) float64 {
	return float64(math.Float32frombits(uint32(binary.LittleEndian.Uint16(h)) << 16))
}
