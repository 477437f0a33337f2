package site

import (
	"archive/zip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"pkportal/csvout"
	"pkportal/report"
)

// fieldTitles gives the French and English title of every field name of
// the datasets, for datapackage.json and column headings.
var fieldTitles = map[string][2]string{
	"label":                 {"Libellé", "Label"},
	"group":                 {"Groupe", "Group"},
	"row_type":              {"Type de ligne (item, subtotal, total, heading)", "Row type (item, subtotal, total, heading)"},
	"apportionment":         {"Montant alloué", "Apportionment"},
	"expenditure":           {"Dépenses", "Expenditure"},
	"variance_amount":       {"Écart (montant)", "Variance (amount)"},
	"variance_percent":      {"Écart (pourcentage)", "Variance (percentage)"},
	"approved":              {"Effectif approuvé", "Approved"},
	"actual_average":        {"Effectif réel (moyenne)", "Actual (average)"},
	"vacancy_rate":          {"Taux de vacance (pourcentage)", "Vacancy rate (percentage)"},
	"original_distribution": {"Répartition initiale", "Original distribution"},
	"redeployment":          {"Montants réaffectés", "Redeployment"},
	"revised_distribution":  {"Répartition révisée", "Revised distribution"},
	"amount":                {"Montant", "Amount"},
	"value":                 {"Valeur", "Value"},
	"percentage":            {"Pourcentage", "Percentage"},
	"effective_date":        {"Date d’entrée en vigueur", "Effective date"},
	"last_review_date":      {"Date du dernier examen", "Last review date"},
	"id":                    {"Identifiant", "Identifier"},
	"accomplishment":        {"Réalisation escomptée", "Expected accomplishment"},
	"n":                     {"Numéro", "Number"},
	"planned":               {"Prévu", "Planned"},
	"values":                {"Valeurs par exercice", "Values by period"},
	"baseline_period":       {"Exercice de référence", "Baseline period"},
	"baseline":              {"Valeur de référence", "Baseline"},
	"baseline_value":        {"Valeur de référence (nombre)", "Baseline (number)"},
	"target_period":         {"Exercice cible", "Target period"},
	"target":                {"Objectif", "Target"},
	"target_value":          {"Objectif (nombre)", "Target (number)"},
	"actual":                {"Effectif", "Actual"},
	"completed":             {"Exécuté (tel qu’imprimé)", "Completed (as printed)"},
	"remarks":               {"Observations", "Remarks"},
	"paragraphs":            {"Paragraphes", "Paragraphs"},
	"explanation":           {"Explication", "Explanation"},
	"body":                  {"Organe", "Body"},
	"resolution":            {"Résolution", "Resolution"},
	"resolution_paragraph":  {"Paragraphe de la résolution", "Resolution paragraph"},
	"request":               {"Décision ou demande", "Decision or request"},
	"action":                {"Mesures prises", "Action taken"},
}

// dataPackage describes the data files of a report as a Frictionless Data
// Package (https://specs.frictionlessdata.io/data-package/).
func dataPackage(r *report.Report) map[string]any {
	var resources []map[string]any
	for _, d := range csvout.Datasets(r) {
		var fields []map[string]any
		for i, name := range d.Frame.Fields {
			f := map[string]any{"name": name, "type": "string"}
			if d.Frame.Numeric[i] {
				f["type"] = "number"
				if d.Table != nil && i >= 3 {
					if u := d.Table.Columns[i-3].Unit; u != "" {
						f["unit"] = u
					}
				}
			}
			if name == "n" {
				f["type"] = "integer"
			}
			if t, ok := fieldTitles[name]; ok {
				f["title"] = t[1]
				f["titles"] = map[string]string{"fr": t[0], "en": t[1]}
			} else if d.Table != nil && i >= 3 {
				f["title"] = d.Table.Columns[i-3].Label
			}
			fields = append(fields, f)
		}
		res := map[string]any{
			"name":      d.ID,
			"path":      d.ID + ".csv",
			"title":     d.Title,
			"format":    "csv",
			"mediatype": "text/csv",
			"encoding":  "utf-8",
			"dialect":   map[string]any{"delimiter": ",", "header": true},
			"schema":    map[string]any{"fields": fields, "missingValues": []string{""}},
		}
		if d.Table != nil && d.Table.Unit != "" {
			res["description"] = "Amounts in " + d.Table.Unit + "."
		}
		resources = append(resources, res)
	}
	return map[string]any{
		"profile":     "tabular-data-package",
		"name":        r.Slug,
		"title":       r.Symbol + " — " + r.Title,
		"description": "Data of United Nations document " + r.Symbol + ", budget performance report of " + r.Mission.Acronym + " for " + r.Period.Label + ". Amounts are in " + report.AmountUnit + ", as in the report.",
		"version":     report.SchemaVersion,
		"language":    r.Language,
		"temporal":    map[string]string{"start": r.Period.Start, "end": r.Period.End},
		"sources":     []map[string]string{{"title": "United Nations document " + r.Symbol, "path": "https://undocs.org/" + r.Language + "/" + r.Symbol}},
		"licenses":    []map[string]string{{"name": "UN-terms", "title": "United Nations terms of use", "path": "https://www.un.org/en/about-us/terms-of-use"}},
		"citation":    "United Nations, " + r.Symbol + ", " + r.Title + ".",
		"resources":   resources,
	}
}

// writeZip packs every file of the report's data folder into dir/name.
func writeZip(dir, name string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var files []string
	for _, e := range entries {
		if !e.IsDir() && e.Name() != name {
			files = append(files, e.Name())
		}
	}
	sort.Strings(files)
	out, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	for _, f := range files {
		w, err := zw.Create(strings.TrimSuffix(name, ".zip") + "/" + f)
		if err != nil {
			out.Close()
			return err
		}
		in, err := os.Open(filepath.Join(dir, f))
		if err != nil {
			out.Close()
			return err
		}
		_, err = io.Copy(w, in)
		in.Close()
		if err != nil {
			out.Close()
			return err
		}
	}
	if err := zw.Close(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// readme is the README.txt of a report's data folder and zip.
func readme(r *report.Report) string {
	var b strings.Builder
	b.WriteString(r.Symbol + " — " + r.Title + "\n\n")
	b.WriteString("Data of the budget performance report " + r.Symbol + " (" + r.Mission.Acronym + ", " + r.Period.Label + "), from pkportal.\n\n")
	b.WriteString("- Amounts are in " + report.AmountUnit + ", as in the report.\n")
	b.WriteString("- CSV: UTF-8, comma-separated, one header row, numbers with a decimal point and no thousands separator; an empty cell is a nil (\"–\") or absent figure.\n")
	b.WriteString("- Hierarchical tables have group and row_type columns: filter row_type = item to add up without double counting.\n")
	b.WriteString("- datapackage.json describes every file (Frictionless Data Package); report.json is the whole structured report.\n")
	if len(r.Warnings) > 0 {
		b.WriteString("\nDiscrepancies found in the source itself (published as printed):\n")
		for _, w := range r.Warnings {
			b.WriteString("- " + w.Message + "\n")
		}
	}
	b.WriteString("\nCite as: United Nations, " + r.Symbol + ". Source: https://undocs.org/" + r.Language + "/" + r.Symbol + "\n")
	return b.String()
}

func writeDataPackage(dir string, r *report.Report) error {
	b, err := json.MarshalIndent(dataPackage(r), "", " ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "datapackage.json"), append(b, '\n'), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "README.txt"), []byte(readme(r)), 0o644); err != nil {
		return err
	}
	return writeZip(dir, r.Slug+".zip")
}
