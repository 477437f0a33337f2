package site

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	kflate "github.com/klauspost/compress/flate"

	"pkportal/charts"
	"pkportal/csvout"
	"pkportal/report"
)

// dataFiles are the datasets published as CSV and JSON in a report's data
// folder: every dataset of csvout.Datasets, then the data behind each chart
// (labels in the report's language).
func dataFiles(r *report.Report, ds []csvout.Dataset) []csvout.Dataset {
	ds = append([]csvout.Dataset(nil), ds...)
	for _, t := range charts.Tables(r, r.Language) {
		ds = append(ds, csvout.ChartDataset(t))
	}
	return ds
}

// englishTitle is the English title of a dataset.
func englishTitle(d csvout.Dataset) string {
	if t, ok := report.EnglishTitles[d.ID]; ok {
		return t
	}
	ea := strings.ReplaceAll(strings.TrimPrefix(strings.TrimSuffix(strings.TrimSuffix(d.ID, "-indicators"), "-outputs"), "ea-"), "-", ".")
	switch d.Kind {
	case "indicators":
		return "Expected accomplishment " + ea + ": planned and actual indicators of achievement"
	case "outputs":
		return "Expected accomplishment " + ea + ": planned and completed outputs"
	case "chart":
		return "Data of the chart " + strings.TrimPrefix(d.ID, "chart-")
	}
	return d.ID
}

// kindDescriptions say, in English, what one row of a dataset is.
var kindDescriptions = map[string]string{
	"table":      "One row per row of the report's table; group is the heading row it belongs to and row_type says whether it is an item, a subtotal, a total, a heading or a deduction (a row subtracted from the total above it, e.g. staff assessment income: gross − it = net): keep row_type = item to add up to the table's total without double counting. An empty cell is the source's dash (nil) or no figure.",
	"indicators": "One row per indicator of achievement: the planned text, the period values as printed (values), the baseline (the period before the report's) and the target (the report's period) as printed and as numbers, the actual indicator's text, and the status the report gives (achieved, not-achieved, partly, not-assessable) with its basis. A status is read from the report, never guessed.",
	"outputs":    "One row per delivered figure of an output (an output without a figure has one row with an empty completed): the planned output, the figure as printed (completed), its number (value) and label, the remarks, and a status when the report says yes or no (completed, not-completed), empty otherwise.",
	"variances":  "One row per variance item of section IV, with the amount and percentage of the variance and the text of the paragraphs that explain it.",
	"follow-up":  "One row per request of a legislative body (section VI) with the action taken.",
	"chart":      "The data behind a chart of the portal, the figures written on it. Where the portal counted the figures (the report does not print them), the resource's notes say so and how, and which column counts part of another's (the output chart's completed_lower: among its completed).",
}

// fieldEnums are the closed lists of values of some dataset fields.
var datasetEnums = map[string][]string{
	"row_type":          {report.RowItem, report.RowSubtotal, report.RowTotal, report.RowHeading, report.RowDeduction},
	"target_comparator": {"≥", "≤", "<", ">"},
	"versus_plan":       {report.VersusAbove, report.VersusBelow},
}

// dpResource is a resource of datapackage.json. The members of these
// types are in the order of their names, as encoding/json writes a map's:
// the file is what it was when built of maps, encoded 2.5 times faster
// (4.3 → 1.7 ms per report in BenchmarkGenerate's profile).
type dpResource struct {
	Bytes         int               `json:"bytes"`
	Description   string            `json:"description"`
	Dialect       dpDialect         `json:"dialect"`
	Encoding      string            `json:"encoding"`
	Format        string            `json:"format"`
	Hash          string            `json:"hash"`
	JSON          string            `json:"json"`
	Mediatype     string            `json:"mediatype"`
	Name          string            `json:"name"`
	Notes         []dpNote          `json:"notes,omitempty"`
	Path          string            `json:"path"`
	Profile       string            `json:"profile"`
	Schema        dpSchema          `json:"schema"`
	SourceSection string            `json:"source_section,omitempty"`
	Title         string            `json:"title"`
	Titles        map[string]string `json:"titles"`
	Unit          string            `json:"unit,omitempty"`
	// Warnings are the source's discrepancies in the table (tableWarnings).
	Warnings []report.Warning `json:"warnings,omitempty"`
}

// dpNote is a table's note in its resource: the footnote (or the line
// printed under the table), with the rows (by label) and the fields (by
// name) that call it, which a CSV has no place for.
type dpNote struct {
	Fields []string `json:"fields,omitempty"`
	Label  string   `json:"label"`
	Rows   []string `json:"rows,omitempty"`
	Text   string   `json:"text"`
}

