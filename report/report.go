// Package report defines the structured model of a peacekeeping budget
// performance report: the one vocabulary that every stage of pkportal speaks.
//
// The ingest stage fills it from a report's text, the generator renders it
// into pages and data files, and the functions serve it. Besides the model
// (Report, Section, Paragraph, Table, Accomplishment…) it holds:
//
//   - the exact Decimal and its rounding (decimal.go);
//   - the URL and page rules (pages.go);
//   - the citations (cite.go: the Cite* methods, "A/76/564, par. 26";
//     Quoted finds the report's title a citation quotes, which a page in
//     another language marks);
//   - the data contract's field titles (FieldTitles), the standard
//     sections' and tables' English titles (EnglishTitles, EnglishTitle,
//     "Component N" for the components of II.F) and the standard rows'
//     English names by report language (EnglishRow: classes of
//     expenditure, categories of personnel — a label that names one only
//     within its group is looked up with it —, the lines of III.D, III.E
//     and III.F), all in titles.go.
//
// The package holds plain data and small helpers only: it must not parse
// text, render HTML or import anything beyond the standard library, so
// that the Lambda functions that embed it stay small.
package report

// SchemaVersion is the version of the JSON form of Report. Raise the minor
// number when a field is added, the major when one changes or disappears.
// 1.1: period values carry their measure and label (indicators with two
// value parentheses, labels such as "pourcentage d’élues").
// 1.2: row_type "deduction" (staff assessment income, formerly "item"), so
// that the items add up to the total; sub-items carry the separator that
// ends them as printed (Item.Sep); a warning carries the printed and
// expected figures and the check that compared them.
// 1.3: a table's unit line as printed (Table.UnitLine, with the period
// some tables state in it) and its columns' numbers and formulas
// (Column.Ref: "(3) = (1) – (2)").
// 1.4: an indicator's or output's result compared with the plan in the
// report's own words (Indicator.VersusPlan, Output.VersusPlan).
const SchemaVersion = "1.4"

// SyntheticMarker opens the summary of every synthetic report (generator
// synth): ingest marks such a report Synthetic, and the build refuses to
// publish it unless asked to.
const SyntheticMarker = "[SYNTHÉTIQUE — données fictives pour les essais]"

// AmountUnit is the unit of every amount of the performance reports: the
// source's own, kept as is so that each figure equals the printed one.
const AmountUnit = "thousands of US dollars"

// Report is one budget performance report in one language.
type Report struct {
	// SchemaVersion is the version of the JSON form the report follows (SchemaVersion).
	SchemaVersion string `json:"schema_version"`
	// Symbol is the document symbol, e.g. "A/76/564".
	Symbol string `json:"symbol"`
	// Slug is the symbol as it appears in URLs, e.g. "a-76-564".
	Slug string `json:"slug"`
	// Language is the ISO 639-1 code of the text, e.g. "fr".
	Language string `json:"language"`
	// JobNumber is the UN document job number, e.g. "21-17313".
	JobNumber string `json:"job_number,omitempty"`
	// Title is the report's title in its language, naming the mission and the period.
	Title string `json:"title"`
	// Mission is the mission the report is about.
	Mission Mission `json:"mission"`
	// Period is the financial period the report covers.
	Period Period `json:"period"`
	// Unit is the unit of the amounts in the report's tables (AmountUnit).
	Unit string `json:"unit"`
	// Source names the file the report was read from, relative to the
	// sources folder.
	Source string `json:"source"`
	// Synthetic marks a report generated for benchmarks; never published.
	Synthetic bool `json:"synthetic,omitempty"`

	// Sections is the heading tree in document order, starting with the
	// summary ("summary") and then I, II, III…
	Sections []*Section `json:"sections"`
	// Tables holds every table of the report, keyed in Section blocks by ID.
	Tables []*Table `json:"tables"`
	// Components are the results-based budgeting frameworks of section II.F.
	Components []*Component `json:"components"`
	// Variances are the items of section IV.
	Variances []*Variance `json:"variances"`
	// Decisions are the actions asked of the General Assembly (section V).
	Decisions []*Decision `json:"decisions"`
	// FollowUp is the table of section VI.
	FollowUp []*FollowUp `json:"follow_up"`
	// Previous is the comparison with the previous period that the
	// summary gives, if it gives one.
	Previous *Previous `json:"previous,omitempty"`
	// Footnotes are the document's numbered footnotes.
	Footnotes []Note `json:"footnotes,omitempty"`
	// Warnings are discrepancies found in the source itself, published with
	// the figures they concern.
	Warnings []Warning `json:"warnings,omitempty"`
}

// Previous is the previous period's expenditure as the summary states it.
type Previous struct {
	// Period is the previous period as printed, e.g. "2019/20".
	Period string `json:"period"`
	// Expenditure is in millions of US dollars, as the summary prints it
	// (e.g. 1136.9), not in the thousands of the tables.
	Expenditure Decimal `json:"expenditure_millions"`
	// UtilizationRate is the share of the apportionment spent, in percent.
	UtilizationRate Decimal `json:"utilization_rate"`
	// Line is the line of the summary paragraph that says it.
	Line int `json:"line,omitempty"`
}

// Mission identifies the peacekeeping mission a report is about.
type Mission struct {
	// Acronym is the mission's usual short name, e.g. "MINUSMA".
	Acronym string `json:"acronym"`
	// Name is the mission's full name in the report's language.
	Name string `json:"name"`
}

