package search

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"pkportal/report"
)

// Index is an index file opened in place: Open reads its header and keeps
// the bytes; terms, postings, contents and the strings of the answers are
// read from them when a query needs them, nothing is decoded up front.
// It is only read, so one Index serves concurrent searches.
type Index struct {
	b        []byte
	h        hdr
	avgBody  float64
	avgLabel float64
	langs    []string
	kinds    map[string]uint32 // kind → its index in kindIDs
	kindIDs  []uint32          // the string id of each kind
	pieces   uint32            // text pieces
	labels   uint32            // distinct labels
	termBits int               // bits of a term's number in the term lists
	cache    sync.Map          // block number → *pieceSet
	cached   atomic.Int64      // bytes in cache (and the blocks not kept)
}

// ErrVersion is wrapped by Open's error when the file was written in
// another format version.
var ErrVersion = errors.New("search index format version")

// Open reads an index file written by Encode. The bytes are used in place
// (strings of the answers point into them): they must not change while
// the Index is in use.
func Open(b []byte) (*Index, error) {
	const head = len(magic) + 4 + 4*hdrFields
	if len(b) < len(magic)+4 || string(b[:len(magic)]) != magic {
		return nil, errors.New("search index: not an index file (bad magic)")
	}
	if v := binary.LittleEndian.Uint32(b[len(magic):]); v != Version {
		return nil, fmt.Errorf("%w %d, this program reads version %d: rebuild the index (go run ./generator build -search-index FILE)", ErrVersion, v, Version)
	}
	if len(b) < head {
		return nil, errors.New("search index: truncated header")
	}
	ix := &Index{b: b}
	if _, err := binary.Decode(b[len(magic)+4:head], binary.LittleEndian, &ix.h); err != nil {
		return nil, fmt.Errorf("search index: header: %w", err)
	}
	h := &ix.h
	prev := uint32(head)
	for _, o := range []uint32{h.StrOffs, h.StrBlob, h.Texts, h.TermOffs, h.TermBlob, h.TermRecs, h.Postings, h.ContentRecs, h.Occurrences, h.SegRecs, h.BlockIndex, h.Tables, h.Langs, h.Pieces, h.PieceDict, h.PieceIdx, h.PieceBlob, h.Labels, h.FwdIdx, h.FwdBlob, h.End} {
		if o < prev || int(o) > len(b) {
			return nil, errors.New("search index: corrupt section table")
		}
		prev = o
	}
	if int(h.End) != len(b) || int(h.StrBlob-h.StrOffs) != 4*(int(h.Strings)+1) || int(h.TermBlob-h.TermOffs) != 4*(int(h.Terms)+1) ||
		int(h.Postings-h.TermRecs) != 4*termWords*int(h.Terms) || int(h.Occurrences-h.ContentRecs) != contentSize*int(h.Contents) ||
		int(h.BlockIndex-h.SegRecs) != 4*segWords*int(h.Segments) || h.PieceDict-h.Pieces != 4 {
		return nil, errors.New("search index: corrupt section sizes")
	}
	ix.pieces = ix.u32(h.Pieces)
	if int(h.PieceBlob-h.PieceIdx) != 4*(int(ix.pieces+pieceBlock-1)/pieceBlock+1) {
		return nil, errors.New("search index: corrupt piece blocks")
	}
	ix.labels = (h.FwdIdx - h.Labels) / 4
	if lists := int(ix.pieces + ix.labels); (h.FwdIdx-h.Labels)%4 != 0 || int(h.FwdBlob-h.FwdIdx) != 4*(lists+1) {
		return nil, errors.New("search index: corrupt term lists")
	}
	ix.termBits = termBits(h.Terms)
	if h.Docs > 0 {
		ix.avgBody = float64(uint64(h.BodySumHi)<<32|uint64(h.BodySumLo)) / float64(h.Docs)
		ix.avgLabel = float64(uint64(h.LabelSumHi)<<32|uint64(h.LabelSumLo)) / float64(h.Docs)
	}
	at := h.Langs
	read := func() (uint32, error) {
		if int(at)+4 > int(h.End) {
			return 0, errors.New("search index: truncated language list")
		}
		v := ix.u32(at)
		at += 4
		return v, nil
	}
	n, err := read()
	if err != nil {
		return nil, err
	}
	for range n {
		id, err := read()
		if err != nil || id >= h.Strings {
			return nil, errors.New("search index: corrupt language list")
		}
		ix.langs = append(ix.langs, ix.str(id))
	}
	if n, err = read(); err != nil {
		return nil, err
	}
	ix.kinds = map[string]uint32{}
	if n > 256 {
		return nil, errors.New("search index: corrupt kind list")
	}
	for i := range n {
		id, err := read()
		if err != nil || id >= h.Strings {
			return nil, errors.New("search index: corrupt kind list")
		}
		ix.kinds[ix.str(id)] = i
		ix.kindIDs = append(ix.kindIDs, id)
	}
	return ix, nil
}