// tableNotes are a table's notes with what calls each.
func tableNotes(t *report.Table) []dpNote {
	var out []dpNote
	for _, n := range t.Notes {
		dn := dpNote{Label: n.Label, Text: n.Text}
		if n.Label != "" {
			for _, r := range t.Rows {
				if slices.Contains(r.Notes, n.Label) {
					dn.Rows = append(dn.Rows, r.Label)
				}
			}
			for _, c := range t.Columns {
				if slices.Contains(c.Notes, n.Label) {
					dn.Fields = append(dn.Fields, c.Key)
				}
			}
		}
		out = append(out, dn)
	}
	return out
}

// dpDialect is a resource's CSV dialect (every file has the same).
type dpDialect struct {
	Delimiter      string `json:"delimiter"`
	DoubleQuote    bool   `json:"doubleQuote"`
	Header         bool   `json:"header"`
	LineTerminator string `json:"lineTerminator"`
}

var csvDialect = dpDialect{Delimiter: ",", DoubleQuote: true, Header: true, LineTerminator: "\n"}

// dpSchema is a resource's Table Schema.
type dpSchema struct {
	Fields        []dpField `json:"fields"`
	MissingValues []string  `json:"missingValues"`
	PrimaryKey    []string  `json:"primaryKey,omitempty"`
}

// dpField is a field of a Table Schema; Title is a pointer since an
// empty title is written when the column has one.
type dpField struct {
	Constraints *dpEnum           `json:"constraints,omitempty"`
	Name        string            `json:"name"`
	Title       *string           `json:"title,omitempty"`
	Titles      map[string]string `json:"titles,omitempty"`
	Type        string            `json:"type"`
	Unit        string            `json:"unit,omitempty"`
}

// dpEnum is a field's constraint: the values it may take.
type dpEnum struct {
	Enum []string `json:"enum"`
}

