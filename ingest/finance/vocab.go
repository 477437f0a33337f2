package finance

import (
	"fmt"

	"pkportal/ingest/lang"
	"pkportal/report"
)

// Vocab is the vocabulary of the financial tables in one language, loaded
// from ingest/lang/<language>/finance.json with lang.Load. Every word the
// parser matches on is here; the code knows only the language-neutral
// table ids and column keys.
type Vocab struct {
	// UnitLine is how the unit line of an amount table starts, e.g.
	// "(En milliers de dollars des États-Unis".
	UnitLine string `json:"unitLine"`
	// ResourceSection is the title of section III after its numeral,
	// e.g. "Exécution du budget".
	ResourceSection string `json:"resourceSection"`
	// VarianceSection is the title of section IV after its numeral, e.g.
	// "Analyse des écarts".
	VarianceSection string `json:"varianceSection"`
	// VarianceHeader is the line alone above each variance item, "Écart".
	VarianceHeader string `json:"varianceHeader"`
	// PercentSign is the sign that follows a variance percentage, "%".
	PercentSign string `json:"percentSign"`
	// CurrencySign is the sign that may precede a variance amount, "$" in
	// English ("$844.4 39.0%"); none in French.
	CurrencySign string `json:"currencySign,omitempty"`
	// Subtotals are the labels of subtotal rows, e.g. "Total partiel".
	Subtotals []string `json:"subtotals"`
	// Gross, Net and Total are the labels of the total rows of the
	// financial tables; Total also closes the other amount tables.
	Gross string `json:"gross"`
	Net   string `json:"net"`
	Total string `json:"total"`
	// StaffAssessment is the label of the row subtracted from the gross
	// amount to give the net amount.
	StaffAssessment string `json:"staffAssessment"`
	// Months are the twelve month names, January first, as dates print them.
	Months []string `json:"months"`
	// OrdinalFirst is the suffix of the first day of a month, "er" in
	// "1er juillet 2017"; empty if the language has none.
	OrdinalFirst string `json:"ordinalFirst"`
	// Tables are the words of each table, by table id.
	Tables []TableVocab `json:"tables"`
}

// TableVocab is how one table is found and headed in the text. Exactly one
// of Title, Heading or (alone) LabelHeading anchors the table.
type TableVocab struct {
	// ID is the language-neutral table id, e.g. "iii-a".
	ID string `json:"id"`
	// Title is the table's own title line, as in the summary.
	Title string `json:"title,omitempty"`
	// Heading is the title of the section III subsection that holds the
	// table, without its letter, e.g. "Ressources financières".
	Heading string `json:"heading,omitempty"`
	// LabelHeading is the heading of the column of row labels, e.g.
	// "Catégorie". A table without Title or Heading starts with it.
	LabelHeading string `json:"labelHeading"`
	// Share is the label of the line that gives the share of
	// redeployments in III.B, e.g. "Pourcentage de réaffectations".
	Share string `json:"share,omitempty"`
	// Columns are the figure columns, in order.
	Columns []ColumnVocab `json:"columns"`
}

// ColumnVocab is the heading of one figure column.
type ColumnVocab struct {
	// Key is the stable snake_case key, e.g. "variance_amount".
	Key string `json:"key"`
	// Label is the column's heading as printed, e.g. "Montant".
	Label string `json:"label"`
	// Over is the heading that spans this column and others, e.g. "Écart".
	Over string `json:"over,omitempty"`
}

// LoadVocab loads and checks the vocabulary of a language.
func LoadVocab(language string) (*Vocab, error) {
	var v Vocab
	if err := lang.Load(language, "finance", &v); err != nil {
		return nil, err
	}
	if err := v.validate(); err != nil {
		return nil, fmt.Errorf("vocabulary %s/finance.json: %w", language, err)
	}
	return &v, nil
}

func (v *Vocab) validate() error {
	if v.UnitLine == "" || v.VarianceHeader == "" || v.VarianceSection == "" || v.ResourceSection == "" || v.Total == "" || v.PercentSign == "" {
		return fmt.Errorf("unitLine, resourceSection, varianceSection, varianceHeader, percentSign and total are required")
	}
	if len(v.Months) != 12 {
		return fmt.Errorf("months: expected 12 names, found %d", len(v.Months))
	}
	for _, s := range specs {
		tv := v.table(s.id)
		if tv == nil {
			return fmt.Errorf("no table %q", s.id)
		}
		if len(tv.Columns) != len(s.columns) {
			return fmt.Errorf("table %s: expected %d columns, found %d", s.id, len(s.columns), len(tv.Columns))
		}
		for i, c := range tv.Columns {
			if c.Key != s.columns[i].Key || c.Label == "" {
				return fmt.Errorf("table %s: column %d: expected key %q with a label, found %q", s.id, i+1, s.columns[i].Key, c.Key)
			}
		}
		if tv.Title == "" && tv.Heading == "" && tv.LabelHeading == "" {
			return fmt.Errorf("table %s: no title, heading or labelHeading to find it by", s.id)
		}
	}
	return nil
}

func (v *Vocab) table(id string) *TableVocab {
	for i := range v.Tables {
		if v.Tables[i].ID == id {
			return &v.Tables[i]
		}
	}
	return nil
}

// tableSpec is the language-neutral description of a table: its id, the
// section that holds it and the type and unit of its columns.
type tableSpec struct {
	id       string
	section  string
	unit     string
	required bool
	// factors marks the table of contingent-owned equipment factors,
	// whose cells are a percentage and two dates.
	factors bool
	columns []report.Column
}

func amount(key string) report.Column {
	return report.Column{Key: key, Type: "number", Unit: report.AmountUnit}
}

func percentCol(key string) report.Column {
	return report.Column{Key: key, Type: "number", Unit: "percent"}
}

var specs = []tableSpec{
	{id: "summary-financial", section: "summary", unit: report.AmountUnit, required: true,
		columns: []report.Column{amount("apportionment"), amount("expenditure"), amount("variance_amount"), percentCol("variance_percent")}},
	{id: "summary-hr", section: "summary",
		columns: []report.Column{
			{Key: "approved", Type: "number", Unit: "persons"},
			{Key: "actual_average", Type: "number", Unit: "persons"},
			percentCol("vacancy_rate")}},
	{id: "iii-a", section: "iii-a", unit: report.AmountUnit, required: true,
		columns: []report.Column{amount("apportionment"), amount("expenditure"), amount("variance_amount"), percentCol("variance_percent")}},
	{id: "iii-b", section: "iii-b", unit: report.AmountUnit,
		columns: []report.Column{amount("original_distribution"), amount("redeployment"), amount("revised_distribution")}},
	{id: "iii-d", section: "iii-d", unit: report.AmountUnit,
		columns: []report.Column{amount("amount")}},
	{id: "iii-e", section: "iii-e", unit: report.AmountUnit,
		columns: []report.Column{amount("expenditure")}},
	{id: "iii-e-factors", section: "iii-e", factors: true,
		columns: []report.Column{
			{Key: "percentage", Type: "string", Unit: "percent"},
			{Key: "effective_date", Type: "date"},
			{Key: "last_review_date", Type: "date"}}},
	{id: "iii-f", section: "iii-f", unit: report.AmountUnit,
		columns: []report.Column{amount("value")}},
}