// Build indexes documents of one UI language (tests and tools; the portal
// indexes reports with FromReports or Encode).
func Build(docs []Doc) (*Index, error) {
	b, err := encode([]string{""}, [][]Doc{docs}, sizes{})
	if err != nil {
		return nil, err
	}
	return Open(b)
}

// FromReports indexes the reports for readers of the UI languages langs
// (UILangs when none is given), as Encode then Open.
func FromReports(reports []*report.Report, langs ...string) (*Index, error) {
	b, err := Encode(reports, langs...)
	if err != nil {
		return nil, err
	}
	return Open(b)
}

// Len is the number of documents.
func (ix *Index) Len() int { return int(ix.h.Docs) }

// Contents is the number of distinct contents (kind, label and text)
// among the documents: what the postings index and queries score.
func (ix *Index) Contents() int { return int(ix.h.Contents) }

// Size is the size of the index file in bytes.
func (ix *Index) Size() int { return len(ix.b) }

// Langs are the UI languages the index answers in, the default first.
func (ix *Index) Langs() []string { return ix.langs }

// TextLangs returns the languages the reports of the index are written
// in, each once, in index order.
func (ix *Index) TextLangs() []string {
	var langs []string
	for i := range int(ix.h.Segments) {
		if l := ix.str(ix.segment(i).lang); !slices.Contains(langs, l) {
			langs = append(langs, l)
		}
	}
	return langs
}

// Reports returns the slugs of the index's reports, in index order, each
// once.
func (ix *Index) Reports() []string {
	var slugs []string
	for i := range int(ix.h.Segments) {
		slug := ix.str(ix.segment(i).slug)
		if len(slugs) == 0 || slugs[len(slugs)-1] != slug {
			slugs = append(slugs, slug)
		}
	}
	return slugs
}

// Bytes returns the index file.
func (ix *Index) Bytes() []byte { return ix.b }

func (ix *Index) u32(at uint32) uint32 { return binary.LittleEndian.Uint32(ix.b[at:]) }

// str returns string id, pointing into the file.
func (ix *Index) str(id uint32) string {
	at := ix.h.StrOffs + 4*id
	lo, hi := ix.u32(at), ix.u32(at+4)
	if hi <= lo {
		return ""
	}
	return unsafe.String(&ix.b[ix.h.StrBlob+lo], hi-lo)
}

// textFrom returns the text of a content and the byte offset in it of
// its first piece that holds one of the terms numbered ids (the length of
// the text when none does); buf is scratch space for the term lists.
func (ix *Index) textFrom(c content, ids, buf []uint32) (string, int) {
	at := int(ix.h.Texts + c.text)
	n, at := uv(ix.b, at)
	var b strings.Builder
	block, from := -1, -1
	var pb *pieceSet
	for range n {
		var id uint64
		id, at = uv(ix.b, at)
		if id >= uint64(ix.pieces) {
			break
		}
		if from < 0 && len(ids) > 0 {
			buf = ix.terms(uint32(id), buf[:0])
			if slices.ContainsFunc(buf, func(t uint32) bool { return slices.Contains(ids, t) }) {
				from = b.Len()
			}
		}
		if k := int(id / pieceBlock); k != block {
			block = k
			pb = ix.block(k)
		}
		j := int(id % pieceBlock)
		if j+1 < len(pb.offs) {
			b.Write(pb.raw[pb.offs[j]:pb.offs[j+1]])
		}
	}
	if from < 0 {
		from = b.Len()
	}
	return b.String(), from
}