// dataPackage describes the data files of a report as a Frictionless
// Tabular Data Package (https://specs.frictionlessdata.io/data-package/);
// dir holds the CSV files already written, whose size and hash it states.
func dataPackage(r *report.Report, dd *dataFolder, files []csvout.Dataset) (map[string]any, error) {
	var resources []dpResource
	for _, d := range files {
		var fields []dpField
		for i, name := range d.Frame.Fields {
			f := dpField{Name: name, Type: "string"}
			var col *report.Column
			if d.Table != nil && i >= 3 && i-3 < len(d.Table.Columns) {
				col = &d.Table.Columns[i-3]
			}
			switch {
			case name == "n":
				f.Type = "integer"
			case d.Frame.Numeric[i]:
				f.Type = "number"
			case col != nil && col.Type == "date":
				f.Type = "date"
			}
			if col != nil && col.Unit != "" {
				f.Unit = col.Unit
			} else if name == "variance_amount" {
				f.Unit = report.AmountUnit
			} else if name == "variance_percent" {
				f.Unit = "percent"
			}
			t, known := report.FieldTitles[name]
			switch {
			case col != nil && (d.Kind == "chart" || !known):
				f.Title = &col.Label
				f.Titles = map[string]string{r.Language: col.Label}
			case known:
				f.Title = &t[1]
				f.Titles = map[string]string{"fr": t[0], "en": t[1]}
			}
			if enum, ok := datasetEnums[name]; ok {
				f.Constraints = &dpEnum{append(enum, "")}
			}
			if name == "status" {
				if d.Kind == "indicators" {
					f.Constraints = &dpEnum{[]string{report.StatusAchieved, report.StatusNotAchieved, report.StatusPartly, report.StatusNotAssessable, ""}}
				} else {
					f.Constraints = &dpEnum{[]string{csvout.OutputCompleted, csvout.OutputNotCompleted, ""}}
				}
			}
			fields = append(fields, f)
		}
		schema := dpSchema{Fields: fields, MissingValues: []string{""}}
		if d.Kind == "indicators" || d.Kind == "variances" || d.Kind == "follow-up" {
			schema.PrimaryKey = []string{"id"}
		}
		b, ok := dd.files[d.ID+".csv"]
		if !ok {
			return nil, fmt.Errorf("datapackage: %s.csv not written", d.ID)
		}
		sum := sha256.Sum256(b)
		en := englishTitle(d)
		titles := map[string]string{"en": en}
		if d.Title != "" {
			titles[r.Language] = d.Title
		}
		res := dpResource{
			Profile:     "tabular-data-resource",
			Name:        d.ID,
			Path:        d.ID + ".csv",
			Title:       d.Title,
			Titles:      titles,
			Description: kindDescriptions[d.Kind],
			Format:      "csv",
			Mediatype:   "text/csv",
			Encoding:    "utf-8",
			Bytes:       len(b),
			Hash:        "sha256:" + hex.EncodeToString(sum[:]),
			Dialect:     csvDialect,
			Schema:      schema,
			JSON:        d.ID + ".json",
		}
		if d.Table != nil && d.Table.Unit != "" {
			res.Description = kindDescriptions[d.Kind] + " Amounts are in " + d.Table.Unit + "."
			res.Unit = d.Table.Unit
		}
		res.SourceSection = datasetSection(r, d)
		if d.Table != nil {
			// the table's footnotes and the lines printed under it (III.B's
			// share of redeployments), which a CSV has no place for
			res.Notes = tableNotes(d.Table)
		}
		res.Warnings = tableWarnings(r, d.ID)
		resources = append(resources, res)
	}
	source := officialURL(r)
	return map[string]any{
		"profile":        "tabular-data-package",
		"name":           r.Slug,
		"id":             source,
		"title":          r.Symbol + " — " + r.Title,
		"description":    "Data of United Nations document " + r.Symbol + ", budget performance report of " + r.Mission.Acronym + " for " + r.Period.Label + ". Amounts are in " + report.AmountUnit + ", as in the report; percentages are percent. CSV files are UTF-8, comma-separated, with one header row of snake_case field names and numbers with a decimal point.",
		"version":        report.SchemaVersion + ".0",
		"schema_version": report.SchemaVersion,
		"language":       r.Language,
		"keywords":       []string{"United Nations", "peacekeeping", "budget performance", r.Mission.Acronym, r.Period.Label},
		"temporal":       map[string]string{"start": r.Period.Start, "end": r.Period.End, "label": r.Period.Label},
		"unit":           report.AmountUnit,
		"sources":        []map[string]string{{"title": "United Nations document " + r.Symbol + " (" + r.Language + ")", "path": source}},
		"licenses":       []map[string]string{{"title": "United Nations terms of use", "path": termsOfUse}},
		"contributors":   []map[string]string{{"title": refAuthor, "role": "author"}, {"title": "pkportal", "role": "wrangler"}},
		"citation":       r.CiteReport("en") + ", " + source + ".", // as the report home cites it
		"report":         map[string]string{"path": "report.json", "schema": "report.schema.json"},
		"resources":      resources,
	}, nil
}

// warningLine says a discrepancy of the source for README.txt: where (the
// dataset, row and field), the figure printed and what the check expects.
func warningLine(w report.Warning) string {
	rule := checkWords[w.Check]["en"]
	if rule == "" || w.Expected == "" {
		return w.Message
	}
	return fmt.Sprintf("%s, row %q, %s: the source prints %s where the check %q expects %s (a rounding of the source)",
		w.Table, w.Row, w.Column, orDash(w.Printed), rule, w.Expected)
}

// orDash is a figure, or the source's dash for none.
func orDash(d report.Decimal) string {
	if d == "" {
		return "–"
	}
	return string(d)
}

// writeZip packs every file of the report's data folder into dd/name,
// in the order of their names.
func writeZip(dd *dataFolder, name string) error {
	var files []string
	for f := range dd.files {
		if f != name {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, newDeflater)
	for _, f := range files {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: strings.TrimSuffix(name, ".zip") + "/" + f, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		if _, err := w.Write(dd.files[f]); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dd.dir, name), buf.Bytes(), 0o644)
}

// zipTime is the date of every file in a zip: the first one the format
// has (1 January 1980), the same at each build so that a zip's bytes
// depend on its files only; a zero time was written as the invalid
// "1980-00-00".
var zipTime = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)

// deflaters keeps the zip's compressors for reuse (one costs a megabyte).
var deflaters sync.Pool

// newDeflater is the zip's Deflate compressor: klauspost/compress's flate
// at level 1, its fastest with matches: a report's data zips in 12.8 ms
// (level 6: 28 ms; the standard library's level 5: 39 ms) into 339 KB
// (level 6: 292 KB), the zip being a quarter of the generator's time.
func newDeflater(w io.Writer) (io.WriteCloser, error) {
	if fw, ok := deflaters.Get().(*kflate.Writer); ok {
		fw.Reset(w)
		return pooledDeflater{fw}, nil
	}
	fw, err := kflate.NewWriter(w, 1)
	return pooledDeflater{fw}, err
}

