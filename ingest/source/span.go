package source

import "pkportal/report"

// Span is a part of the document that one parser took, as indices into
// Doc.Lines: Lines[From:To]. The section parser places Block where the span
// starts and skips its lines, so each line is read by exactly one parser.
type Span struct {
	From, To int
	Block    report.Block
}

// Index returns the index in d.Lines of the first line at or after source
// line n, or len(d.Lines).
func (d *Doc) Index(n int) int {
	lo, hi := 0, len(d.Lines)
	for lo < hi {
		m := (lo + hi) / 2
		if d.Lines[m].N < n {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}
