package search

import (
	"cmp"
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
	// citedSection: "sect. III.A", "section II.F", "chapitre IV", and a
	// component as the portal cites it, "sect. II.F, composante 2".
	citedSection = regexp.MustCompile(citeReport + `(?:sect|section|chap|chapitre|chapter)\.?\s*([ivx]+(?:\.[a-f](?:\.\d{1,2})?)?)(?:\s*,\s*(?:composante|component)\s*(\d{1,2}))?` + citeEnd)
	// citedSummary: "A/76/564, résumé" (the report is needed: "résumé"
	// alone is a word).
	citedSummary = regexp.MustCompile(`^\s*(\S+?)\s*,?\s+(?:resume|summary)` + citeEnd)
	// citedResult: "réalisation escomptée 2.1", "…, indicateur 3", "EA 2.1, output 4",
	// "…, indicateurs" (the portal's citation of an accomplishment's
	// indicators or outputs: the accomplishment lists them).
	citedResult = regexp.MustCompile(citeReport + `(?:realisation escomptee|expected accomplishment|re|ea)\s*(\d{1,2})\.(\d{1,2})(?:\s*,?\s*(?:(indicateur|indicator|produit|output)\s*(\d{1,3})|indicateurs|indicators|produits|outputs))?` + citeEnd)
	// citedItem: "2.1, produit 4" (read after citedResult, whose words it lacks).
	citedItem = regexp.MustCompile(citeReport + `(\d{1,2})\.(\d{1,2})\s*,?\s*(indicateur|indicator|produit|output)\s*(\d{1,3})` + citeEnd)
	// citedItemOf: "indicateur 3 de la réalisation escomptée 2.1", "output 4 of EA 2.1",
	// "indicator 2.1.3" (a budget's numbering of its indicators).
	citedItemOf = regexp.MustCompile(citeReport + `(indicateur|indicator|produit|output)\s*(?:(\d{1,3})\s*,?\s*(?:(?:de la|de l|du|de|of the|of|in)\s*)?(?:realisation escomptee|expected accomplishment|re|ea)\s*(\d{1,2})\.(\d{1,2})` +
		`|(\d{1,2})\.(\d{1,2})\.(\d{1,3}))` + citeEnd)
	// citedTable: "tableau III.A", "table iii-e-factors", "tab. III.A".
	citedTable = regexp.MustCompile(citeReport + `(?:tableau|table|tab)\.?\s*((?:[ivx]+|summary)(?:[.-][a-z0-9]+)*)` + citeEnd)
	// citedNumber: "III.A", "II.F.2": a section by its number alone.
	citedNumber = regexp.MustCompile(citeReport + `([ivx]+\.[a-f](?:\.\d{1,2})?)` + citeEnd)
	// citedQuoted: a table the portal cites by its title, in a section or
	// the summary that has two: "A/76/564, sect. III.E, « Facteurs … »".
	citedQuoted = regexp.MustCompile(citeReport + `((?:resume|summary|sect\.?\s*[ivx]+(?:\.[a-f])?)\s*,\s*["«“].+["»”])` + citeEnd)
	// citedFollowUp: "résolution 75/302, par. 12", and as the portal cites
	// an item of section VI: "A/76/564, sect. VI (resolution 75/302, para. 12)".
	citedFollowUp = regexp.MustCompile(citeReport + `(?:(?:sect|section)\.?\s*vi\s*\(\s*)?(?:resolution|res)\.?\s*(\d{1,3}/\d{1,4})\s*,\s*(?:paragraphes|paragraphe|paragraphs|paragraph|paras|para|par|§)\.?\s*(\d{1,4})\s*\)?` + citeEnd)
	// citedReport: the portal's reference of a whole report, "United
	// Nations, “Exécution du budget …” (in French), A/76/564": the report.
	citedReport = regexp.MustCompile(`^\s*(?:united nations|nations unies)\s*,\s*["«“].+["»”](?:\s*\([^)]*\))?\s*,\s*(\S+?)` + citeEnd)
	citeNumber  = regexp.MustCompile(`\d+`)
	citeRange   = regexp.MustCompile(`^(\d+)\s*(?:-|–|a|to)\s*(\d+)$`)
	citeList    = regexp.MustCompile(`\s*(?:,|et|and)\s*`)
)

// maxCited is the most paragraphs a citation gives (a longer range is cut).
const maxCited = 50

