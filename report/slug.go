package report

import "strings"

// Slug turns a document symbol into its URL form: "A/76/564" → "a-76-564".
func Slug(symbol string) string {
	return strings.ToLower(strings.ReplaceAll(symbol, "/", "-"))
}

// Table returns the table with the given ID, or nil.
func (r *Report) Table(id string) *Table {
	for _, t := range r.Tables {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Walk calls fn for every section of the tree, parents before children.
func (r *Report) Walk(fn func(s *Section)) {
	var walk func(ss []*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Children)
		}
	}
	walk(r.Sections)
}

// Paragraphs returns every paragraph of the report in document order:
// those of the section tree, of the components and of the variances.
func (r *Report) Paragraphs() []*Paragraph {
	var ps []*Paragraph
	r.Walk(func(s *Section) {
		for _, b := range s.Blocks {
			if b.Paragraph != nil {
				ps = append(ps, b.Paragraph)
			}
		}
	})
	return ps
}

// FullText is the whole text of a paragraph, its sub-items written back in
// the report's "a) … ; b) … i) …" form, each item's separator (Item.Sep)
// right after its text, as the source prints it.
func (p *Paragraph) FullText() string {
	var b strings.Builder
	b.WriteString(p.Text)
	var items func([]Item)
	items = func(its []Item) {
		for _, it := range its {
			b.WriteString(" " + it.Label + ") " + it.Text + it.Sep)
			items(it.Items)
		}
	}
	items(p.Items)
	if p.Tail != "" {
		b.WriteString(" " + p.Tail)
	}
	return b.String()
}
