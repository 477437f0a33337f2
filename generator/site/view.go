package site

import (
	"strings"

	"pkportal/report"
)

// The view types are what the page bodies print: every number already
// formatted for the page language, every link already built. The bodies
// are written in Go (htmlw, html.go) and by templates/home.html, which
// loop and print and compute nothing. Only NoteView still reaches a page's
// front matter, for the layouts (pageNotes); the other types' json tags
// are left from when the views were front matter.

// Segment is a run of text, linked when Href is set.
type Segment struct {
	T    string `json:"t"`
	Href string `json:"href,omitempty"`
	// Term marks a link to the glossary.
	Term bool `json:"term,omitempty"`
}

// ParaView is a paragraph ready to print.
type ParaView struct {
	ID     string     `json:"id"`
	Number int        `json:"number,omitempty"`
	Text   []Segment  `json:"text"`
	Items  []ItemView `json:"items,omitempty"`
	Tail   []Segment  `json:"tail,omitempty"`
	Cite   string     `json:"cite"`
	URL    string     `json:"url"`
}

// ItemView is a sub-item of a paragraph.
type ItemView struct {
	Label string    `json:"label"`
	Text  []Segment `json:"text"`
	// Sep is the separator the report prints after the item (" ;").
	Sep   string     `json:"sep,omitempty"`
	Items []ItemView `json:"items,omitempty"`
}

// TableView is a table ready to print.
type TableView struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Unit    string   `json:"unit,omitempty"`
	Columns []string `json:"columns"`
	// ColNotes are the footnote labels of each column heading.
	ColNotes []string `json:"colnotes"`
	// ColRefs are the columns' numbers and formulas as the report prints
	// them under the headings ("(3) = (1) – (2)"), or nil.
	ColRefs []string `json:"colrefs,omitempty"`
	// ColTitles are, on a page in another language than the report's,
	// the columns' titles in the page's (the data contract's, report.
	// FieldTitles; "" for a column without one), the printed heading
	// under each; nil otherwise.
	ColTitles []string   `json:"coltitles,omitempty"`
	Rows      []RowView  `json:"rows"`
	Notes     []NoteView `json:"notes,omitempty"`
	CSV       string     `json:"csv"`
	JSON      string     `json:"json"`
	// Excel is the CSV function's download of the table for a spreadsheet
	// in the page's language (a byte order mark; in French ";" and a
	// decimal comma); empty for a chart's data, which it does not serve.
	Excel   string     `json:"excel,omitempty"`
	Cite    string     `json:"cite"`
	URL     string     `json:"url"`
	Warns   []WarnView `json:"warnings,omitempty"`
	Numeric []bool     `json:"numeric"`
	// Sortable is set for flat tables (no groups or subtotals), whose rows
	// a reader may reorder by any column.
	Sortable bool `json:"sortable,omitempty"`
	// Foot is the number of last rows (a sortable table's totals) printed
	// in the table's foot, out of the rows a reader sorts.
	Foot int `json:"foot,omitempty"`
	// LabelLang is the language of the row labels when the table sits in
	// a page of another language (a chart's data on an English page of a
	// French report), so that they are read in theirs.
	LabelLang string `json:"labellang,omitempty"`
}

// DatasetView is the page of a dataset that is not a report table: an
// accomplishment's indicators or outputs (EA, Part), the follow-up
// (FollowUp) or the variance items with their explanations (Blocks).
type DatasetView struct {
	ID, Title, CSV, JSON, Excel, Cite, URL string
	// Part is the dataset's kind (csvout.Dataset.Kind).
	Part     string
	EA       *EAView
	FollowUp []FollowUpView
	Blocks   []BlockView
	Warns    []WarnView
	// Notes are the document footnotes of the section the dataset comes
	// from (section IV's threshold of analysis), as label and text.
	Notes []NoteView
}

// WarnView is a discrepancy of the source, in the reader's words; Lang is
// set when it could not be said in them (a check the site has no words
// for: ingest's English message).
type WarnView struct {
	Text string `json:"text"`
	Lang string `json:"lang,omitempty"`
}

// RowView is a table row ready to print.
type RowView struct {
	Label string   `json:"label"`
	Type  string   `json:"type"`
	Cells []string `json:"cells"`
	// Values are the cells' numbers as plain decimals (empty for text),
	// for sorting in the browser.
	Values []string `json:"values,omitempty"`
	Notes  string   `json:"notes,omitempty"`
	// Indent is true for an item that belongs to a group.
	Indent bool `json:"indent,omitempty"`
	// Closes is the group a subtotal row closes (its label, "Total
	// partiel", says no more), or "".
	Closes string `json:"closes,omitempty"`
	// English is the label's English name (report.EnglishRow) on an
	// English page of a report in another language, or "".
	English string `json:"english,omitempty"`
}

