package report

// Table is a table of the report, in a form that every output shares: an
// HTML table, a CSV file, a JSON file.
type Table struct {
	// ID is the table's language-neutral id, the same in every language:
	// "iii-a", "summary-hr"….
	ID string `json:"id"`
	// Section is the ID of the section that holds the table.
	Section string `json:"section"`
	// Title is the table's title in the report's language.
	Title string `json:"title"`
	// Unit is the unit of the table's amounts, or empty.
	Unit string `json:"unit,omitempty"`
	// UnitLine is the line printed under the title that states the unit
	// (and, for some tables, the period), as printed, without its
	// parentheses: "En milliers de dollars des États-Unis ; exercice
	// budgétaire allant du 1er juillet 2020 au 30 juin 2021."
	UnitLine string `json:"unit_line,omitempty"`
	// Columns are the figure columns, after the label column, in order.
	Columns []Column `json:"columns"`
	// Rows are the table's rows, in order.
	Rows []Row `json:"rows"`
	// Notes are the table's footnotes, and unlabelled lines kept with it (III.B's share of redeployments).
	Notes []Note `json:"notes,omitempty"`
	// Line is the line of the source the table was found by: its title, its heading or its label column's heading.
	Line int `json:"line,omitempty"`
}

// Column describes one column of a table.
type Column struct {
	// Key is the stable snake_case field name used in CSV and JSON,
	// the same in every language, e.g. "apportionment".
	Key string `json:"key"`
	// Label is the column's heading in the report's language.
	Label string `json:"label"`
	// Type is "number", "string" or "date".
	Type string `json:"type"`
	// Unit is the unit of a number column: AmountUnit, "percent", "persons".
	Unit string `json:"unit,omitempty"`
	// Notes are the footnote labels attached to the column's heading, e.g.
	// "a" for "Effectif approuvéa".
	Notes []string `json:"notes,omitempty"`
	// Ref is the column's number, and how its figures are computed, as
	// printed in the row under the headings: "(1)", "(3) = (1) – (2)";
	// empty when the report prints no such row.
	Ref string `json:"ref,omitempty"`
}

// Row types of a hierarchical table.
const (
	RowItem     = "item"
	RowSubtotal = "subtotal"
	RowTotal    = "total"
	// RowHeading is a row that only names a group and holds no figures.
	RowHeading = "heading"
	// RowDeduction is a row subtracted from the total above it, e.g. staff
	// assessment income: gross − it = net. It is not part of the items'
	// sum: the rows typed RowItem add up to the table's final total.
	RowDeduction = "deduction"
)

// Row is one row of a table.
type Row struct {
	// Label is the row's heading as printed, footnote letters removed.
	Label string `json:"label"`
	// Group is the label of the heading row the row belongs to, if any.
	Group string `json:"group,omitempty"`
	// Type is one of RowItem, RowSubtotal, RowTotal, RowHeading,
	// RowDeduction.
	Type string `json:"row_type"`
	// Cells hold one value per column after the label column.
	Cells []Cell `json:"cells"`
	// Notes are the footnote labels attached to the row's label.
	Notes []string `json:"notes,omitempty"`
	// Line is the line of the source where the row starts.
	Line int `json:"line,omitempty"`
}

// Cell is a value of a table as printed and as understood.
type Cell struct {
	// Raw is the cell as printed in the source, e.g. "(9 444,2)" or "–".
	Raw string `json:"raw"`
	// Num is set when the cell is a number, e.g. "-9444.2".
	Num Decimal `json:"num,omitempty"`
	// Text is set when the cell holds text or a range, e.g. "0.0-5.0".
	Text string `json:"text,omitempty"`
	// Notes are footnote labels attached to the cell.
	Notes []string `json:"notes,omitempty"`
}

// IsNil reports whether the cell is the source's dash for nil ("–") or empty.
func (c Cell) IsNil() bool { return c.Num == "" && c.Text == "" }
