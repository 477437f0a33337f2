// Package search is the full-text index of the portal: documents taken from
// the reports, a French and English analyzer, and ranked queries with
// highlighted snippets.
//
// Documents: the report, headings, paragraphs (section IV's labelled by
// the budget line they explain), tables (title, unit line, column
// headings, notes) and their rows, accomplishments, indicators, outputs
// and follow-up. For a report not in English, the standard English names
// of headings, tables, columns and standard rows (report.EnglishTitle,
// report.FieldTitles, report.EnglishRow) are in the documents' labels, not
// their texts: the snippets stay in the report's language, and the
// English UI finds "vacancy rate", "official travel". TitleIsText says
// which kinds are titled by the report's own words, which a page in
// another language marks.
//
// The analyzer (analyze.go) is one streaming scanner for indexing, queries
// and snippets: case and accent folding, elision, stop words, plurals and
// French feminine endings folded, numbers.
//
// Queries: BM25 with labels weighted, phrases, prefixes (the terms
// starting with one, or the term its whole word is stemmed to),
// alternatives "a OR b" (or "OU", in capitals, between two words or
// prefixes, never beside a phrase: one list made up front, as a
// prefix's), filters also typed in the query as kind:, report:, lang: (a
// kind by its French name too: Kind), a report's symbol among the words as
// its filter; cursors with skips, top-k. A citation is answered by what it
// cites: paragraphs and ranges, sections, tables, the summary, expected
// accomplishments, indicators, outputs, section VI's items, the report
// (citation.go; each report's documents scanned from where the report
// before held the thing; a citation of paragraphs a report lacks says
// which it has: Missing). When no document
// holds every word, SearchSomeWords (relax.go) gives those holding the
// most, and the API marks the answer partial.
//
// The index is written once, at generation time, as a compact versioned
// file (Encode: the contents analyzed, and each term's postings made, on
// every core, the contents numbered in order on one) and read in place
// (Open): nothing is decoded up front, so the search function that embeds
// it starts in milliseconds and its memory stays low. EncodeWith takes the
// documents of unchanged reports, and their contents' terms and pieces,
// from the previous file (no analysis), and writes the same bytes. The
// format (format.go): a sorted term dictionary; postings per distinct
// content, so that a paragraph, row or heading found in many reports is
// indexed, stored and scored once, the contents numbered by their place in
// their report (so that gaps stay small), bit-packed in blocks of 32
// (content gaps, frequencies), with 16-bit block maxima; no positions
// (phrases are checked on per-piece term lists); occurrence lists; texts
// as pieces in DEFLATE blocks with a preset dictionary (a page decompresses
// only its blocks); per-report display tables stored once when equal.
//
// The search function embeds it, so it must stay small and start fast: the
// standard library, golang.org/x/text and the report model only, no Hugo;
// and it must not decode the whole file at start.
package search

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"pkportal/report"
)

// Doc is one searchable thing with where it lives on the portal.
type Doc struct {
	// URL is the page with its anchor, e.g. "/fr/a-76-564/ii-f-1/#par-26".
	URL string `json:"url"`
	// Title names the thing, e.g. "Paragraphe 26".
	Title string `json:"title"`
	// Kind is "paragraph", "table-row", "indicator", "output"….
	Kind string `json:"kind"`
	// Citation is how a delegate cites it, e.g. "A/76/564, par. 26".
	Citation string `json:"citation"`
	// Report is the symbol of the report, e.g. "A/76/564".
	Report string `json:"report"`
	// Lang is the language of the text.
	Lang string `json:"lang"`
	// Label is the short text that names the thing (a row's label, an
	// indicator's planned text, a heading): its words weigh more.
	Label string `json:"-"`
	// Text is the body searched and shown in snippets.
	Text string `json:"-"`
	// known is what an earlier index file made of the document's content
	// (EncodeWith), or nil.
	known *knownContent
}

// withEnglish is a label with the English name of its standard row
// (report.EnglishRow: a class of expenditure, a category of personnel, a
// line of III.D, III.E or III.F) when the report is in another language:
// the English pages print it, and their readers search it ("official
// travel"); the label is the same in every UI language.
func withEnglish(r *report.Report, group, label string) string {
	if en := report.EnglishRow(r.Language, group, label); en != "" && r.Language != "en" {
		return label + " · " + en
	}
	return label
}

