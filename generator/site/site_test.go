package site

import (
	"archive/zip"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pkportal/generator/hugobuild"
	"pkportal/report"
)

// fixture is a small report with one of each kind of thing a page shows.
func fixture() *report.Report {
	r := &report.Report{
		SchemaVersion: report.SchemaVersion, Symbol: "A/99/1", Slug: "a-99-1", Language: "fr",
		Title:   "Exécution du budget <de test> & co",
		Mission: report.Mission{Acronym: "MINUTEST", Name: "Mission de test"},
		Period:  report.Period{Start: "2020-07-01", End: "2021-06-30", Label: "2020/21"},
		Unit:    report.AmountUnit,
	}
	p1 := &report.Paragraph{Number: 1, ID: "par-1", Text: "Dans son rapport (A/74/745), le <script>alert(1)</script> budget.",
		Citations: []report.Citation{{Text: "A/74/745", Symbol: "A/74/745", URL: "https://undocs.org/fr/A/74/745"}}}
	p2 := &report.Paragraph{Number: 2, ID: "par-2", Text: "Les facteurs suivants :",
		Items: []report.Item{{Label: "a", Text: "rations ;"}, {Label: "b", Text: "drones."}}}
	r.Sections = []*report.Section{
		{ID: "summary", Title: "Résumé", Blocks: []report.Block{{Paragraph: &report.Paragraph{ID: "summary-p1", Text: "Un résumé."}}, {Table: "summary-financial"}}},
		{ID: "i", Number: "I", Title: "Introduction", Level: 1, Blocks: []report.Block{{Paragraph: p1}}},
		{ID: "iii", Number: "III", Title: "Exécution du budget", Level: 1, Children: []*report.Section{
			{ID: "iii-a", Number: "A", Title: "Ressources financières", Level: 2, Blocks: []report.Block{{Table: "summary-financial"}, {Paragraph: p2}}},
		}},
	}
	r.Tables = []*report.Table{{
		ID: "summary-financial", Section: "summary", Title: "Ressources financières", Unit: report.AmountUnit,
		Columns: []report.Column{{Key: "apportionment", Label: "Montant alloué", Type: "number"}, {Key: "expenditure", Label: "Dépenses", Type: "number"}, {Key: "variance_amount", Label: "Montant", Type: "number"}},
		Rows: []report.Row{
			{Label: "Personnel civil", Type: report.RowItem, Cells: []report.Cell{{Raw: "196 654,7", Num: "196654.7"}, {Raw: "206 098,9", Num: "206098.9"}, {Raw: "(9 444,2)", Num: "-9444.2"}}},
			{Label: "Total", Type: report.RowTotal, Cells: []report.Cell{{Raw: "1 183 384,7", Num: "1183384.7"}, {Raw: "1 103 359,2", Num: "1103359.2"}, {Raw: "80 025,5", Num: "80025.5"}}},
		},
	}}
	return r
}

