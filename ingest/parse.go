package ingest

import (
	"fmt"
	"sort"

	"pkportal/ingest/finance"
	"pkportal/ingest/rbb"
	"pkportal/ingest/source"
	"pkportal/report"
)

// This file is the seam with the other parsers of ingest: finance (the
// tables of the summary and of section III, the variance headers of
// section IV) and rbb (the expected accomplishments of II.F). They read
// their parts of the document first; the section parser then places their
// blocks where their spans start and reads everything else.

// parseExternal runs the other parsers of ingest on the document.
func parseExternal(doc *source.Doc, language string) (*external, error) {
	var fin *finance.Result
	err := guard(doc.Name, "financial tables", func() (err error) {
		fin, err = finance.Parse(doc, language)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("financial tables: %w", err)
	}
	var res *rbb.Result
	err = guard(doc.Name, "results-based budgeting frameworks", func() (err error) {
		res, err = rbb.Parse(doc, language)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("results-based budgeting frameworks: %w", err)
	}
	ext := &external{}
	if fin != nil {
		ext.Tables, ext.Variances = fin.Tables, fin.Variances
		ext.Spans = append(ext.Spans, fin.Spans...)
	}
	if res != nil {
		ext.Accomplishments = res.Accomplishments
		ext.Spans = append(ext.Spans, res.Spans...)
	}
	sort.SliceStable(ext.Spans, func(i, j int) bool { return ext.Spans[i].From < ext.Spans[j].From })
	for k := 1; k < len(ext.Spans); k++ {
		if prev, sp := ext.Spans[k-1], ext.Spans[k]; sp.From < prev.To {
			return nil, doc.Errorf(lineOf(doc, sp.From), "the %s and the %s take the same lines", blockKind(prev.Block), blockKind(sp.Block))
		}
	}
	return ext, nil
}

// lineOf is the source line of a line index, 0 when outside the document.
func lineOf(doc *source.Doc, i int) int {
	if i >= 0 && i < len(doc.Lines) {
		return doc.Lines[i].N
	}
	return 0
}

// checkExternal runs the other parsers' checks on a parsed report.
func checkExternal(r *report.Report) (ws []report.Warning, err error) {
	err = guard(r.Source, "financial checks", func() (err error) {
		ws, err = finance.Check(r)
		return err
	})
	return ws, err
}

// guard runs one of the other parsers and turns a panic of theirs into an
// error of the file, so that Parse never panics, whatever the input.
func guard(file, what string, fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &source.Error{File: file, Msg: fmt.Sprintf("%s: internal error: %v", what, p)}
		}
	}()
	return fn()
}