// TitleIsText reports whether the documents of a kind are titled by the
// report's own words (a heading, a table's title, a row's table and
// label), in the language of their text (Doc.Lang), not the UI's: a page
// in another language marks such a title as the text's.
func TitleIsText(kind string) bool {
	return kind == "heading" || kind == "table" || kind == "table-row"
}

// Docs returns the documents FromReports indexes, for readers of the UI
// language lang (the benchmarks feed the same documents to other engines),
// report after report. The reports are read in parallel, one per core.
func Docs(reports []*report.Report, lang string) []Doc {
	w := wordsOf(lang)
	per := make([][]Doc, len(reports))
	eachOnCores(len(reports), func(i int) { per[i] = reportDocs(reports[i], lang, w) })
	n := 0
	for _, ds := range per {
		n += len(ds)
	}
	docs := make([]Doc, 0, n)
	for _, ds := range per {
		docs = append(docs, ds...)
	}
	return docs
}

// reportDocs returns the documents of one report for readers of lang, w
// the words of their titles.
func reportDocs(r *report.Report, lang string, w map[string]string) []Doc {
	var docs []Doc
	pageOf := r.PageOf()
	add := func(d Doc) {
		d.Report, d.Lang = r.Symbol, r.Language
		docs = append(docs, d)
	}
	add(Doc{URL: r.URL(lang, "", ""), Kind: "report", Title: r.Symbol + " — " + r.Mission.Acronym + " " + r.Period.Label, Citation: r.Symbol,
		Label: r.Symbol + " " + r.Mission.Acronym + " " + r.Period.Label, Text: r.Title + " (" + r.Symbol + ", " + r.Mission.Name + ", " + r.Period.Label + ")"})
	// a paragraph of section IV explains a budget line's variance: the
	// line's name ("Voyages officiels", printed above it, not in it) is
	// its label, so that a search for the line finds why it was over- or
	// underspent
	explains := map[int]string{}
	for _, v := range r.Variances {
		for _, n := range v.Paragraphs {
			explains[n] = v.Label
		}
	}
	r.Walk(func(s *report.Section) {
		title := s.Title
		if s.Number != "" && s.Level < 3 {
			title = s.Number + ". " + s.Title
		}
		label := s.Title
		if en := report.EnglishTitle(s.ID); en != "" && r.Language != "en" {
			// found by the English name the English pages print; the text,
			// the snippet in the report's language, stays the report's
			label += " · " + en
		}
		add(Doc{URL: r.URL(lang, pageOf[s.ID], s.ID), Kind: "heading", Title: title, Citation: r.CiteSection(lang, s), Label: label, Text: s.Title})
		for _, b := range s.Blocks {
			p := b.Paragraph
			if p == nil {
				continue
			}
			d := Doc{URL: r.URL(lang, pageOf[s.ID], p.ID), Kind: "paragraph", Text: p.FullText()}
			if p.Number > 0 {
				d.Title = w["paragraph"] + " " + itoa(p.Number)
				d.Citation = r.CiteParagraph(lang, p.Number)
				if line := explains[p.Number]; line != "" {
					d.Label = withEnglish(r, "", line)
					if en := report.EnglishRow(r.Language, "", line); en != "" && r.EnglishPage(lang) {
						line = en // the title is read in the UI's language
					}
					d.Title += " — " + line
				}
			} else {
				d.Title = s.Title
				if en := report.EnglishTitle(s.ID); en != "" && r.EnglishPage(lang) {
					d.Title = en // "Summary", not "Résumé" read with an English voice
				}
				d.Citation = r.CiteSection(lang, s)
			}
			add(d)
		}
	})
	for _, t := range r.Tables {
		// the table itself: its title, the line under it, its columns'
		// headings and its notes ("taux de vacance", "montant alloué" are
		// headings, in no row)
		parts := []string{t.Title}
		if t.UnitLine != "" {
			parts = append(parts, "("+t.UnitLine+")")
		}
		for _, c := range t.Columns {
			parts = append(parts, c.Label)
		}
		for _, n := range t.Notes {
			parts = append(parts, n.Text)
		}
		label := t.Title
		if r.Language != "en" {
			// its English title and headings too, in its label: a reader of
			// the English pages searches the words they and the data print
			// (a document's text, the snippet in the report's language, is
			// the same in every UI language)
			en := []string{t.Title}
			if t := report.EnglishTitles[t.ID]; t != "" {
				en = append(en, t)
			}
			for _, c := range t.Columns {
				if t := report.FieldTitles[c.Key][1]; t != "" {
					en = append(en, t)
				}
			}
			label = strings.Join(en, " · ")
		}
		add(Doc{URL: r.URL(lang, "tables/"+t.ID, "table-"+t.ID), Kind: "table", Title: t.Title, Citation: r.CiteTable(lang, t.ID),
			Label: label, Text: strings.Join(parts, " · ")})
		for i, row := range t.Rows {
			var vals []string
			for _, c := range row.Cells {
				if c.Raw != "" {
					vals = append(vals, c.Raw)
				}
			}
			text := row.Label + " : " + strings.Join(vals, " | ")
			if row.Group != "" && row.Group != row.Label {
				text = row.Group + " — " + text
			}
			add(Doc{URL: r.URL(lang, "tables/"+t.ID, t.ID+"-r"+itoa(i+1)), Kind: "table-row", Title: t.Title + " — " + row.Label,
				Citation: r.CiteTable(lang, t.ID), Label: withEnglish(r, row.Group, row.Label), Text: text})
		}
	}
	for _, c := range r.Components {
		page := pageOf[c.ID]
		for _, ea := range c.Accomplishments {
			cite := r.CiteAccomplishment(lang, ea.Number)
			add(Doc{URL: r.URL(lang, page, ea.ID), Kind: "accomplishment", Title: w["ea"] + " " + ea.Number, Citation: cite, Label: ea.Text, Text: ea.Text})
			for _, in := range ea.Indicators {
				add(Doc{URL: r.URL(lang, page, in.ID), Kind: "indicator", Title: w["ea"] + " " + ea.Number + ", " + w["indicator"] + " " + itoa(in.N),
					Citation: r.CiteIndicator(lang, ea.Number, in.N), Label: in.Planned, Text: in.Planned + " " + in.ValuesText(" : ", " ; ") + " " + in.Actual})
			}
			for _, o := range ea.Outputs {
				var done []string
				for _, d := range o.Completed {
					done = append(done, d.Raw+" "+d.Label)
				}
				add(Doc{URL: r.URL(lang, page, o.ID), Kind: "output", Title: w["ea"] + " " + ea.Number + ", " + w["output"] + " " + itoa(o.N),
					Citation: r.CiteOutput(lang, ea.Number, o.N), Label: o.Planned, Text: o.Group + " " + o.Planned + " " + strings.Join(done, " ") + " " + o.Remarks})
			}
		}
	}
	for _, f := range r.FollowUp {
		// titled by the body and the resolution paragraph it answers, in the
		// UI's language ("Resolution 75/302, para. 12" on the English UI of a
		// French report: its body, "Assemblée générale", is the report's words)
		title := f.Body + " (" + f.Reference(lang) + ")"
		if lang != r.Language {
			ref := f.Reference(lang)
			r, n := utf8.DecodeRuneInString(ref)
			title = string(unicode.ToUpper(r)) + ref[n:]
		}
		add(Doc{URL: r.URL(lang, pageOf["vi"], f.ID), Kind: "follow-up", Title: title, Citation: r.CiteFollowUp(lang, f), Text: f.Request + " " + f.Action})
	}
	return docs
}

var words = map[string]map[string]string{
	"fr": {"paragraph": "Paragraphe", "ea": "réalisation escomptée", "indicator": "indicateur", "output": "produit"},
	"en": {"paragraph": "Paragraph", "ea": "expected accomplishment", "indicator": "indicator", "output": "output"},
}

// wordsOf returns the words of documents' titles in the UI language lang.
func wordsOf(lang string) map[string]string {
	if w := words[lang]; w != nil {
		return w
	}
	return words["en"]
}

func itoa(n int) string { return strconv.Itoa(n) }

// eachOnCores calls f(0)…f(n-1), as many at a time as there are cores,
// and returns when all have returned: a copy of percore.Run's loop,
// without its errors (callers that fail collect their own). percore
// imports nothing of the project, and functions/reportpack, also embedded
// in a function, uses it: this copy is not needed to keep the package
// small.
func eachOnCores(n int, f func(i int)) {
	var wg sync.WaitGroup
	var next atomic.Int64
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}
