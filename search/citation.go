package search

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// A query that is a citation, as delegates write them and as the portal
// prints them ("A/76/564, par. 26", "par. 26-27", "sect. III.A",
// "A/76/564, résumé", "réalisation escomptée 2.1, produit 4",
// "expected accomplishment 2.1, indicator 3"), is answered by what it
// cites, not by its words. The report is optional. The patterns read the
// query folded (lower case, no accents).
var (
	citeReport = `^\s*(?:(\S+?)\s*,?\s+)?`
	citeEnd    = `\s*\.?\s*$`
	// citedParagraph: "par. 26", "paras. 26 and 27", "§§ 26-28", "paragraphes 26 et 27".
	citedParagraph = regexp.MustCompile(citeReport + `(?:paragraphes|paragraphe|paragraphs|paragraph|paras|para|par|§§|§)\.?\s*(\d{1,4}(?:\s*(?:-|–|,|et|and|a|to)\s*\d{1,4})*)` + citeEnd)
	// citedSection: "sect. III.A", "section II.F", "chapitre IV".
	citedSection = regexp.MustCompile(citeReport + `(?:sect|section|chap|chapitre|chapter)\.?\s*([ivx]+(?:\.[a-f](?:\.\d{1,2})?)?)` + citeEnd)
	// citedSummary: "A/76/564, résumé" (the report is needed: "résumé"
	// alone is a word).
	citedSummary = regexp.MustCompile(`^\s*(\S+?)\s*,?\s+(?:resume|summary)` + citeEnd)
	// citedResult: "réalisation escomptée 2.1", "…, indicateur 3", "EA 2.1, output 4".
	citedResult = regexp.MustCompile(citeReport + `(?:realisation escomptee|expected accomplishment|re|ea)\s*(\d{1,2})\.(\d{1,2})(?:\s*,?\s*(indicateur|indicator|produit|output)\s*(\d{1,3}))?` + citeEnd)
	citeNumber  = regexp.MustCompile(`\d+`)
	citeRange   = regexp.MustCompile(`^(\d+)\s*(?:-|–|a|to)\s*(\d+)$`)
	citeList    = regexp.MustCompile(`\s*(?:,|et|and)\s*`)
)

// maxCited is the most paragraphs a citation gives (a longer range is cut).
const maxCited = 50

// cited is what a citation query names: a report (symbol or slug, or ""),
// the anchors of what it cites, in order, and their kind.
type cited struct {
	report  string
	anchors []string // "par-26", "iii-a", "ea-2-1-o4"
	kind    string   // "paragraph", "heading", "accomplishment", "indicator", "output"
}

// citation reads a query that cites paragraphs, a section, the summary,
// an expected accomplishment or one of its indicators or outputs.
func citation(q string) (cited, bool) {
	q = foldString(q)
	if m := citedParagraph.FindStringSubmatch(q); m != nil {
		c := cited{report: trimReport(m[1]), kind: "paragraph"}
		for _, part := range citeList.Split(m[2], -1) {
			from, to := 0, 0
			if r := citeRange.FindStringSubmatch(part); r != nil {
				from, _ = strconv.Atoi(r[1])
				to, _ = strconv.Atoi(r[2])
			} else if n := citeNumber.FindString(part); n != "" {
				from, _ = strconv.Atoi(n)
				to = from
			}
			if from == 0 || to < from {
				return cited{}, false
			}
			for n := from; n <= to && len(c.anchors) < maxCited; n++ {
				c.anchors = append(c.anchors, "par-"+strconv.Itoa(n))
			}
		}
		return c, len(c.anchors) > 0
	}
	if m := citedSection.FindStringSubmatch(q); m != nil {
		return cited{report: trimReport(m[1]), kind: "heading", anchors: []string{strings.ReplaceAll(m[2], ".", "-")}}, true
	}
	if m := citedSummary.FindStringSubmatch(q); m != nil {
		return cited{report: trimReport(m[1]), kind: "heading", anchors: []string{"summary"}}, true
	}
	if m := citedResult.FindStringSubmatch(q); m != nil {
		c := cited{report: trimReport(m[1]), kind: "accomplishment", anchors: []string{"ea-" + m[2] + "-" + m[3]}}
		switch m[4] {
		case "indicateur", "indicator":
			c.kind, c.anchors[0] = "indicator", c.anchors[0]+"-i"+m[5]
		case "produit", "output":
			c.kind, c.anchors[0] = "output", c.anchors[0]+"-o"+m[5]
		}
		return c, true
	}
	return cited{}, false
}

// trimReport is the report a citation names, without the comma after it.
func trimReport(s string) string { return strings.TrimSuffix(s, ",") }

// citedDocs answers a query that cites something with what it cites, in
// each report the query or o.Report names (all reports when none does),
// report after report, in the citation's order: the page of o's Offset
// and Limit and the number found, each with its title, citation and URL
// in UI language li, without a snippet (nothing in its text was searched
// for). It reports false when the query is no citation, asks for another
// kind, or names no report of the index: its words are searched then.
func (ix *Index) citedDocs(q string, o Options, li int) (page []Result, total int, ok bool) {
	c, ok := citation(q)
	if !ok || (o.Kind != "" && !strings.EqualFold(o.Kind, c.kind)) {
		return nil, 0, false
	}
	rep := c.report
	if rep != "" && o.Report != "" && !strings.EqualFold(rep, o.Report) {
		return nil, 0, false
	}
	if rep == "" {
		rep = o.Report
	}
	end := math.MaxInt // the page: results from o.Offset to end
	if o.Limit > 0 {
		end = o.Offset + o.Limit
	}
	segs := ix.segmentsNamed(rep)
	if rep == "" {
		for i := range int(ix.h.Segments) {
			segs = append(segs, ix.segment(i))
		}
	}
	cites := map[string]bool{}
	for _, a := range c.anchors {
		cites[a] = true
	}
	for _, s := range segs {
		// one pass over the report's documents, until each anchor's first
		at := make(map[string]uint32, len(c.anchors))
		for j := uint32(0); j < s.n && len(at) < len(cites); j++ {
			u := ix.docURLEnd(s, j, li)
			if k := strings.LastIndexByte(u, '#'); k >= 0 && cites[u[k+1:]] {
				if _, seen := at[u[k+1:]]; !seen {
					at[u[k+1:]] = j
				}
			}
		}
		for _, a := range c.anchors {
			j, ok := at[a]
			if !ok {
				continue
			}
			if total >= o.Offset && total < end {
				d := Doc{Kind: c.kind, Report: ix.str(s.symbol), Lang: ix.str(s.lang)}
				ix.docLinks(&d, s, j, li)
				page = append(page, Result{Doc: d})
			}
			total++
		}
	}
	return page, total, len(segs) > 0
}