// Period is a financial period, from 1 July to 30 June.
type Period struct {
	// Start is the period's first day, an ISO date, e.g. "2020-07-01".
	Start string `json:"start"`
	// End is the period's last day, an ISO date, e.g. "2021-06-30".
	End string `json:"end"`
	// Label is the period as the reports write it, e.g. "2020/21".
	Label string `json:"label"`
}

// Section is a heading of the report with what it holds, in order.
type Section struct {
	// ID is the language-neutral anchor of the section, e.g. "ii-f",
	// "iii-a", "summary".
	ID string `json:"id"`
	// Number is the section's number as printed, e.g. "II.F"; empty for the
	// summary.
	Number string `json:"number,omitempty"`
	// Title is the heading's text as printed, after its numeral or letter if any, e.g. "Introduction".
	Title string `json:"title"`
	// Level is 1 for I, II…, 2 for A, B…, 3 for a component of II.F.
	Level int `json:"level"`
	// Notes are the labels of the document footnotes (Report.Footnotes)
	// the heading calls, e.g. ["1"] for "IV. Analyse des écarts¹".
	Notes []string `json:"notes,omitempty"`
	// Blocks is the section's own content in document order.
	Blocks []Block `json:"blocks,omitempty"`
	// Children are the subsections.
	Children []*Section `json:"children,omitempty"`
	// Line is the line of the heading in the source.
	Line int `json:"line,omitempty"`
}

// Block is one piece of a section's content. Exactly one field is set.
type Block struct {
	// Paragraph is a paragraph of the section's text.
	Paragraph *Paragraph `json:"paragraph,omitempty"`
	// Table is the ID of a table of Report.Tables.
	Table string `json:"table,omitempty"`
	// Accomplishment is the ID of an expected accomplishment (ea-1-1).
	Accomplishment string `json:"accomplishment,omitempty"`
	// Variance is the ID of a variance item of section IV.
	Variance string `json:"variance,omitempty"`
	// Note is a statement of the portal about the source, e.g. that a
	// chart's figures are not in the text.
	Note string `json:"note,omitempty"`
}

// Paragraph is a paragraph of text, numbered or not.
type Paragraph struct {
	// Number is the paragraph's number in the report (1–74 in A/76/564), or
	// 0 for an unnumbered paragraph such as those of the summary.
	Number int `json:"number,omitempty"`
	// ID is the paragraph's anchor: "par-26", or "summary-p3" when unnumbered.
	ID string `json:"id"`
	// Text is the cleaned text before the first sub-item, or the whole text.
	Text string `json:"text"`
	// Items are the lettered sub-items a), b)… with their own i), ii)….
	Items []Item `json:"items,omitempty"`
	// Tail is text that follows the last sub-item, if any.
	Tail string `json:"tail,omitempty"`
	// Citations are the documents the paragraph cites, in order of first
	// appearance.
	Citations []Citation `json:"citations,omitempty"`
	// Line is the line of the source where the paragraph starts.
	Line int `json:"line,omitempty"`
}

// Item is a lettered or numbered sub-item of a paragraph.
type Item struct {
	// Label is "a", "b"… or "i", "ii"….
	Label string `json:"label"`
	// Text is the item's text, without the separator that ends it (Sep).
	Text string `json:"text"`
	// Sep is the punctuation that ends Text in the source as printed,
	// before what follows it (the next item, or the first of Items), with
	// the space before it if any: " ;" in French typography
	// ("distribution ; b) …"), ";", ","…; empty when there is none, as
	// for the last item of a list that ends its sentence. The separator
	// that ends an item with sub-items is its last sub-item's Sep. Text
	// then Sep is the text as printed (Paragraph.FullText).
	Sep string `json:"sep,omitempty"`
	// Items are the item's own sub-items, e.g. i), ii)….
	Items []Item `json:"items,omitempty"`
}

// Citation is a document symbol or resolution cited in the text.
type Citation struct {
	// Text is the citation as written, e.g. "A/74/745" or "2531 (2020)".
	Text string `json:"text"`
	// Symbol is the document symbol, e.g. "A/74/745" or "S/RES/2531(2020)".
	Symbol string `json:"symbol"`
	// URL is the document's address in the UN document system.
	URL string `json:"url"`
}

// Note is a footnote of a table or of the document.
type Note struct {
	// Label is the footnote's letter or number as printed: "a", "1".
	Label string `json:"label"`
	// Text is the footnote's text.
	Text string `json:"text"`
}

// Warning records a discrepancy that is the source's own, such as a total
// that the source rounds differently in two tables.
type Warning struct {
	// Table is the id of the figure's table ("iv" for a variance item of section IV).
	Table string `json:"table,omitempty"`
	// Row is the label of the figure's row or variance item (a subtotal's followed by its group), e.g. "Contingents".
	Row string `json:"row,omitempty"`
	// Column is the key of the figure's column, or its field ("amount", "percent") in a variance item.
	Column string `json:"column,omitempty"`
	// Message says what does not agree, in English.
	Message string `json:"message"`
	// Line is the line of the source of the figure's row, variance item or table.
	Line int `json:"line,omitempty"`
	// Printed is the figure as the source prints it ("" for its dash).
	Printed Decimal `json:"printed,omitempty"`
	// Expected is what the check computes, to the printed precision.
	Expected Decimal `json:"expected"`
	// Check names the rule the figure was checked against (ingest/finance:
	// "revised-covers-iii-a"…), so that a page can say it in its
	// reader's words.
	Check string `json:"check"`
}