// pieceSet is a decompressed block of text pieces.
type pieceSet struct {
	raw  []byte
	offs []int // offsets of the pieces in raw, one more than the pieces
}

// maxCached is the most bytes of decompressed blocks an Index keeps: the
// blocks a warm function has shown are not decompressed again.
const maxCached = 8 << 20

// block returns decompressed block k, from the cache when it is there.
func (ix *Index) block(k int) *pieceSet {
	if v, ok := ix.cache.Load(k); ok {
		return v.(*pieceSet)
	}
	raw, offs := ix.pieceBlock(k, nil, nil)
	pb := &pieceSet{raw: raw, offs: offs}
	if ix.cached.Add(int64(len(raw))) <= maxCached {
		ix.cache.Store(k, pb)
	}
	return pb
}

// inflaters keeps flate readers for reuse.
var inflaters sync.Pool

// pieceBlock decompresses block k of the text pieces into raw, and
// returns it with the offsets of its pieces (one more than the pieces).
func (ix *Index) pieceBlock(k int, raw []byte, offs []int) ([]byte, []int) {
	at := ix.h.PieceIdx + 4*uint32(k)
	lo, hi := ix.h.PieceBlob+ix.u32(at), ix.h.PieceBlob+ix.u32(at+4)
	if hi < lo || hi > ix.h.End {
		return raw, offs
	}
	dict := ix.b[ix.h.PieceDict:ix.h.PieceIdx]
	src := bytes.NewReader(ix.b[lo:hi])
	var r io.ReadCloser
	if v := inflaters.Get(); v != nil {
		r = v.(io.ReadCloser)
		_ = r.(flate.Resetter).Reset(src, dict)
	} else {
		r = flate.NewReaderDict(src, dict)
	}
	buf := bytes.NewBuffer(raw)
	_, err := buf.ReadFrom(r)
	inflaters.Put(r)
	if err != nil {
		return raw, offs
	}
	raw = buf.Bytes()
	n := min(pieceBlock, int(ix.pieces)-k*pieceBlock)
	i, total := 0, 0
	lens := make([]int, 0, pieceBlock)
	for range n {
		if i >= len(raw) {
			return raw, offs
		}
		var v uint64
		v, i = uv(raw, i)
		lens = append(lens, int(v))
		total += int(v)
	}
	if i+total > len(raw) {
		return raw, offs
	}
	offs = append(offs, i)
	for _, l := range lens {
		i += l
		offs = append(offs, i)
	}
	return raw, offs
}

// term returns the i-th term of the sorted dictionary.
func (ix *Index) term(i int) []byte {
	at := ix.h.TermOffs + 4*uint32(i)
	return ix.b[ix.h.TermBlob+ix.u32(at) : ix.h.TermBlob+ix.u32(at+4)]
}

// lookup returns the position of t in the dictionary, or where it would
// be and false.
func (ix *Index) lookup(t string) (int, bool) {
	lo, hi := 0, int(ix.h.Terms)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if bytes.Compare(ix.term(m), unsafe.Slice(unsafe.StringData(t), len(t))) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < int(ix.h.Terms) && string(ix.term(lo)) == t
}

// termRec is a term's dictionary entry.
type termRec struct {
	dfBody, dfLabel uint32
	docs            uint32 // documents holding it
	post            []byte
	skips           []byte // 8 bytes per entry: content before, offset in post
	maxes           []byte // u16 per block: the best score there (maxBits)
}

func (ix *Index) termRec(i int) termRec {
	at := ix.h.TermRecs + 4*termWords*uint32(i)
	off, n, ns := ix.h.Postings+ix.u32(at+8), ix.u32(at+12), 8*ix.u32(at+16)
	nm := uint32(0)
	if n > 0 {
		nm = 2 * (ns/8 + 1)
	}
	mo, po := off+ns, off+ns+nm
	return termRec{dfBody: ix.u32(at), dfLabel: ix.u32(at + 4), docs: ix.u32(at + 20),
		skips: ix.b[off:mo:mo], maxes: ix.b[mo:po:po], post: ix.b[po : po+n : po+n]}
}