// pooledDeflater goes back to deflaters when closed.
type pooledDeflater struct{ *kflate.Writer }

func (d pooledDeflater) Close() error {
	err := d.Writer.Close()
	deflaters.Put(d.Writer)
	return err
}

// readme is the README.txt of a report's data folder and zip.
func readme(r *report.Report, files []csvout.Dataset) string {
	var b strings.Builder
	b.WriteString(r.Symbol + " — " + r.Title + "\n\n")
	b.WriteString("Data of the budget performance report " + r.Symbol + " (" + r.Mission.Acronym + ", " + r.Period.Label + "), from pkportal.\n\n")
	b.WriteString("- Amounts are in " + report.AmountUnit + ", as in the report.\n")
	b.WriteString("- CSV: UTF-8, comma-separated, one header row, numbers with a decimal point and no thousands separator; an empty cell is a nil (\"–\") or absent figure.\n")
	b.WriteString("- Hierarchical tables have group and row_type columns: filter row_type = item to add up to the table's total without double counting (a deduction, e.g. staff assessment income, is subtracted from the gross amount to give the net amount and is not an item).\n")
	b.WriteString("- datapackage.json describes every CSV file (Frictionless Tabular Data Package): field names, types, units, titles in French and English.\n")
	b.WriteString("- Each {id}.csv has a {id}.json twin: the same rows as JSON objects, numbers as numbers, empty cells as null.\n")
	b.WriteString("- A table's footnotes, and the lines printed under it (such as III.B's share of redeployments), are its resource's notes in datapackage.json (each with the rows and fields that call it) and the notes of its {id}.json.\n")
	b.WriteString("- report.json is the whole structured report (schema version " + report.SchemaVersion + "), described by the JSON Schema report.schema.json.\n")
	b.WriteString("- " + r.Slug + ".ris and " + r.Slug + ".bib are the report's reference for a reference manager (RIS: Zotero, EndNote, Mendeley; BibTeX).\n")
	b.WriteString("\nFiles:\n")
	for _, d := range files {
		b.WriteString("- " + d.ID + ".csv — " + englishTitle(d) + "\n")
	}
	b.WriteString("\nResults frameworks (ea-N-M-indicators, ea-N-M-outputs):\n")
	b.WriteString("- indicators: one row per indicator of achievement; baseline is the value of the period before the report's, target the value of the report's period, both as printed and as numbers (baseline_value, target_value) with their unit and comparator; status is what the report says (achieved, not-achieved, partly, not-assessable) and status_basis how it was read. A status is never guessed.\n")
	b.WriteString("- outputs: one row per delivered figure (completed as printed, value, label), with the planned output and the remarks; status is completed or not-completed when the report answers yes or no, empty otherwise.\n")
	b.WriteString("- versus_plan (both): above or below when the report's text (the actual indicator, the output's remarks) says the result was higher or lower than planned, whether that is good or bad; empty when it says neither, or both (an output of several parts).\n")
	b.WriteString("\nCustom downloads (several tables or reports in one tidy table, chosen columns, items only, semicolon and decimal comma, XLSX): /api/csv?report=" + r.Slug + "&table=iii-a&format=csv|tsv|json|xlsx&columns=…&row_type=item&delimiter=semicolon&decimal=comma&bom=1\n")
	if len(r.Warnings) > 0 {
		b.WriteString("\nDiscrepancies found in the source itself (each figure published as printed; also under \"warnings\" in its table's {id}.json and resource in datapackage.json):\n")
		for _, w := range r.Warnings {
			b.WriteString("- " + warningLine(w) + "\n")
		}
	}
	b.WriteString("\nCite as: " + r.CiteReport("en") + ". Source: " + officialURL(r) + "\n")
	b.WriteString("Terms of use: United Nations terms of use, " + termsOfUse + "\n")
	return b.String()
}

func writeDataPackage(dd *dataFolder, r *report.Report, files []csvout.Dataset) error {
	pkg, err := dataPackage(r, dd, files)
	if err != nil {
		return err
	}
	b, err := json.Marshal(pkg)
	if err != nil {
		return err
	}
	if err := dd.write("datapackage.json", append(appendIndent(make([]byte, 0, len(b)*3/2), b, "", " "), '\n')); err != nil {
		return err
	}
	if err := dd.write("README.txt", []byte(readme(r, files))); err != nil {
		return err
	}
	return writeZip(dd, r.Slug+".zip")
}
