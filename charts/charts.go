// Package charts draws the charts of a budget performance report as
// accessible SVG, at build time.
//
// Each chart is a self-contained <svg> element with role="img", a <title>
// and a <desc> that states the key figures in words, real <text> labels, a
// <title> with the exact value on every bar, colours taken from CSS custom
// properties (with fallbacks) and currentColor for text, so that a page
// stylesheet can restyle it for dark mode or print. Each chart also carries
// the data behind it as a small report.Table, for the HTML table that must
// sit beside it and for download.
//
// A chart is named by its title and described by its desc, its drawing
// hidden from screen readers. It is drawn twice: for a page's column
// (Chart.SVG) and for a phone's screen (Chart.SVGNarrow: each label above
// its bars); the page shows one by its width. Its labels name the
// standard rows in the page's language (report.EnglishRow), as its
// description is heard; its data keep the report's labels. Each chart says
// where the report prints its figures (Chart.Source, which a page cites),
// and a chart whose figures the portal counts says so and how, under it
// (Chart.Note) and in its data's note.
//
// The package must stay a pure function of the report model: it does no
// I/O, writes no HTML page, emits no JavaScript and references no external
// resource (fonts, images, stylesheets). The same report gives the same
// bytes, so that golden files work. Standard library only.
package charts

import (
	"slices"
	"strings"

	"pkportal/report"
)

// Chart is a rendered chart with what a page needs beside it.
type Chart struct {
	// ID is the chart's id, unique on a page, e.g.
	// "chart-apportionment-expenditure"; the ids inside the SVG start with it.
	ID string
	// Title and Desc are the chart's title and its description in words,
	// in the page language (plain text, not escaped).
	Title, Desc string
	// SVG is the <svg> element, self-contained; role="img", named by its
	// own <title> (aria-labelledby), described by its <desc>
	// (aria-describedby), its drawing hidden from screen readers.
	SVG string
	// SVGNarrow is the same chart drawn for a phone's screen: half the
	// width, each label above its bars, its ids those of SVG with "-n"
	// after the chart's id. A page shows one of the two.
	SVGNarrow string
	// Table is the data behind the chart: one row per bar group, columns
	// with stable keys and labels in the page language.
	Table *report.Table
	// Source is where the report prints the chart's figures: a table's id
	// ("iii-a", "summary-hr") or a section's ("ii-f", the results
	// frameworks); a delegate cites it, not the portal's drawing.
	Source string
	// Note, when set, is a sentence for the page to print under the chart,
	// in the page language: how the chart reads the report (the output
	// delivery chart's counting rule).
	Note string
}

// ForReport returns the charts that the report's data allows, in a fixed
// order: apportionment and expenditure by category (table iii-a), variance
// by class (iii-a), vacancy rates (summary-hr), contingent-owned equipment
// (iii-e) and output delivery by component (the results frameworks). A
// chart whose table or column is missing is left out. lang is the page
// language, "fr" or "en" (anything else is read as "en"); the labels that
// come from the report stay in the report's language, but for the
// standard rows' names in the page language (report.EnglishRow: "Air
// operations" on an English page of a French report), which its reader
// hears in the description.
func ForReport(r *report.Report, lang string) []Chart {
	var out []Chart
	for _, p := range plots(r, lang) {
		out = append(out, Chart{ID: p.id, Title: p.title, Desc: p.desc, SVG: p.render(wide), SVGNarrow: renameIDs(p.render(narrow), p.id), Table: p.table(), Note: p.foot, Source: p.source})
	}
	return out
}

// Tables returns the data of the charts ForReport draws, without drawing
// them: what the data files and the CSV function publish.
func Tables(r *report.Report, lang string) []*report.Table {
	var out []*report.Table
	for _, p := range plots(r, lang) {
		out = append(out, p.table())
	}
	return out
}

// plots are the charts the report's data allows (see ForReport).
func plots(r *report.Report, lang string) []*plot {
	if r == nil {
		return nil
	}
	if lang != "fr" {
		lang = "en"
	}
	tx := texts[lang]
	var out []*plot
	for _, build := range []func(*report.Report, *words) *plot{
		apportionmentChart, varianceChart, vacancyChart, equipmentChart, outputsChart,
	} {
		if p := build(r, tx); p != nil && len(p.rows) > 0 {
			p.tx = tx
			out = append(out, p)
		}
	}
	return out
}