// content is a distinct content's record.
type content struct {
	kind, text   uint32
	label        uint32 // its number among the labels
	blen, llen   uint32
	occN, occOff uint32
}

// labelString returns the string id of label number n.
func (ix *Index) labelString(n uint32) uint32 {
	if n >= ix.labels {
		return 0
	}
	return ix.u32(ix.h.Labels + 4*n)
}

func (ix *Index) content(c int32) content {
	at := ix.h.ContentRecs + contentSize*uint32(c)
	kind := uint32(ix.b[at])
	if int(kind) >= len(ix.kindIDs) {
		kind = 0
	}
	return content{ix.kindIDs[kind], ix.u32(at + 4), ix.u32(at + 8), uint32(binary.LittleEndian.Uint16(ix.b[at+2:])), uint32(ix.b[at+1]), ix.u32(at + 12), ix.u32(at + 16)}
}

// occurrences calls f with each document that has content c, in
// increasing order, until f returns false.
func (ix *Index) occurrences(c content, f func(d int32) bool) {
	at := int(ix.h.Occurrences + c.occOff)
	d := int32(0)
	for range c.occN {
		var v uint64
		v, at = uv(ix.b, at)
		d += int32(v)
		if !f(d) {
			return
		}
	}
}

// segment is a run of documents of one report.
type segment struct {
	symbol, slug, lang, first, n, table uint32 // table: offset of its blocks in the block index
}

func (ix *Index) segment(i int) segment {
	at := ix.h.SegRecs + 4*segWords*uint32(i)
	return segment{ix.u32(at), ix.u32(at + 4), ix.u32(at + 8), ix.u32(at + 12), ix.u32(at + 16), ix.u32(at + 20)}
}

// segmentOf returns the segment that holds document d.
func (ix *Index) segmentOf(d int32) segment {
	lo, hi := 0, int(ix.h.Segments)
	for hi-lo > 1 {
		m := int(uint(lo+hi) >> 1)
		if int32(ix.segment(m).first) <= d {
			lo = m
		} else {
			hi = m
		}
	}
	return ix.segment(lo)
}

// doc returns document d, of content c with text text, as shown in UI
// language li, without its snippet.
func (ix *Index) doc(d int32, li int, c content, text string) Doc {
	s := ix.segmentOf(d)
	doc := Doc{Kind: ix.str(c.kind), Report: ix.str(s.symbol), Lang: ix.str(s.lang), Label: ix.str(ix.labelString(c.label)), Text: text}
	ix.docLinks(&doc, s, uint32(d)-s.first, li)
	return doc
}

// docEntry is the offset of the j-th document's title, URL and citation
// of segment s in UI language li.
func (ix *Index) docEntry(s segment, j uint32, li int) uint32 {
	block := ix.u32(ix.h.BlockIndex + s.table + 4*(j/tableBlock))
	return ix.h.Tables + block + 4*tableWords*(uint32(len(ix.langs))*(j%tableBlock)+uint32(li))
}

// docURLEnd is the stored end of the j-th document's URL: the whole URL,
// or the part after "/<lang>/<slug>/" (enough to know its anchor).
func (ix *Index) docURLEnd(s segment, j uint32, li int) string {
	return ix.str(ix.u32(ix.docEntry(s, j, li)+4) &^ relFlag)
}

// docLinks sets the URL, citation and title of the j-th document of
// segment s, in UI language li.
func (ix *Index) docLinks(doc *Doc, s segment, j uint32, li int) {
	at := ix.docEntry(s, j, li)
	title, url, cite := ix.u32(at), ix.u32(at+4), ix.u32(at+8)
	if url&relFlag != 0 {
		doc.URL = "/" + ix.langs[li] + "/" + ix.str(s.slug) + "/" + ix.str(url&^relFlag)
	} else {
		doc.URL = ix.str(url)
	}
	if cite&relFlag != 0 {
		doc.Citation = doc.Report + ix.str(cite&^relFlag)
	} else {
		doc.Citation = ix.str(cite)
	}
	if title&relFlag != 0 {
		doc.Title = doc.Report + ix.str(title&^relFlag)
	} else {
		doc.Title = ix.str(title)
	}
}