// NoteView is a footnote.
type NoteView struct {
	Label string `json:"label"`
	Text  string `json:"text"`
}

// BlockView is one block of a page: exactly one field is set.
type BlockView struct {
	Para    *ParaView    `json:"para,omitempty"`
	Table   *TableView   `json:"table,omitempty"`
	EA      *EAView      `json:"ea,omitempty"`
	Heading *HeadingView `json:"heading,omitempty"`
	Note    string       `json:"note,omitempty"`
	Var     *VarView     `json:"variance,omitempty"`
	// FollowUp holds the rows of section VI.
	FollowUp []FollowUpView `json:"followup,omitempty"`
}

// FollowUpView is a request of a legislative body and the action taken.
type FollowUpView struct {
	ID      string `json:"id"`
	Heading string `json:"heading"`
	Request string `json:"request"`
	Action  string `json:"action"`
	Cite    string `json:"cite"`
	URL     string `json:"url"`
}

// HeadingView is a sub-section heading inside a page.
type HeadingView struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level int    `json:"level"`
	// Notes are the labels of the document footnotes the heading calls.
	Notes []string `json:"notes,omitempty"`
}

// VarView is the header of a variance item of section IV.
type VarView struct {
	ID      string `json:"id"`
	Label   string `json:"label"`
	Amount  string `json:"amount"`
	Percent string `json:"percent"`
	// Direction names the variance in words: an underexpenditure (a
	// positive variance) or an overexpenditure (negative, printed in
	// parentheses); "" for none.
	Direction string `json:"direction,omitempty"`
	// English is the label's English name on an English page of a report
	// in another language (report.EnglishRow), or "".
	English string `json:"english,omitempty"`
}

// EAView is an expected accomplishment with its indicators and outputs.
type EAView struct {
	ID         string    `json:"id"`
	Number     string    `json:"number"`
	Text       string    `json:"text"`
	Indicators []IndView `json:"indicators"`
	Outputs    []OutView `json:"outputs"`
	Cite       string    `json:"cite"`
	URL        string    `json:"url"`
}

// IndView is an indicator of achievement.
type IndView struct {
	ID      string `json:"id"`
	N       int    `json:"n"`
	Planned string `json:"planned"`
	Values  string `json:"values,omitempty"`
	Actual  string `json:"actual"`
	// Status is the report's status key; StatusText says it in words,
	// StatusWhy how it was read.
	Status     string `json:"status"`
	StatusText string `json:"statustext"`
	StatusWhy  string `json:"statuswhy,omitempty"`
	// Versus says, when the report does, that the result was higher or
	// lower than planned ("Lower than planned, as the report says").
	Versus string `json:"versus,omitempty"`
	// VersusKey is its report.VersusAbove or report.VersusBelow.
	VersusKey string `json:"versuskey,omitempty"`
	Cite      string `json:"cite"`
	URL       string `json:"url"`
}

// OutView is an output.
type OutView struct {
	ID        string   `json:"id"`
	N         int      `json:"n"`
	Group     string   `json:"group,omitempty"`
	Planned   string   `json:"planned"`
	Completed []string `json:"completed,omitempty"`
	Remarks   string   `json:"remarks,omitempty"`
	// Versus and VersusKey: as IndView's, read in the remarks.
	Versus    string `json:"versus,omitempty"`
	VersusKey string `json:"versuskey,omitempty"`
	Cite      string `json:"cite"`
	URL       string `json:"url"`
}

// segments cuts text into runs, linking the citations the ingest found.
func segments(text string, cites []report.Citation) []Segment {
	if len(cites) == 0 || text == "" {
		return []Segment{{T: text}}
	}
	var out []Segment
	rest := text
	for rest != "" {
		best, bestAt := -1, len(rest)
		for i, c := range cites {
			if at := strings.Index(rest, c.Text); at >= 0 && at < bestAt && c.Text != "" {
				best, bestAt = i, at
			}
		}
		if best < 0 {
			out = append(out, Segment{T: rest})
			break
		}
		if bestAt > 0 {
			out = append(out, Segment{T: rest[:bestAt]})
		}
		c := cites[best]
		out = append(out, Segment{T: c.Text, Href: c.URL})
		rest = rest[bestAt+len(c.Text):]
	}
	return out
}

func items(its []report.Item, cites []report.Citation) []ItemView {
	var out []ItemView
	for _, it := range its {
		out = append(out, ItemView{Label: it.Label, Text: segments(it.Text, cites), Sep: it.Sep, Items: items(it.Items, cites)})
	}
	return out
}
