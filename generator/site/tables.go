package site

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"pkportal/csvout"
	"pkportal/report"
)

// dataset is the page view of a dataset that is not a report table: what
// the report shows of it, in the reader's words (the CSV's field names and
// status keys are for machines).
func (v *viewer) dataset(d csvout.Dataset) (*DatasetView, error) {
	dv := &DatasetView{ID: d.ID, Title: d.Title, Part: d.Kind, CSV: dataURL(v.r, d.ID, "csv"), JSON: dataURL(v.r, d.ID, "json"), Excel: v.excelURL(d.ID),
		Cite: v.r.CiteTable(v.lang, d.ID), URL: v.r.URL(v.lang, "tables/"+d.ID, ""), Warns: v.warns[d.ID]}
	switch d.Kind {
	case "indicators", "outputs":
		ea := v.eas[strings.TrimSuffix(d.ID, "-"+d.Kind)]
		if ea == nil {
			return nil, fmt.Errorf("dataset %s: no accomplishment %s", d.ID, strings.TrimSuffix(d.ID, "-"+d.Kind))
		}
		dv.EA = v.ea(ea)
	case "follow-up":
		dv.FollowUp = v.followUp()
	case "variances":
		paras := map[int]*ParaView{} // the explaining paragraphs
		for _, va := range v.r.Variances {
			for _, n := range va.Paragraphs {
				paras[n] = nil
			}
		}
		v.r.Walk(func(s *report.Section) {
			for _, b := range s.Blocks {
				if p := b.Paragraph; p != nil && p.Number > 0 {
					if _, ok := paras[p.Number]; ok {
						paras[p.Number] = v.para(s, p)
					}
				}
				if b.Variance != "" && dv.Notes == nil {
					// the notes of section IV's heading (when variances are analysed)
					dv.Notes = v.pageNotes(s)
				}
			}
		})
		for _, va := range v.r.Variances {
			dv.Blocks = append(dv.Blocks, BlockView{Var: v.variance(va)})
			for _, n := range va.Paragraphs {
				if p := paras[n]; p != nil {
					dv.Blocks = append(dv.Blocks, BlockView{Para: p})
				}
			}
		}
	default:
		return nil, fmt.Errorf("dataset %s: no page for datasets of kind %q", d.ID, d.Kind)
	}
	return dv, nil
}

// gloss is a dataset's English title (the data contract's: englishTitle)
// on an English page of a report in another language, "" otherwise: the
// title the report prints stays the page's heading.
func (v *viewer) gloss(d csvout.Dataset) string {
	if !v.r.EnglishPage(v.lang) {
		return ""
	}
	if t := englishTitle(d); t != d.ID {
		return t
	}
	return ""
}

// englishName is a section's English title (report.EnglishTitle) on an
// English page of a report in another language, "" otherwise.
func (v *viewer) englishName(id string) string {
	if !v.r.EnglishPage(v.lang) {
		return ""
	}
	return report.EnglishTitle(id)
}

// writeTables writes the table index and one page per dataset.
func writeTables(root string, r *report.Report, v *viewer, ds []csvout.Dataset) error {
	var list []map[string]string
	for _, d := range ds {
		list = append(list, map[string]string{"id": d.ID, "title": d.Title, "gloss": v.gloss(d), "url": r.URL(v.lang, "tables/"+d.ID, ""), "csv": dataURL(r, d.ID, "csv"), "json": dataURL(r, d.ID, "json"), "excel": v.excelURL(d.ID)})
	}
	err := writePage(filepath.Join(root, "tables", "_index.md"), page{
		Title: r.Symbol + " — " + v.w.tables, Type: "report", Layout: "tableindex",
		Params: map[string]any{"symbol": r.Symbol, "contentlang": r.Language, "reporturl": r.URL(v.lang, "", ""), "list": list, "langnote": v.langNote(),
			"description": v.about(v.w.tables + " (CSV, JSON, Excel)")},
	})
	if err != nil {
		return err
	}
	for i, d := range ds {
		var write func(w *htmlw)
		if d.Table != nil {
			tv := v.table(d.Table)
			tv.URL = r.URL(v.lang, "tables/"+d.ID, "")
			tv.Sortable, tv.Foot = sortable(tv)
			write = func(w *htmlw) { w.table(tv) }
		} else {
			dv, err := v.dataset(d)
			if err != nil {
				return err
			}
			write = func(w *htmlw) { w.dataset(dv) }
		}
		ld, _ := json.Marshal(datasetLD(r, d, v.lang))
		body, err := renderHTML(v.lang, r.Language, write)
		if err != nil {
			return err
		}
		tp := page{
			Title: r.Symbol + " — " + d.Title, Type: "report", Layout: "tablepage", Weight: i + 1,
			Params: map[string]any{"symbol": r.Symbol, "contentlang": r.Language, "reporturl": r.URL(v.lang, "", ""),
				"tablesurl": r.URL(v.lang, "tables", ""), "body": body, "jsonld": string(ld), "gloss": v.gloss(d),
				"description": v.about(r.CiteTable(v.lang, d.ID)), "langnote": v.langNote()},
		}
		if g := v.gloss(d); g != "" {
			tp.Params["headtitle"] = r.Symbol + " — " + g // see writeReport's section pages
		}
		err = writePage(filepath.Join(root, "tables", d.ID+".md"), tp)
		if err != nil {
			return err
		}
	}
	return nil
}

