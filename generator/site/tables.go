package site

import (
	"encoding/json"
	"path/filepath"

	"pkportal/csvout"
	"pkportal/report"
)

// frameTable shows a dataset that is not a report table (a results
// framework, the variances, the follow-up) as a table of its fields.
func (v *viewer) frameTable(d csvout.Dataset) *TableView {
	tv := &TableView{ID: d.ID, Title: d.Title, CSV: dataURL(v.r, d.ID, "csv"), JSON: dataURL(v.r, d.ID, "json"),
		Cite: v.r.CiteTable(v.lang, d.ID), URL: v.r.URL(v.lang, "tables/"+d.ID, "")}
	tv.Columns = d.Frame.Fields[1:]
	tv.Numeric = d.Frame.Numeric[1:]
	tv.Rows = make([]RowView, 0, len(d.Frame.Records))
	for _, rec := range d.Frame.Records {
		row := RowView{Label: rec[0], Type: report.RowItem, Cells: make([]string, 0, len(rec)-1), Values: make([]string, 0, len(rec)-1)}
		for i, c := range rec[1:] {
			val := ""
			if d.Frame.Numeric[i+1] && c != "" {
				val = c
				c = v.num(report.Decimal(c))
			}
			row.Cells = append(row.Cells, c)
			row.Values = append(row.Values, val)
		}
		tv.Rows = append(tv.Rows, row)
	}
	return tv
}

// writeTables writes the table index and one page per dataset.
func writeTables(root string, r *report.Report, v *viewer, ds []csvout.Dataset) error {
	var list []map[string]string
	for _, d := range ds {
		list = append(list, map[string]string{"id": d.ID, "title": d.Title, "url": r.URL(v.lang, "tables/"+d.ID, ""), "csv": dataURL(r, d.ID, "csv"), "json": dataURL(r, d.ID, "json")})
	}
	err := writePage(filepath.Join(root, "tables", "_index.md"), page{
		Title: r.Symbol + " — " + v.w.tables, Type: "report", Layout: "tableindex",
		Params: map[string]any{"symbol": r.Symbol, "contentlang": r.Language, "reporturl": r.URL(v.lang, "", ""), "list": list},
	})
	if err != nil {
		return err
	}
	for i, d := range ds {
		var tv *TableView
		if d.Table != nil {
			tv = v.table(d.Table)
		} else {
			tv = v.frameTable(d)
		}
		tv.URL = r.URL(v.lang, "tables/"+d.ID, "")
		tv.Sortable = flat(tv)
		ld, _ := json.Marshal(datasetLD(r, d, v.lang))
		body, err := renderHTML(v.lang, func(w *htmlw) { w.table(tv) })
		if err != nil {
			return err
		}
		err = writePage(filepath.Join(root, "tables", d.ID+".md"), page{
			Title: r.Symbol + " — " + d.Title, Type: "report", Layout: "tablepage", Weight: i + 1,
			Params: map[string]any{"symbol": r.Symbol, "contentlang": r.Language, "reporturl": r.URL(v.lang, "", ""),
				"tablesurl": r.URL(v.lang, "tables", ""), "body": body, "jsonld": string(ld)},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// datasetLD is the schema.org Dataset description of a table page.
func datasetLD(r *report.Report, d csvout.Dataset, lang string) ldDataset {
	return ldDataset{
		Context:          "https://schema.org",
		Type:             "Dataset",
		Name:             r.Symbol + " — " + d.Title,
		Description:      r.Title + " — " + d.Title,
		InLanguage:       r.Language,
		IsBasedOn:        "https://undocs.org/" + lang + "/" + r.Symbol,
		TemporalCoverage: r.Period.Start + "/" + r.Period.End,
		Distribution: [2]ldDownload{
			{Type: "DataDownload", EncodingFormat: "text/csv", ContentURL: dataURL(r, d.ID, "csv")},
			{Type: "DataDownload", EncodingFormat: "application/json", ContentURL: dataURL(r, d.ID, "json")},
		},
	}
}

// ldDataset is a schema.org Dataset, its members in the order of their
// names (as it was written when built of maps).
type ldDataset struct {
	Context          string        `json:"@context"`
	Type             string        `json:"@type"`
	Description      string        `json:"description"`
	Distribution     [2]ldDownload `json:"distribution"`
	InLanguage       string        `json:"inLanguage"`
	IsBasedOn        string        `json:"isBasedOn"`
	Name             string        `json:"name"`
	TemporalCoverage string        `json:"temporalCoverage"`
}

// ldDownload is a schema.org DataDownload.
type ldDownload struct {
	Type           string `json:"@type"`
	ContentURL     string `json:"contentUrl"`
	EncodingFormat string `json:"encodingFormat"`
}

// flat reports whether a table has neither groups nor subtotals, so that
// sorting its rows keeps their meaning.
func flat(tv *TableView) bool {
	for _, r := range tv.Rows {
		if r.Type != report.RowItem || r.Indent {
			return false
		}
	}
	return len(tv.Rows) > 2
}