func TestWriteAndRender(t *testing.T) {
	dir := t.TempDir()
	src, pub := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := Write(src, []*report.Report{fixture()}); err != nil {
		t.Fatal(err)
	}
	if _, err := hugobuild.Build(hugobuild.Options{SiteDir: src, PublishDir: pub}); err != nil {
		t.Fatal(err)
	}
	read := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(pub, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	home := read("fr/a-99-1/index.html")
	for _, want := range []string{`lang="fr"`, "1\u202f183\u202f384,7", "(<span class=\"vh\">moins </span>9\u202f444,2)", "93,2\u202f%", `id="summary-p1"`} {
		if !strings.Contains(home, want) {
			t.Errorf("fr home lacks %q", want)
		}
	}
	en := read("en/a-99-1/index.html")
	for _, want := range []string{`<html lang="en"`, "1,183,384.7", `(<span class="vh" lang="en">minus </span>9,444.2)`, "93.2%", `<section aria-labelledby="summary" lang="fr">`} {
		if !strings.Contains(en, want) {
			t.Errorf("en home lacks %q", want)
		}
	}
	intro := read("fr/a-99-1/i/index.html")
	if !strings.Contains(intro, `id="par-1"`) || !strings.Contains(intro, `<a href="https://undocs.org/fr/A/74/745">A/74/745</a>`) {
		t.Errorf("intro page lacks the paragraph anchor or the citation link")
	}
	if strings.Contains(intro, "<script>alert") || !strings.Contains(intro, "&lt;script&gt;") {
		t.Errorf("source text not escaped")
	}
	iii := read("fr/a-99-1/iii/index.html")
	if !strings.Contains(iii, `id="table-summary-financial"`) || !strings.Contains(iii, `<span class="label">b)</span> drones.`) {
		t.Errorf("section III page lacks its table or its items")
	}
	redirect := read("fr/a-99-1/par/2/index.html")
	if !strings.Contains(redirect, `url=/fr/a-99-1/iii/#par-2`) {
		t.Errorf("permalink of par. 2 does not redirect to its anchor:\n%s", redirect)
	}
	tp := read("en/a-99-1/tables/summary-financial/index.html")
	for _, want := range []string{`<caption id="table-summary-financial-caption">Ressources financières`, `<td class="num" data-value="-9444.2">(<span class="vh" lang="en">minus </span>9,444.2)</td>`, `"@type":"Dataset"`, `href="/data/a-99-1/summary-financial.csv"`} {
		if !strings.Contains(tp, want) {
			t.Errorf("table page lacks %q", want)
		}
	}
	if !strings.Contains(read("fr/a-99-1/tables/index.html"), `href="/fr/a-99-1/tables/summary-financial/"`) {
		t.Error("table index does not link the table page")
	}
	var pkg struct {
		Resources []struct {
			Path   string `json:"path"`
			Schema struct {
				Fields []struct{ Name, Type, Unit string } `json:"fields"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if err := json.Unmarshal([]byte(read("data/a-99-1/datapackage.json")), &pkg); err != nil || len(pkg.Resources) == 0 {
		t.Fatalf("datapackage.json: %v", err)
	}
	zr, err := zip.OpenReader(filepath.Join(pub, "data/a-99-1/a-99-1.zip"))
	if err != nil {
		t.Fatal(err)
	}
	inZip := map[string]bool{}
	for _, f := range zr.File {
		inZip[f.Name] = true
	}
	zr.Close()
	for _, r := range pkg.Resources {
		if _, err := os.Stat(filepath.Join(pub, "data/a-99-1", r.Path)); err != nil {
			t.Errorf("datapackage lists %s, not written", r.Path)
		}
		if !inZip["a-99-1/"+r.Path] {
			t.Errorf("zip lacks %s", r.Path)
		}
	}
	for _, f := range []string{"datapackage.json", "report.json", "README.txt"} {
		if !inZip["a-99-1/"+f] {
			t.Errorf("zip lacks %s", f)
		}
	}
	csv := read("data/a-99-1/summary-financial.csv")
	if !strings.Contains(csv, "Personnel civil,,item,196654.7,206098.9,-9444.2\n") {
		t.Errorf("csv:\n%s", csv)
	}
}

// TestHostileTextIsEscapedEverywhere feeds a report whose texts hold
// markup, quotes, ampersands and formula-like cells: the HTML shows them as
// text, report.json and the CSV give them back exactly.
func TestHostileTextIsEscapedEverywhere(t *testing.T) {
	r := fixture()
	hostile := `<script>alert("x")</script> & "quoted" <img src=x onerror=alert(1)>`
	formula := `=HYPERLINK("http://evil","click")`
	r.Sections[1].Blocks[0].Paragraph.Text = hostile
	r.Tables[0].Rows[0].Label = formula
	r.Tables[0].Title = hostile
	dir := t.TempDir()
	src, pub := filepath.Join(dir, "site"), filepath.Join(dir, "public")
	if err := Write(src, []*report.Report{r}); err != nil {
		t.Fatal(err)
	}
	if _, err := hugobuild.Build(hugobuild.Options{SiteDir: src, PublishDir: pub}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"fr/a-99-1/i/index.html", "en/a-99-1/index.html", "fr/a-99-1/tables/summary-financial/index.html"} {
		b, err := os.ReadFile(filepath.Join(pub, p))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "<script>alert") || strings.Contains(string(b), "<img src=x") {
			t.Errorf("%s: source text not escaped", p)
		}
	}
	var back report.Report
	b, _ := os.ReadFile(filepath.Join(pub, "data/a-99-1/report.json"))
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Sections[1].Blocks[0].Paragraph.Text != hostile || back.Tables[0].Rows[0].Label != formula {
		t.Error("report.json does not give the texts back exactly")
	}
	f, err := os.Open(filepath.Join(pub, "data/a-99-1/summary-financial.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][0] != formula {
		t.Errorf("CSV label %q, want %q (the static CSV is the data as printed; /api/csv neutralises)", recs[1][0], formula)
	}
}
