package search

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// citedParagraph matches a query that cites a paragraph as delegates
// write it: "A/76/564, par. 26", "a-76-564 paragraphe 26", "par. 26",
// "para 26", "§ 26". The report is optional.
var citedParagraph = regexp.MustCompile(`(?i)^\s*(?:(\S+?)\s*,?\s+)?(?:par|para|paragraphe|paragraph|§)\.?\s*(\d{1,4})\s*\.?\s*$`)

// paragraphCited returns the report (symbol or slug, possibly empty) and
// the number of the paragraph a query cites.
func paragraphCited(q string) (report string, n int, ok bool) {
	m := citedParagraph.FindStringSubmatch(q)
	if m == nil {
		return "", 0, false
	}
	n, err := strconv.Atoi(m[2])
	if err != nil || n == 0 {
		return "", 0, false
	}
	return strings.TrimSuffix(m[1], ","), n, true
}

// citedParagraphs answers a query that cites a paragraph with the
// paragraph itself, in each report the query or o.Report names (all
// reports when none does), in index order: the page of o's Offset and
// Limit and the number found, each with its title, citation and URL in UI
// language li, without a snippet (nothing in its text was searched for).
// It reports false when the query is no such citation or
// names no report of the index, and the query is searched as words.
func (ix *Index) citedParagraphs(q string, o Options, li int) (page []Result, total int, ok bool) {
	rep, n, ok := paragraphCited(q)
	if !ok || (o.Kind != "" && !strings.EqualFold(o.Kind, "paragraph")) {
		return nil, 0, false
	}
	if rep != "" && o.Report != "" && !strings.EqualFold(rep, o.Report) {
		return nil, 0, false
	}
	if rep == "" {
		rep = o.Report
	}
	suffix := "#par-" + strconv.Itoa(n)
	end := math.MaxInt // the page: results from o.Offset to end
	if o.Limit > 0 {
		end = o.Offset + o.Limit
	}
	named := false
	for i := range int(ix.h.Segments) {
		s := ix.segment(i)
		if rep != "" && !strings.EqualFold(ix.str(s.symbol), rep) && !strings.EqualFold(ix.str(s.slug), rep) {
			continue
		}
		named = true
		for j := range s.n {
			if strings.HasSuffix(ix.docURLEnd(s, j, li), suffix) {
				if total >= o.Offset && total < end {
					d := Doc{Kind: "paragraph", Report: ix.str(s.symbol), Lang: ix.str(s.lang)}
					ix.docLinks(&d, s, j, li)
					page = append(page, Result{Doc: d})
				}
				total++
				break
			}
		}
	}
	return page, total, named
}