// datasetLD is the schema.org Dataset description of a table page, for
// dataset search engines.
func datasetLD(r *report.Report, d csvout.Dataset, lang string) ldDataset {
	return newLD(r, lang, r.Symbol+" — "+d.Title, r.Title+" — "+d.Title,
		ldDownload{Type: "DataDownload", EncodingFormat: "text/csv", ContentURL: dataURL(r, d.ID, "csv")},
		ldDownload{Type: "DataDownload", EncodingFormat: "application/json", ContentURL: dataURL(r, d.ID, "json")})
}

// reportLD is the schema.org Dataset of a report home: all its data, as
// the zip, the data package and report.json.
func reportLD(r *report.Report, lang string, w ui) ldDataset {
	return newLD(r, lang, r.Symbol+" — "+r.Title, r.Title+". "+w.allDataDesc,
		ldDownload{Type: "DataDownload", EncodingFormat: "application/zip", ContentURL: dataURL(r, r.Slug, "zip")},
		ldDownload{Type: "DataDownload", EncodingFormat: "application/json", ContentURL: dataURL(r, "datapackage", "json")},
		ldDownload{Type: "DataDownload", EncodingFormat: "application/json", ContentURL: dataURL(r, "report", "json")})
}

func newLD(r *report.Report, lang, name, desc string, dist ...ldDownload) ldDataset {
	return ldDataset{
		Context:          "https://schema.org",
		Type:             "Dataset",
		Creator:          ldOrg{Type: "Organization", Name: refAuthor},
		Name:             name,
		Description:      desc,
		Identifier:       r.Symbol,
		InLanguage:       r.Language,
		IsBasedOn:        report.DocumentURL(lang, r.Symbol),
		License:          termsOfUse,
		TemporalCoverage: r.Period.Start + "/" + r.Period.End,
		Distribution:     dist,
	}
}

// ldDataset is a schema.org Dataset, its members in the order of their
// names (as it was written when built of maps). Its URLs are relative:
// JSON-LD resolves them against the page's.
type ldDataset struct {
	Context          string       `json:"@context"`
	Type             string       `json:"@type"`
	Creator          ldOrg        `json:"creator"`
	Description      string       `json:"description"`
	Distribution     []ldDownload `json:"distribution"`
	Identifier       string       `json:"identifier"`
	InLanguage       string       `json:"inLanguage"`
	IsBasedOn        string       `json:"isBasedOn"`
	License          string       `json:"license"`
	Name             string       `json:"name"`
	TemporalCoverage string       `json:"temporalCoverage"`
}

// ldOrg is a schema.org Organization.
type ldOrg struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

// ldDownload is a schema.org DataDownload.
type ldDownload struct {
	Type           string `json:"@type"`
	ContentURL     string `json:"contentUrl"`
	EncodingFormat string `json:"encodingFormat"`
}

// sortable reports whether sorting a table's rows keeps their meaning: its
// rows are items, without groups or subtotals, but for the totals that
// end it (foot: their number), which stay below the items.
func sortable(tv *TableView) (ok bool, foot int) {
	rows := tv.Rows
	for len(rows) > 0 && rows[len(rows)-1].Type == report.RowTotal {
		rows = rows[:len(rows)-1]
	}
	for _, r := range rows {
		if r.Type != report.RowItem || r.Indent {
			return false, 0
		}
	}
	return len(rows) > 2, len(tv.Rows) - len(rows)
}