// cited is what a citation query names: a report (symbol or slug, or ""),
// the anchors of what it cites, in order, and their kind; or, for the
// items of section VI, the resolution paragraph they answer.
type cited struct {
	report  string
	anchors []string // "par-26", "iii-a", "table-iii-a", "ea-2-1-o4"
	kind    string   // "paragraph", "heading", "table", "accomplishment", "indicator", "output", "follow-up"
	answers string   // "75/302 12": the follow-up items answering resolution 75/302, paragraph 12
	quoted  string   // "sect. iii.e, « facteurs … »": the table cited so, folded (citedQuoted)
	orElse  string   // the anchor of a heading that answers when no table does ("tableau IV": section IV)
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
		id := strings.ReplaceAll(m[2], ".", "-")
		if m[3] != "" {
			id += "-" + m[3]
		}
		return cited{report: trimReport(m[1]), kind: "heading", anchors: []string{id}}, true
	}
	if m := citedSummary.FindStringSubmatch(q); m != nil {
		return cited{report: trimReport(m[1]), kind: "heading", anchors: []string{"summary"}}, true
	}
	if m := citedResult.FindStringSubmatch(q); m != nil {
		return resultCited(m[1], m[2], m[3], m[4], m[5]), true
	}
	if m := citedItem.FindStringSubmatch(q); m != nil {
		return resultCited(m[1], m[2], m[3], m[4], m[5]), true
	}
	if m := citedItemOf.FindStringSubmatch(q); m != nil {
		if m[3] == "" { // "indicator 2.1.3"
			return resultCited(m[1], m[6], m[7], m[2], m[8]), true
		}
		return resultCited(m[1], m[4], m[5], m[2], m[3]), true
	}
	if m := citedTable.FindStringSubmatch(q); m != nil {
		id := strings.ReplaceAll(m[2], ".", "-")
		return cited{report: trimReport(m[1]), kind: "table", anchors: []string{"table-" + id}, orElse: id}, true
	}
	if m := citedNumber.FindStringSubmatch(q); m != nil {
		return cited{report: trimReport(m[1]), kind: "heading", anchors: []string{strings.ReplaceAll(m[2], ".", "-")}}, true
	}
	if m := citedQuoted.FindStringSubmatch(q); m != nil {
		return cited{report: trimReport(m[1]), kind: "table", quoted: spaced(m[2])}, true
	}
	if m := citedFollowUp.FindStringSubmatch(q); m != nil {
		return cited{report: trimReport(m[1]), kind: "follow-up", answers: m[2] + " " + m[3]}, true
	}
	return cited{}, false
}

// resultCited cites expected accomplishment n.m of report, or its item-th
// indicator or output (item "indicateur", "output"…; "" for the
// accomplishment).
func resultCited(report, n, m, item, number string) cited {
	c := cited{report: trimReport(report), kind: "accomplishment", anchors: []string{"ea-" + n + "-" + m}}
	switch item {
	case "indicateur", "indicator":
		c.kind, c.anchors[0] = "indicator", c.anchors[0]+"-i"+number
	case "produit", "output":
		c.kind, c.anchors[0] = "output", c.anchors[0]+"-o"+number
	}
	return c
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
	// where each thing was in the report before: reports are alike, so the
	// next one most often holds it there or near (a scan from there)
	hint := map[string]uint32{}
	for _, s := range segs {
		var found []uint32
		switch {
		case c.answers != "": // the items of section VI that answer it
			found = ix.answering(s, li, hint, c.answers)
		case c.quoted != "": // the table of that title
			if j, ok := ix.findFrom(s, li, hint[""], func(j uint32, anchor string) bool {
				return strings.HasPrefix(anchor, "table-") && strings.HasSuffix(spaced(foldString(ix.citationOf(s, j, li))), c.quoted)
			}); ok {
				found, hint[""] = []uint32{j}, j
			}
		default: // each anchor: one document in a report
			for _, a := range c.anchors {
				if j, ok := ix.findFrom(s, li, hint[a], func(_ uint32, anchor string) bool { return anchor == a }); ok {
					found, hint[a] = append(found, j), j
				}
			}
		}
		for _, j := range found {
			if total >= o.Offset && total < end {
				d := Doc{Kind: c.kind, Report: ix.str(s.symbol), Lang: ix.str(s.lang)}
				ix.docLinks(&d, s, j, li)
				page = append(page, Result{Doc: d})
			}
			total++
		}
	}
	if total == 0 && c.orElse != "" { // "tableau IV": no table IV, the section
		return ix.citedDocs("sect. "+c.orElse, Options{Kind: "", Report: rep, Offset: o.Offset, Limit: o.Limit}, li)
	}
	// a citation answers when it finds what it cites; one of paragraphs
	// answers even with nothing ("par. 75": Missing says why), others
	// leave the query to be searched as words ("v.a", "table iv" in a text)
	return page, total, len(segs) > 0 && (total > 0 || c.kind == "paragraph")
}

// findFrom returns the first document of segment s, from document start
// on and then from the first, that match accepts (given its number and
// its URL's anchor, "" for none), and whether there is one.
func (ix *Index) findFrom(s segment, li int, start uint32, match func(j uint32, anchor string) bool) (uint32, bool) {
	if start >= s.n {
		start = 0
	}
	for i := uint32(0); i < s.n; i++ {
		j := (start + i) % s.n
		u := ix.docURLEnd(s, j, li)
		anchor := ""
		if k := strings.LastIndexByte(u, '#'); k >= 0 {
			anchor = u[k+1:]
		}
		if match(j, anchor) {
			return j, true
		}
	}
	return 0, false
}