// table is the data of p: one row per chart row, under a heading row for
// its group as the chart draws it, labelled as the report prints them, one
// column per series; a note when the portal counted the figures.
func (p *plot) table() *report.Table {
	t := &report.Table{ID: p.id, Title: p.title, Unit: p.unit}
	if p.counted {
		t.Notes = []report.Note{{Text: p.foot}}
	}
	for _, s := range p.series {
		t.Columns = append(t.Columns, report.Column{Key: s.key, Label: s.label, Type: "number", Unit: p.unit})
	}
	t.Columns = append(t.Columns, p.extra...)
	group := ""
	for _, r := range p.rows {
		label, g := r.label, r.group
		if r.printed != "" { // the data speak the report's words, as its tables do
			label, g = r.printed, r.inGroup
		}
		if g != "" && g != group {
			t.Rows = append(t.Rows, report.Row{Label: g, Type: report.RowHeading, Cells: make([]report.Cell, len(t.Columns))})
		}
		group = g
		cells := r.cells
		if r.data != nil {
			cells = r.data
		}
		t.Rows = append(t.Rows, report.Row{Label: label, Group: g, Type: report.RowItem, Cells: cells})
	}
	return t
}

// pick returns, as chart rows, the rows of table id of type typ that have
// a number in one of the columns keys, with those columns' cells, labelled
// in the page language where the row has a standard name in it
// (tx.rowName); nil if the table or a column is missing.
func pick(r *report.Report, tx *words, id, typ string, keys ...string) []row {
	for _, t := range r.Tables {
		if t == nil || t.ID != id {
			continue
		}
		idx := make([]int, len(keys))
		for i, k := range keys {
			idx[i] = slices.IndexFunc(t.Columns, func(c report.Column) bool { return c.Key == k })
			if idx[i] < 0 {
				return nil
			}
		}
		var rows []row
		for _, src := range t.Rows {
			rw := row{label: tx.rowName(r, src.Group, src.Label), group: tx.rowName(r, "", src.Group), printed: src.Label, inGroup: src.Group}
			some := false
			for _, i := range idx {
				var c report.Cell
				if i < len(src.Cells) {
					c = src.Cells[i]
				}
				rw.cells = append(rw.cells, c)
				some = some || c.Num != ""
			}
			if src.Type == typ && some {
				rows = append(rows, rw)
			}
		}
		return rows
	}
	return nil
}

// extreme returns the row whose first value is the largest by more, or nil
// for no rows.
func extreme(rows []row, more func(a, b float64) bool) *row {
	var top *row
	for i := range rows {
		if top == nil || more(rows[i].val(0).Float(), top.val(0).Float()) {
			top = &rows[i]
		}
	}
	return top
}

// context opens a description with the mission and period, when known.
func context(r *report.Report, tx *words) string {
	var parts []string
	if r.Mission.Acronym != "" {
		parts = append(parts, r.Mission.Acronym)
	}
	if r.Period.Label != "" {
		parts = append(parts, tx.period+" "+r.Period.Label)
	}
	if r.Symbol != "" {
		parts = append(parts, r.Symbol)
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, ", ") + ". "
}

// amount formats an amount for lang, with a "+" on positive values when
// signed; negative values carry a minus sign (U+2212) in both languages.
func (tx *words) amount(d report.Decimal, signed bool) string {
	s := d.Format(tx.lang)
	if signed && d != "" && !strings.HasPrefix(string(d), "-") && strings.Trim(string(d), "0.") != "" {
		s = "+" + s
	}
	return s
}

// percent formats a percentage: "60,0 %" (narrow no-break space) in
// French, "60.0%" in English.
func (tx *words) percent(d report.Decimal) string {
	if tx.lang == "fr" {
		return d.Format("fr") + "\u202f%"
	}
	return d.Format("en") + "%"
}

// colon joins a name and a value: "X : Y" in French, "X: Y" in English.
func (tx *words) colon(name, value string) string {
	if tx.lang == "fr" {
		return name + "\u00a0: " + value
	}
	return name + ": " + value
}

// renameIDs gives the ids of a chart's SVG drawing, which all start with
// the chart's id, and the references to them, "-n" after that id: the
// narrow drawing sits on the page beside the wide one.
func renameIDs(svg, id string) string {
	return strings.NewReplacer(`"`+id+"-", `"`+id+"-n-", "#"+id+"-", "#"+id+"-n-").Replace(svg)
}
