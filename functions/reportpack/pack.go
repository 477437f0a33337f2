// Package reportpack is the file format of the structured reports the CSV
// function embeds (reports.pack): Write and WriteWith make it at build
// time, Open reads its index and Pack.Report decodes one report when a
// request names it: it must not decode every report at start.
//
// It holds no data: the embedded files are package reportdata's, which
// only the functions link. The generator writes packs with this package
// and must not link reportdata, whose embedded files would make every
// build of the pack a new generator binary (and a new build cache key).
package reportpack

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"sort"
	"strings"

	"github.com/klauspost/compress/zstd"

	"pkportal/percore"
	"pkportal/report"
)

// A pack file holds the structured reports, each compressed on its own
// (zstd) against a dictionary shared by all: a function reads its index at
// cold start and decodes a report only when a request names it, so that
// neither its start nor its memory grows with the number of reports.
//
//	magic      "PKREPORT", u32 version (Version)
//	u32        reports, u32 bytes of the compressed dictionary
//	dictionary zstd frame of the dictionary: the JSON of the first reports
//	           (by slug) end to end, up to maxDict bytes; reports of one
//	           template share their keys, headings and standard phrases,
//	           and a mission's reports most of their texts
//	index      per report, by slug: u16 length and bytes of its slug, of
//	           its symbol, then u32 offset (from the start of the frames)
//	           and u32 length of its frame
//	frames     per report, a zstd frame of its JSON (encoding/json of
//	           report.Report), compressed with the dictionary
const (
	packMagic = "PKREPORT"
	// Version is the pack format this package writes and reads.
	Version = 1
	// maxDict is the most bytes of the dictionary.
	maxDict = 512 << 10
	// packWindow is the zstd window: the dictionary and a report fit in it.
	packWindow = 4 << 20
)

// Pack is an opened pack file: its index is read, its reports are decoded
// one at a time by Report. It is safe for concurrent use.
type Pack struct {
	b       []byte // the frames
	slugs   []string
	symbols []string
	offs    [][2]uint32 // offset and length of each report's frame
	zdict   []byte      // the compressed dictionary
	dec     *zstd.Decoder
}

// Write writes the pack file of reports to w. The same reports give
// the same bytes.
func Write(w io.Writer, reports []*report.Report) error {
	items := make([]Item, len(reports))
	for i, r := range reports {
		items[i] = Item{Slug: r.Slug, Symbol: r.Symbol, JSON: func() ([]byte, error) { return json.Marshal(r) }}
	}
	return WriteWith(w, nil, items)
}

// An Item is one report of the pack WriteWith writes.
type Item struct {
	Slug, Symbol string
	// JSON returns the report as encoding/json writes a report.Report;
	// it is called only when the report's frame is not taken from the
	// previous pack.
	JSON func() ([]byte, error)
	// Same says the report is the one of the same slug in the previous
	// pack.
	Same bool
}

// WriteWith writes the pack file of items to w: the bytes Write
// writes of their reports. prev is a pack file written earlier, or nil:
// when its dictionary is the one of these items, the frames of the items
// marked Same are copied from it instead of compressed again (at 1,000
// reports, a build where one report changed compresses one).
func WriteWith(w io.Writer, prev []byte, items []Item) error {
	items = slices.Clone(items)
	slices.SortFunc(items, func(a, b Item) int { return strings.Compare(a.Slug, b.Slug) })
	jsons := make([][]byte, len(items))
	var dict []byte
	for i, it := range items {
		if len(dict) >= maxDict {
			break
		}
		b, err := it.JSON()
		if err != nil {
			return fmt.Errorf("pack %s: %w", it.Symbol, err)
		}
		jsons[i] = b
		dict = append(dict, b[:min(len(b), maxDict-len(dict))]...)
	}
	plain, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedBestCompression), zstd.WithEncoderConcurrency(1))
	if err != nil {
		return err
	}
	zdict := plain.EncodeAll(dict, nil)
	// the previous pack's frames, when they were made with this dictionary
	var old *Pack
	if prev != nil {
		if p, err := openIndex(prev); err == nil && bytes.Equal(p.zdict, zdict) {
			old = p
		}
	}
	opts := []zstd.EOption{zstd.WithEncoderLevel(zstd.SpeedBetterCompression), zstd.WithEncoderConcurrency(runtime.GOMAXPROCS(0)), zstd.WithWindowSize(packWindow)}
	if len(dict) > 0 {
		opts = append(opts, zstd.WithEncoderDictRaw(1, dict))
	}
	enc, err := zstd.NewWriter(nil, opts...)
	if err != nil {
		return err
	}
	frames := make([][]byte, len(items))
	if err := errors.Join(percore.Run(len(items), func(i int) error {
		if old != nil && items[i].Same {
			if f, ok := old.frame(items[i].Slug); ok {
				frames[i] = f
				return nil
			}
		}
		b := jsons[i]
		if b == nil {
			var err error
			if b, err = items[i].JSON(); err != nil {
				return fmt.Errorf("pack %s: %w", items[i].Symbol, err)
			}
		}
		frames[i] = enc.EncodeAll(b, nil)
		return nil
	})...); err != nil {
		return err
	}
	var head bytes.Buffer
	head.WriteString(packMagic)
	u32 := func(v uint32) { _ = binary.Write(&head, binary.LittleEndian, v) }
	str := func(s string) error {
		if len(s) > 0xffff {
			return fmt.Errorf("pack: a string of %d bytes", len(s))
		}
		_ = binary.Write(&head, binary.LittleEndian, uint16(len(s)))
		head.WriteString(s)
		return nil
	}
	u32(Version)
	u32(uint32(len(items)))
	u32(uint32(len(zdict)))
	head.Write(zdict)
	var blob bytes.Buffer
	for i, it := range items {
		frame := frames[i]
		if err := str(it.Slug); err != nil {
			return err
		}
		if err := str(it.Symbol); err != nil {
			return err
		}
		u32(uint32(blob.Len()))
		u32(uint32(len(frame)))
		blob.Write(frame)
	}
	if _, err := w.Write(head.Bytes()); err != nil {
		return err
	}
	_, err = w.Write(blob.Bytes())
	return err
}