// answering are the items of section VI of segment s that answer the
// resolution paragraph answers ("75/302 12"), read from their citations,
// in order: the items are one run of documents (anchors "vi-N"), found
// from where the report before had them (hint[""]).
func (ix *Index) answering(s segment, li int, hint map[string]uint32, answers string) []uint32 {
	item := func(j uint32) bool {
		u := ix.docURLEnd(s, j, li)
		k := strings.LastIndexByte(u, '#')
		return k >= 0 && strings.HasPrefix(u[k+1:], "vi-")
	}
	j, ok := ix.findFrom(s, li, hint[""], func(j uint32, anchor string) bool { return strings.HasPrefix(anchor, "vi-") })
	if !ok {
		return nil
	}
	for j > 0 && item(j-1) {
		j--
	}
	hint[""] = j
	var found []uint32
	for ; j < s.n && item(j); j++ {
		if answersOf(ix.citationOf(s, j, li)) == answers {
			found = append(found, j)
		}
	}
	return found
}

// answersOf reads the resolution paragraph a follow-up item's citation
// names, as the portal writes it (report.CiteFollowUp: "A/76/564, sect. VI
// (résolution 75/302, par. 12)"): "75/302 12", or "".
func answersOf(cite string) string {
	i := strings.LastIndexByte(cite, '(')
	if i < 0 || !strings.HasSuffix(cite, ")") {
		return ""
	}
	f := strings.Fields(cite[i+1 : len(cite)-1]) // résolution 75/302, par. 12
	if len(f) < 4 {
		return ""
	}
	return strings.TrimSuffix(f[1], ",") + " " + f[len(f)-1]
}

// citationOf is the citation of the j-th document of segment s in UI
// language li.
func (ix *Index) citationOf(s segment, j uint32, li int) string {
	var d Doc
	ix.docLinks(&d, s, j, li)
	return d.Citation
}

// spaced is s with its runs of spaces (no-break ones too) as one space.
func spaced(s string) string { return strings.Join(strings.Fields(s), " ") }

// referenceOf is the report's symbol when q is the portal's reference of
// a report of the index (citedReport: its title is searched as the
// symbol, which finds the report), or q.
func (ix *Index) referenceOf(q string) string {
	if m := citedReport.FindStringSubmatch(foldString(q)); m != nil && len(ix.segmentsNamed(m[1])) > 0 {
		return m[1]
	}
	return q
}

// citedParagraphs reads q as a citation of paragraphs of a report the
// index holds: the citation, and the segments of its report (named, or
// every segment when none is); ok false for any other query.
func (ix *Index) citedParagraphs(q string, o Options) (c cited, segs []segment, ok bool) {
	q, o = ix.reportWord(ix.referenceOf(q), o)
	c, ok = citation(q)
	if !ok || c.kind != "paragraph" {
		return cited{}, nil, false
	}
	if rep := cmp.Or(c.report, o.Report); rep != "" {
		segs = ix.segmentsNamed(rep)
	} else {
		for i := range int(ix.h.Segments) {
			segs = append(segs, ix.segment(i))
		}
	}
	return c, segs, len(segs) > 0
}

// citesParagraphs reports whether q cites paragraphs of a report the
// index holds: a citation answered as such, even by nothing, which no
// search of its words replaces.
func (ix *Index) citesParagraphs(q string, o Options) bool {
	_, _, ok := ix.citedParagraphs(q, o)
	return ok
}

// Missing says, for a query citing paragraphs of which its report holds
// none ("par. 75" of a report of 74 paragraphs), which report it is and
// which paragraphs it has: its symbol and its first and last numbered
// paragraphs. ok is false for any other query, and when the query's
// report is not one (none named, in an index of several reports).
func (ix *Index) Missing(q string, o Options) (symbol string, first, last int, ok bool) {
	c, segs, ok := ix.citedParagraphs(q, o)
	if !ok {
		return "", 0, 0, false
	}
	for _, s := range segs[1:] { // a report's languages may be several segments, not several reports
		if !strings.EqualFold(ix.str(s.symbol), ix.str(segs[0].symbol)) {
			return "", 0, 0, false
		}
	}
	cites := map[string]bool{}
	for _, a := range c.anchors {
		cites[a] = true
	}
	for _, s := range segs { // a report's languages: the same paragraphs
		for j := uint32(0); j < s.n; j++ {
			u := ix.docURLEnd(s, j, 0)
			k := strings.LastIndex(u, "#par-")
			if k < 0 {
				continue
			}
			if cites[u[k+1:]] {
				return "", 0, 0, false // it holds one: no such answer
			}
			if n, err := strconv.Atoi(u[k+5:]); err == nil {
				if first == 0 || n < first {
					first = n
				}
				last = max(last, n)
			}
		}
	}
	return ix.str(segs[0].symbol), first, last, first > 0
}