// uv reads an unsigned varint at b[i:], returning it and the next index.
func uv(b []byte, i int) (uint64, int) {
	if c := b[i]; c < 0x80 {
		return uint64(c), i + 1
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 {
		return 0, len(b)
	}
	return v, i + n
}

// newPostIter returns an iterator over postings post (the first content
// counts from -1).
func newPostIter(post []byte) postIter { return postIter{b: post, c: -1} }

// postIter walks a term's postings, a block of skipEvery at a time.
type postIter struct {
	b        []byte // the postings
	i        int    // offset of the next block
	c        int32  // current content
	tfb, tfl uint32 // its term frequencies in the body and the label
	n        int    // entries read or jumped over
	// the decoded block
	bn, bj int // postings in it, index of the next one
	cs     [skipEvery]int32
	fb, fl [skipEvery]uint32
}

// blockHead is the bytes of a block's header.
const blockHead = 4

// seek moves to the block at offset off, after content c and n entries.
func (it *postIter) seek(off int, c int32, n int) {
	it.i, it.c, it.n, it.bn, it.bj = off, c, n, 0, 0
}

func (it *postIter) next() bool {
	if it.bj >= it.bn {
		if it.i+blockHead > len(it.b) {
			return false
		}
		it.block()
	}
	j := it.bj
	it.bj++
	it.n++
	it.c, it.tfb, it.tfl = it.cs[j], it.fb[j], it.fl[j]
	return true
}

// block decodes the block at it.i.
func (it *postIter) block() {
	b := it.b
	n, wd, wf, wl := int(b[it.i]), int(b[it.i+1]), int(b[it.i+2]), int(b[it.i+3])
	at := it.i + blockHead
	bit := 8 * at
	c := it.c
	for k := range n {
		c += int32(getBits(b, bit, wd)) + 1
		bit += wd
		it.cs[k] = c
	}
	at += (n*wd + 7) / 8
	bit = 8 * at
	for k := range n {
		it.fb[k] = getBits(b, bit, wf) ^ 1
		bit += wf
	}
	at += (n*wf + 7) / 8
	bit = 8 * at
	for k := range n {
		it.fl[k] = getBits(b, bit, wl)
		bit += wl
	}
	at += (n*wl + 7) / 8
	it.i, it.bn, it.bj = at, n, 0
}

// terms appends the numbers of the terms of term list k (a text piece,
// or label k-pieces) to buf.
func (ix *Index) terms(k uint32, buf []uint32) []uint32 {
	at := ix.h.FwdIdx + 4*k
	lo, hi := int(ix.u32(at)), int(ix.u32(at+4))
	b, w := ix.b[ix.h.FwdBlob:ix.h.End], ix.termBits
	if hi < lo || hi*w > 8*len(b) {
		return buf
	}
	// several numbers from each 8 bytes read
	mask := uint64(1)<<uint(w) - 1
	bit, n := lo*w, hi-lo
	for n > 0 {
		i, sh := bit>>3, bit&7
		if i+8 > len(b) {
			buf = append(buf, getBits(b, bit, w))
			bit += w
			n--
			continue
		}
		v := binary.LittleEndian.Uint64(b[i:]) >> uint(sh)
		m := min(n, (64-sh)/w)
		for range m {
			buf = append(buf, uint32(v&mask))
			v >>= uint(w)
		}
		bit += m * w
		n -= m
	}
	return buf
}

// getBits reads w bits at bit offset at of b (zeros past its end).
func getBits(b []byte, at, w int) uint32 {
	if w == 0 {
		return 0
	}
	i, s := at>>3, uint(at&7)
	var v uint64
	if i+8 <= len(b) {
		v = binary.LittleEndian.Uint64(b[i:])
	} else {
		for k := 0; i+k < len(b) && k < 8; k++ {
			v |= uint64(b[i+k]) << (8 * k)
		}
	}
	return uint32((v >> s) & (1<<uint(w) - 1))
}