// frame returns the compressed frame of the report with the given slug.
func (p *Pack) frame(slug string) ([]byte, bool) {
	i, ok := p.find(slug)
	if !ok {
		return nil, false
	}
	o := p.offs[i]
	return p.b[o[0] : o[0]+o[1]], true
}

// Open reads the index of a pack file; the bytes are used in place.
func Open(b []byte) (*Pack, error) {
	p, err := openIndex(b)
	if err != nil {
		return nil, err
	}
	plain, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1))
	if err != nil {
		return nil, err
	}
	defer plain.Close()
	dict, err := plain.DecodeAll(p.zdict, nil)
	if err != nil {
		return nil, fmt.Errorf("report pack: dictionary: %w", err)
	}
	opts := []zstd.DOption{zstd.WithDecoderConcurrency(0), zstd.WithDecoderMaxWindow(packWindow)}
	if len(dict) > 0 {
		opts = append(opts, zstd.WithDecoderDictRaw(1, dict))
	}
	if p.dec, err = zstd.NewReader(nil, opts...); err != nil {
		return nil, err
	}
	return p, nil
}

// openIndex reads the index of a pack file, and finds its compressed
// dictionary; it decompresses nothing.
func openIndex(b []byte) (*Pack, error) {
	corrupt := func(what string) error { return fmt.Errorf("report pack: %s", what) }
	if len(b) < len(packMagic)+12 || string(b[:len(packMagic)]) != packMagic {
		return nil, corrupt("not a pack file (bad magic)")
	}
	at := len(packMagic)
	u32 := func() uint32 {
		if at+4 > len(b) {
			at = len(b) + 1
			return 0
		}
		v := binary.LittleEndian.Uint32(b[at:])
		at += 4
		return v
	}
	str := func() string {
		if at+2 > len(b) {
			at = len(b) + 1
			return ""
		}
		n := int(binary.LittleEndian.Uint16(b[at:]))
		at += 2
		if at+n > len(b) {
			at = len(b) + 1
			return ""
		}
		s := string(b[at : at+n])
		at += n
		return s
	}
	if v := u32(); v != Version {
		return nil, fmt.Errorf("report pack version %d, this program reads version %d: rebuild it (go run ./generator build -functions-data FILE)", v, Version)
	}
	n, nd := int(u32()), int(u32())
	if at+nd > len(b) {
		return nil, corrupt("truncated dictionary")
	}
	p := &Pack{zdict: b[at : at+nd]}
	at += nd
	for range n {
		p.slugs = append(p.slugs, str())
		p.symbols = append(p.symbols, str())
		p.offs = append(p.offs, [2]uint32{u32(), u32()})
		if at > len(b) {
			return nil, corrupt("truncated index")
		}
	}
	p.b = b[at:]
	for _, o := range p.offs {
		if uint64(o[0])+uint64(o[1]) > uint64(len(p.b)) {
			return nil, corrupt("a report past the end")
		}
	}
	return p, nil
}

// Slugs returns the slugs of the reports, sorted.
func (p *Pack) Slugs() []string { return p.slugs }

// Symbol returns the symbol of the report with the given slug, or "".
func (p *Pack) Symbol(slug string) string {
	if i, ok := p.find(slug); ok {
		return p.symbols[i]
	}
	return ""
}

func (p *Pack) find(slug string) (int, bool) {
	i := sort.SearchStrings(p.slugs, slug)
	return i, i < len(p.slugs) && p.slugs[i] == slug
}

// ErrNoReport is returned by Report for a slug the pack does not hold.
var ErrNoReport = errors.New("no such report")

// Report decodes the report with the given slug.
func (p *Pack) Report(slug string) (*report.Report, error) {
	i, ok := p.find(slug)
	if !ok {
		return nil, fmt.Errorf("report pack: %s: %w", slug, ErrNoReport)
	}
	o := p.offs[i]
	b, err := p.dec.DecodeAll(p.b[o[0]:o[0]+o[1]], nil)
	if err != nil {
		return nil, fmt.Errorf("report pack: %s: %w", slug, err)
	}
	var r report.Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("report pack: %s: %w", slug, err)
	}
	return &r, nil
}

// All decodes every report of the pack, in slug order.
func (p *Pack) All() ([]*report.Report, error) {
	var rs []*report.Report
	for _, s := range p.slugs {
		r, err := p.Report(s)
		if err != nil {
			return nil, err
		}
		rs = append(rs, r)
	}
	return rs, nil
}
