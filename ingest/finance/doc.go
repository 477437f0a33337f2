// Package finance reads the financial tables of a peacekeeping budget
// performance report and the variance items of its section IV, and checks
// their arithmetic.
//
// Parse finds, in document order, the two tables of the summary
// (summary-financial, summary-hr), the tables of section III (iii-a, iii-b,
// iii-d, iii-e, iii-e-factors, iii-f) and the items of section IV, and
// returns them in the shared model of package report, with one
// source.Span per table and per variance header so that the section parser
// skips exactly those lines. A table's span covers its title line (summary
// tables), its unit line, its column headings, its rows and its lettered
// footnotes; the section headings ("A. Ressources financières"), the
// numbered paragraphs and the document's numbered footnotes stay outside.
// A variance header's span is the line "Écart" and the line with the
// class, its amount and its percentage; the explanation paragraphs stay
// outside and Variance.Paragraphs is left empty for the section parser.
//
// Every word matched on comes from the language's vocabulary
// (ingest/lang/<language>/finance.json, see Vocab); the code knows only the
// language-neutral table ids, column keys and the shape of the tables. Row
// types come from the layout: a label without figures whose next row is
// more indented is a heading; the more indented rows under it are items of
// its group; the labels of Vocab.Subtotals are subtotals (with the group
// they close), Vocab.Gross, Vocab.Net and Vocab.Total are totals, and
// Vocab.StaffAssessment is a deduction (report.RowDeduction: subtracted
// from the gross amount, so that the items add up to the total). Labels
// wrapped over two lines are joined, and a footnote letter glued to a label
// or a column heading ("Emplois de temporairec", "Effectif approuvéa") is
// moved to Row.Notes or Column.Notes.
//
// The line of III.B that gives the share of redeployments ("Pourcentage de
// réaffectations 0,8") is kept as a table note without a label
// (Note{Label: "", Text: "Pourcentage de réaffectations 0,8"}) rather than
// as a row, since its figure is a percentage and not an amount of the
// table's columns; Check verifies it.
//
// Check verifies the arithmetic of a whole report (its doc lists the
// rules): it returns the source's own rounding discrepancies as
// report.Warning values and the larger ones, which point to a parsing
// mistake or a damaged source, as an error naming file:line. Each check is
// named (the Check* constants, listed in Checks): a warning carries the
// printed and expected figures and the check's name, which generator/site
// words in each UI language.
//
// The package must not parse the report's sections, paragraphs or
// results-based budgeting frameworks (packages ingest and ingest/rbb do),
// must not hard-code figures or words of a language, must not round or
// convert figures through floats (report.Decimal keeps the printed digits),
// and must never panic, whatever the input.
package finance
