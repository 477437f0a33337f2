// Package ingest reads the text of a peacekeeping budget performance report,
// as extracted from its official PDF, into the structured model of package
// report: metadata, the section tree with its numbered paragraphs, sub-items
// and citations, the summary, the decisions of section V, the follow-up
// table of section VI, the document's footnotes and the status of each
// indicator of achievement (status.go). The financial tables and the variance
// headers come from package ingest/finance, the results-based budgeting
// frameworks from package ingest/rbb; this package places what they read in
// the section tree and validates the whole.
//
// Every word it looks for comes from the vocabulary of the report's language
// (ingest/lang/<language>/sections.json), never from Go string literals, so
// that a new language is a new vocabulary file.
//
// A source may carry a corrections file beside it
// (sources/<symbol>.<lang>.corrections.json, see Correction): line-level
// replacements and moves (the rest of a table cell that a page break
// printed out of order joins the line it continues; every line keeps its
// number), each with its reason and the texts it expects, applied before
// parsing where no rule can be right. An entry that no longer matches its
// source is an error naming the source line, the file and the entry.
//
// A problem of the parser (a heading or paragraph not found where expected)
// is an error that names the file and line; a problem of the source itself
// is a report.Warning published with the report.
//
// The package must not render anything: no HTML, no Markdown, no Hugo. It
// turns text into data and stops there.
package ingest
