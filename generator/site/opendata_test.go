package site

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"pkportal/csvout"
	"pkportal/ingest"
	"pkportal/report"
)

var (
	dataOnce sync.Once
	dataDir  string
	dataRep  *report.Report
	dataErr  error
)

// realData ingests the sources and writes the data folder of the first
// report, once for all the tests of this file.
func realData(t *testing.T) (string, *report.Report) {
	t.Helper()
	dataOnce.Do(func() {
		var rs []*report.Report
		rs, dataErr = ingest.ParseDir("../../sources")
		if dataErr != nil {
			return
		}
		if len(rs) == 0 {
			dataErr = os.ErrNotExist
			return
		}
		dataRep = rs[0]
		dataDir, dataErr = os.MkdirTemp("", "pkportal-data-")
		if dataErr != nil {
			return
		}
		dataDir = filepath.Join(dataDir, dataRep.Slug)
		dataErr = writeData(dataDir, dataRep, dataFiles(dataRep, csvout.Datasets(dataRep)))
	})
	if dataErr != nil {
		t.Fatal(dataErr)
	}
	return dataDir, dataRep
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dataDir != "" {
		os.RemoveAll(filepath.Dir(dataDir))
	}
	os.Exit(code)
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// Every static CSV and JSON file parses back to exactly the model's
// values: those of csvout.Datasets, and, read again from the model
// itself, those of the tables, indicators, outputs, variances and
// follow-up.
func TestStaticDataMatchesModel(t *testing.T) {
	dir, r := realData(t)
	ds := dataFiles(r, csvout.Datasets(r))
	ids := map[string]bool{}
	for _, d := range ds {
		ids[d.ID] = true
		recs := readCSV(t, filepath.Join(dir, d.ID+".csv"))
		if !slices.Equal(recs[0], d.Frame.Fields) {
			t.Errorf("%s: header %v, want %v", d.ID, recs[0], d.Frame.Fields)
		}
		if !reflect.DeepEqual(recs[1:], d.Frame.Records) && !(len(recs) == 1 && len(d.Frame.Records) == 0) {
			t.Errorf("%s: records differ from the model", d.ID)
		}
		// the JSON file: same rows, fields in order, numbers as numbers
		b, err := os.ReadFile(filepath.Join(dir, d.ID+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Report string                       `json:"report"`
			Fields []string                     `json:"fields"`
			Rows   []map[string]json.RawMessage `json:"rows"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s.json: %v", d.ID, err)
		}
		if doc.Report != r.Symbol || !slices.Equal(doc.Fields, d.Frame.Fields) || len(doc.Rows) != len(d.Frame.Records) {
			t.Fatalf("%s.json: report %q, fields %v, %d rows", d.ID, doc.Report, doc.Fields, len(doc.Rows))
		}
		for i, rec := range d.Frame.Records {
			for j, v := range rec {
				raw := string(doc.Rows[i][d.Frame.Fields[j]])
				var want string
				switch {
				case v == "":
					want = "null"
				case d.Frame.Numeric[j]:
					want = v
				default:
					q, _ := json.Marshal(v)
					var back string
					_ = json.Unmarshal([]byte(raw), &back)
					if back != v {
						t.Errorf("%s.json row %d %s: %s, want %s", d.ID, i, d.Frame.Fields[j], raw, q)
					}
					continue
				}
				if raw != want {
					t.Errorf("%s.json row %d %s: %s, want %s", d.ID, i, d.Frame.Fields[j], raw, want)
				}
			}
		}
	}
	for _, want := range []string{"summary-financial", "summary-hr", "iii-a", "iii-b", "iii-d", "iii-e", "iii-e-factors", "iii-f", "iv", "vi", "ea-1-1-indicators", "ea-5-1-outputs"} {
		if !ids[want] {
			t.Errorf("no dataset %s", want)
		}
	}

	// report tables against the model's cells
	for _, tb := range r.Tables {
		recs := readCSV(t, filepath.Join(dir, tb.ID+".csv"))
		if len(recs)-1 != len(tb.Rows) {
			t.Fatalf("%s: %d rows, want %d", tb.ID, len(recs)-1, len(tb.Rows))
		}
		for i, row := range tb.Rows {
			got := recs[i+1]
			if got[0] != row.Label || got[1] != row.Group || got[2] != row.Type {
				t.Errorf("%s row %d: %q", tb.ID, i, got[:3])
			}
			for j, c := range row.Cells {
				want := string(c.Num)
				if want == "" {
					want = c.Text
				}
				if got[3+j] != want {
					t.Errorf("%s row %d %s: %q, want %q (printed %q)", tb.ID, i, tb.Columns[j].Key, got[3+j], want, c.Raw)
				}
				if c.Num != "" {
					if _, err := strconv.ParseFloat(got[3+j], 64); err != nil {
						t.Errorf("%s: %q is not a number", tb.ID, got[3+j])
					}
				}
			}
		}
	}
	// results frameworks against the model
	var nInd, nOut int
	for _, c := range r.Components {
		for _, ea := range c.Accomplishments {
			ind := readCSV(t, filepath.Join(dir, ea.ID+"-indicators.csv"))
			col := func(recs [][]string, name string) int { return slices.Index(recs[0], name) }
			if len(ind)-1 != len(ea.Indicators) {
				t.Fatalf("%s: %d indicator rows, want %d", ea.ID, len(ind)-1, len(ea.Indicators))
			}
			for i, in := range ea.Indicators {
				row := ind[i+1]
				nInd++
				if row[col(ind, "id")] != in.ID || row[col(ind, "planned")] != in.Planned || row[col(ind, "actual")] != in.Actual ||
					row[col(ind, "status")] != in.Status || row[col(ind, "status_basis")] != in.StatusBasis {
					t.Errorf("%s: row %q", in.ID, row)
				}
				if n := len(in.Values); n > 0 {
					tg := in.Values[n-1]
					if row[col(ind, "target")] != tg.Raw || row[col(ind, "target_value")] != string(tg.Num) || row[col(ind, "target_period")] != tg.Period {
						t.Errorf("%s: target %q, want %+v", in.ID, row, tg)
					}
				}
			}
			out := readCSV(t, filepath.Join(dir, ea.ID+"-outputs.csv"))
			k := 1
			for _, o := range ea.Outputs {
				figs := o.Completed
				if len(figs) == 0 {
					figs = []report.Delivered{{}}
				}
				for _, d := range figs {
					row := out[k]
					k++
					nOut++
					if row[col(out, "id")] != o.ID || row[col(out, "planned")] != o.Planned || row[col(out, "remarks")] != o.Remarks ||
						row[col(out, "completed")] != d.Raw || row[col(out, "value")] != string(d.Num) || row[col(out, "label")] != d.Label {
						t.Errorf("%s: row %q, want %+v", o.ID, row, d)
					}
				}
			}
			if k != len(out) {
				t.Errorf("%s: %d output rows, want %d", ea.ID, len(out)-1, k-1)
			}
		}
	}
	if nInd < 90 || nOut < 200 {
		t.Errorf("%d indicators and %d output rows", nInd, nOut)
	}
	// variances, with their explanation text
	iv := readCSV(t, filepath.Join(dir, "iv.csv"))
	if len(iv)-1 != len(r.Variances) {
		t.Fatalf("iv: %d rows, want %d", len(iv)-1, len(r.Variances))
	}
	for i, v := range r.Variances {
		row := iv[i+1]
		if row[0] != v.ID || row[3] != string(v.Amount) || row[4] != string(v.Percent) || len(row[6]) < 20 {
			t.Errorf("iv row %q, want %+v", row, v)
		}
	}
	vi := readCSV(t, filepath.Join(dir, "vi.csv"))
	if len(vi)-1 != len(r.FollowUp) {
		t.Fatalf("vi: %d rows, want %d", len(vi)-1, len(r.FollowUp))
	}
	for i, f := range r.FollowUp {
		if row := vi[i+1]; row[0] != f.ID || row[4] != f.Request || row[5] != f.Action {
			t.Errorf("vi row %q", row)
		}
	}
}

func compileSchema(t *testing.T, path string) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + filepath.Base(path)
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s does not validate: %v", filepath.Base(path), err)
	}
}

// report.json validates against the report.schema.json published beside
// it, and reads back into the same report.
func TestReportJSONSchema(t *testing.T) {
	dir, r := realData(t)
	s := compileSchema(t, filepath.Join(dir, "report.schema.json"))
	validate(t, s, filepath.Join(dir, "report.json"))

	b, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var back report.Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(r)
	got, _ := json.Marshal(&back)
	if !bytes.Equal(want, got) {
		t.Error("report.json does not read back into the same report")
	}
	var top map[string]any
	_ = json.Unmarshal(b, &top)
	if top["schema_version"] != report.SchemaVersion || top["$schema"] != "report.schema.json" {
		t.Errorf("schema_version %v, $schema %v", top["schema_version"], top["$schema"])
	}
	// the schema is strict: a field it does not know, or a number as a
	// string, fails
	for key, v := range map[string]any{"oops": 1, "period": "2020/21", "tables": []any{map[string]any{"id": "x"}}} {
		bad := map[string]any{}
		_ = json.Unmarshal(b, &bad)
		bad[key] = v
		raw, _ := json.Marshal(bad)
		inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
		if s.Validate(inst) == nil {
			t.Errorf("report.json with %s = %v validates", key, v)
		}
	}
	var sch map[string]any
	sb, _ := os.ReadFile(filepath.Join(dir, "report.schema.json"))
	_ = json.Unmarshal(sb, &sch)
	if sch["schema_version"] != report.SchemaVersion || sch["$schema"] != SchemaDialect {
		t.Errorf("schema header %v %v", sch["schema_version"], sch["$schema"])
	}
}

// The synthetic fixture validates too: the schema does not depend on one
// report's shape (empty lists, missing sections).
func TestReportSchemaOnFixture(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a-99-1")
	if err := writeData(dir, fixture(), dataFiles(fixture(), csvout.Datasets(fixture()))); err != nil {
		t.Fatal(err)
	}
	validate(t, compileSchema(t, filepath.Join(dir, "report.schema.json")), filepath.Join(dir, "report.json"))
	validate(t, compileSchema(t, "testdata/tabular-data-package.schema.json"), filepath.Join(dir, "datapackage.json"))
}

// datapackage.json is a valid Frictionless Tabular Data Package: against
// the JSON Schema of the specification in testdata, and for what a JSON
// Schema cannot say: unique resource names, files that exist with the
// stated size and hash, CSV headers equal to the schema's field names,
// and values that parse as their field's type.
func TestDataPackage(t *testing.T) {
	dir, r := realData(t)
	validate(t, compileSchema(t, "testdata/tabular-data-package.schema.json"), filepath.Join(dir, "datapackage.json"))

	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var pkg struct {
		Profile   string `json:"profile"`
		Name      string `json:"name"`
		Resources []struct {
			Name    string `json:"name"`
			Path    string `json:"path"`
			Bytes   int    `json:"bytes"`
			Hash    string `json:"hash"`
			Profile string `json:"profile"`
			Notes   []struct {
				Label, Text  string
				Rows, Fields []string
			} `json:"notes"`
			Schema struct {
				Fields []struct {
					Name        string            `json:"name"`
					Type        string            `json:"type"`
					Unit        string            `json:"unit"`
					Titles      map[string]string `json:"titles"`
					Constraints struct {
						Enum []string `json:"enum"`
					} `json:"constraints"`
				} `json:"fields"`
				PrimaryKey []string `json:"primaryKey"`
			} `json:"schema"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Profile != "tabular-data-package" || pkg.Name != r.Slug || len(pkg.Resources) != len(dataFiles(r, csvout.Datasets(r))) {
		t.Fatalf("profile %q, name %q, %d resources", pkg.Profile, pkg.Name, len(pkg.Resources))
	}
	names := map[string]bool{}
	var amounts int
	// a table's notes, which its CSV has no place for, are in its resource:
	// III.B's share of redeployments, printed under the table
	notes := map[string]string{}
	calls := map[string]bool{} // "table/label/row or field"
	for _, res := range pkg.Resources {
		for _, n := range res.Notes {
			notes[res.Name] += n.Label + " " + n.Text + "\n"
			for _, x := range append(n.Rows, n.Fields...) {
				calls[res.Name+"/"+n.Label+"/"+x] = true
			}
		}
	}
	if !strings.Contains(notes["iii-b"], "Pourcentage de réaffectations 0,8") {
		t.Errorf("iii-b's notes: %q", notes["iii-b"])
	}
	for _, tb := range r.Tables {
		for _, n := range tb.Notes {
			if !strings.Contains(notes[tb.ID], n.Label+" "+n.Text) {
				t.Errorf("%s: note %s %q not in its resource", tb.ID, n.Label, n.Text)
			}
		}
		// each note says which rows and fields call it ("c": Emplois de temporaire)
		for _, row := range tb.Rows {
			for _, l := range row.Notes {
				if !calls[tb.ID+"/"+l+"/"+row.Label] {
					t.Errorf("%s: note %s does not name its row %q", tb.ID, l, row.Label)
				}
			}
		}
		for _, c := range tb.Columns {
			for _, l := range c.Notes {
				if !calls[tb.ID+"/"+l+"/"+c.Key] {
					t.Errorf("%s: note %s does not name its field %s", tb.ID, l, c.Key)
				}
			}
		}
	}
	if !calls["summary-hr/c/Emplois de temporaire"] {
		t.Error("summary-hr's note c does not name its row")
	}
	for _, res := range pkg.Resources {
		if names[res.Name] {
			t.Errorf("resource name %s twice", res.Name)
		}
		names[res.Name] = true
		data, err := os.ReadFile(filepath.Join(dir, res.Path))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if res.Bytes != len(data) || res.Hash != "sha256:"+hex.EncodeToString(sum[:]) {
			t.Errorf("%s: bytes or hash wrong", res.Path)
		}
		recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", res.Path, err)
		}
		var fieldNames []string
		for _, f := range res.Schema.Fields {
			fieldNames = append(fieldNames, f.Name)
			if f.Unit == report.AmountUnit {
				amounts++
			}
			if f.Titles["fr"] == "" && f.Titles[r.Language] == "" {
				t.Errorf("%s.%s: no title in the report's language", res.Name, f.Name)
			}
		}
		if !slices.Equal(recs[0], fieldNames) {
			t.Errorf("%s: header %v, schema %v", res.Path, recs[0], fieldNames)
		}
		for _, k := range res.Schema.PrimaryKey {
			if !slices.Contains(fieldNames, k) {
				t.Errorf("%s: primary key %s is no field", res.Name, k)
			}
		}
		for i, f := range res.Schema.Fields {
			keys := map[string]bool{}
			for _, rec := range recs[1:] {
				v := rec[i]
				if slices.Equal(res.Schema.PrimaryKey, []string{f.Name}) {
					if keys[v] || v == "" {
						t.Errorf("%s: primary key %q not unique", res.Name, v)
					}
					keys[v] = true
				}
				if v == "" {
					continue
				}
				switch f.Type {
				case "number":
					if _, err := strconv.ParseFloat(v, 64); err != nil || !csvout.IsNumber(v) {
						t.Errorf("%s.%s: %q is not a number", res.Name, f.Name, v)
					}
				case "integer":
					if _, err := strconv.Atoi(v); err != nil {
						t.Errorf("%s.%s: %q is not an integer", res.Name, f.Name, v)
					}
				case "date":
					if len(v) != 10 || v[4] != '-' || v[7] != '-' {
						t.Errorf("%s.%s: %q is not a date", res.Name, f.Name, v)
					}
				}
				if enum := f.Constraints.Enum; enum != nil && !slices.Contains(enum, v) {
					t.Errorf("%s.%s: %q not in %v", res.Name, f.Name, v, enum)
				}
			}
		}
	}
	if amounts == 0 {
		t.Error("no field in thousands of US dollars")
	}
}

// The zip holds every file of the data folder, byte for byte.
func TestZipHoldsEveryFile(t *testing.T) {
	dir, r := realData(t)
	zr, err := zip.OpenReader(filepath.Join(dir, r.Slug+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	inZip := map[string]*zip.File{}
	for _, f := range zr.File {
		inZip[f.Name] = f
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if e.Name() == r.Slug+".zip" {
			continue
		}
		n++
		zf, ok := inZip[r.Slug+"/"+e.Name()]
		if !ok {
			t.Errorf("zip lacks %s", e.Name())
			continue
		}
		want, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		_, _ = got.ReadFrom(rc)
		rc.Close()
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("zip's %s differs", e.Name())
		}
	}
	if len(inZip) != n {
		t.Errorf("zip holds %d files, folder %d", len(inZip), n)
	}
	for _, f := range []string{"datapackage.json", "report.json", "report.schema.json", "README.txt", "iii-a.csv", "iii-a.json", "iv.csv", "vi.csv", "ea-2-1-indicators.csv"} {
		if inZip[r.Slug+"/"+f] == nil {
			t.Errorf("zip lacks %s", f)
		}
	}
	// a date the format has (a zero one was written "1980-00-00", which
	// unzip turns into 31 December 1979)
	for _, f := range zr.File {
		if m := f.Modified; m.Year() != 1980 || m.Month() != 1 || m.Day() != 1 || f.ModifiedDate != 0x21 {
			t.Errorf("%s: dated %v (DOS date %#x)", f.Name, m, f.ModifiedDate)
			break
		}
	}
}

// README.txt says where a discrepancy of the source is and what its check
// expects, and the terms of use.
func TestReadmeSaysDiscrepanciesAndTerms(t *testing.T) {
	dir, _ := realData(t)
	b, err := os.ReadFile(filepath.Join(dir, "README.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`- iii-b, row "II. Personnel civil", revised_distribution: the source prints 206098.8 where the check "revised distribution ≥ the category’s expenditure in table III.A" expects 206098.9`,
		"Terms of use: United Nations terms of use, https://www.un.org/en/about-us/terms-of-use",
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("README.txt lacks %q", want)
		}
	}
}

// The Data Package schema of testdata rejects what the specification
// forbids, so that its passing means something.
func TestDataPackageSchemaRejects(t *testing.T) {
	s := compileSchema(t, "testdata/tabular-data-package.schema.json")
	good := `{"profile":"tabular-data-package","name":"a-1","licenses":[{"path":"https://x.org/terms","title":"T"}],
	 "resources":[{"profile":"tabular-data-resource","name":"t","path":"t.csv","schema":{"fields":[{"name":"a","type":"number"}]}}]}`
	check := func(doc string, ok bool) {
		t.Helper()
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(inst); (err == nil) != ok {
			t.Errorf("valid=%v, want %v: %s (%v)", err == nil, ok, doc, err)
		}
	}
	check(good, true)
	for _, bad := range [][2]string{
		{`"type":"number"`, `"type":"decimal"`},
		{`"name":"a-1"`, `"name":"A 1"`},
		{`"path":"t.csv"`, `"path":"/etc/t.csv"`},
		{`"path":"t.csv"`, `"path":"../t.csv"`},
		{`"profile":"tabular-data-resource",`, ``},
		{`{"name":"a","type":"number"}`, `{"type":"number"}`},
		{`[{"path":"https://x.org/terms","title":"T"}]`, `[]`},
		{`[{"path":"https://x.org/terms","title":"T"}]`, `[{"title":"T"}]`},
		{`"fields":[{"name":"a","type":"number"}]`, `"fields":[]`},
	} {
		check(strings.Replace(good, bad[0], bad[1], 1), false)
	}
	check(strings.Replace(good, `"resources":[{`, `"resources":[],"x":[{`, 1), false)
}

// TestDatasetsSayWhereTheyComeFrom: every dataset's JSON and datapackage
// resource names the section that prints it, and its JSON how to cite it
// (the results frameworks' datasets had neither).
func TestDatasetsSayWhereTheyComeFrom(t *testing.T) {
	_, r := realData(t)
	for _, d := range csvout.Datasets(r) {
		sec := datasetSection(r, d)
		if sec == "" || r.PageOf()[sec] == "" && sec != "summary" {
			t.Errorf("%s: section %q", d.ID, sec)
		}
		b, err := datasetJSON(r, d)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct{ Citation, Section string }
		if err := json.Unmarshal(b, &doc); err != nil || doc.Section != sec || !strings.HasPrefix(doc.Citation, "A/76/564, ") {
			t.Errorf("%s.json: section %q, citation %q (%v)", d.ID, doc.Section, doc.Citation, err)
		}
	}
	if got := datasetSection(r, csvout.Dataset{ID: "ea-2-1-outputs", Kind: "outputs"}); got != "ii-f-2" {
		t.Errorf("ea-2-1-outputs: section %q, want ii-f-2", got)
	}
}

// TestDatasetJSON: the {id}.json files are the bytes that MarshalIndent
// of the document as a map gave (they were written so before).
func TestDatasetJSON(t *testing.T) {
	_, r := realData(t)
	ds := dataFiles(r, csvout.Datasets(r))
	// and the characters encoding/json escapes, in every part
	odd := "a <b> & \"c\" \\ \u2028 \b\f\x01 é"
	ds = append(ds, csvout.Dataset{ID: "odd", Title: odd, Kind: "table",
		Frame: csvout.Frame{Fields: []string{"label", odd}, Numeric: []bool{false, true}, Records: [][]string{{odd, "1.5"}, {"", "05"}}},
		Table: &report.Table{Section: odd, Unit: odd, Columns: []report.Column{{Key: odd, Label: odd, Notes: []string{odd}}}, Notes: []report.Note{{Label: "a", Text: odd}}}},
		csvout.Dataset{ID: "empty", Kind: "chart", Table: &report.Table{}})
	for _, d := range ds {
		doc := map[string]any{
			"report": r.Symbol, "period": r.Period.Label, "id": d.ID, "title": d.Title, "kind": d.Kind,
			"schema_version": report.SchemaVersion,
			"fields":         d.Frame.Fields, "rows": json.RawMessage(csvout.AppendJSON(nil, d.Frame)),
		}
		if d.Table != nil {
			doc["unit"] = d.Table.Unit
			doc["columns"] = d.Table.Columns
			doc["notes"] = d.Table.Notes
		}
		if sec := datasetSection(r, d); sec != "" {
			doc["section"] = sec
		}
		if d.Kind != "chart" {
			doc["citation"] = r.CiteTable("en", d.ID)
		}
		if ws := tableWarnings(r, d.ID); ws != nil {
			doc["warnings"] = ws
		}
		want, err := json.MarshalIndent(doc, "", " ")
		if err != nil {
			t.Fatal(err)
		}
		got, err := datasetJSON(r, d)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want)+"\n" {
			t.Errorf("%s.json:\n%s\nwant\n%s", d.ID, got, want)
		}
	}
}

// checkIndent fails if appendIndent and json.Indent differ on the
// compact form of the valid JSON src.
func checkIndent(t *testing.T, src []byte) {
	t.Helper()
	var compact bytes.Buffer
	if err := json.Compact(&compact, src); err != nil {
		return // not JSON: appendIndent is never given it
	}
	for _, pi := range [][2]string{{"", " "}, {" ", " "}, {"", "\t"}} {
		var want bytes.Buffer
		if err := json.Indent(&want, compact.Bytes(), pi[0], pi[1]); err != nil {
			t.Fatal(err)
		}
		got := appendIndent([]byte("prefix:"), compact.Bytes(), pi[0], pi[1])
		if string(got) != "prefix:"+want.String() {
			t.Errorf("%q with %q: appendIndent gives\n%s\njson.Indent gives\n%s", compact.String(), pi, got, want.String())
		}
	}
}

// TestAppendIndentIsJSONIndent: report.json and datapackage.json are
// indented as json.Indent would, on the real report and on the cases of
// strings, escapes and empty containers.
func TestAppendIndentIsJSONIndent(t *testing.T) {
	_, r := realData(t)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	checkIndent(t, b)
	for _, s := range []string{`{}`, `[]`, `[{},[],{"a":[]}]`, `"a\"b"`, `"a\\"`, `["a\\\"b\\\\",":{[,"]`, `{"k\"":"v\\","":0}`,
		`{"a":{"b":[1,-2.5e+3,true,false,null]}}`, `"\u003cé\u2028"`, `0`, `[[[[]]]]`} {
		checkIndent(t, []byte(s))
	}
}

// FuzzAppendIndent: appendIndent is json.Indent on any valid JSON.
func FuzzAppendIndent(f *testing.F) {
	f.Add(`{"a":[1,{"b":"c\"]"},[]],"d":{}}`)
	f.Fuzz(func(t *testing.T, s string) { checkIndent(t, []byte(s)) })
}

// A figure the source contradicts (III.B's civilian personnel, 206 098,8
// where III.A's expenditure is 206 098,9) is published as printed, with
// the discrepancy in its table's own files, not only in report.json; and
// the output counts the portal made say so in their data.
func TestDatasetFilesSayTheirDiscrepanciesAndCounts(t *testing.T) {
	dir, _ := realData(t)
	var iiib, iiia, outputs struct {
		Warnings []report.Warning `json:"warnings"`
		Notes    []report.Note    `json:"notes"`
	}
	for name, v := range map[string]any{"iii-b.json": &iiib, "iii-a.json": &iiia, "chart-output-delivery.json": &outputs} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if len(iiib.Warnings) != 1 || iiib.Warnings[0].Row != "II. Personnel civil" || iiib.Warnings[0].Printed != "206098.8" || iiib.Warnings[0].Expected != "206098.9" {
		t.Errorf("iii-b.json warnings: %+v", iiib.Warnings)
	}
	if len(iiia.Warnings) != 0 {
		t.Errorf("iii-a.json has warnings: %+v", iiia.Warnings)
	}
	if len(outputs.Notes) != 1 || !strings.HasPrefix(outputs.Notes[0].Text, "Chiffres comptés par le portail") {
		t.Errorf("chart-output-delivery.json notes: %+v", outputs.Notes)
	}
	b, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		t.Fatal(err)
	}
	var dp struct {
		Resources []struct {
			Name     string           `json:"name"`
			Warnings []report.Warning `json:"warnings"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &dp); err != nil {
		t.Fatal(err)
	}
	for _, res := range dp.Resources {
		if (len(res.Warnings) > 0) != (res.Name == "iii-b") {
			t.Errorf("datapackage resource %s: warnings %+v", res.Name, res.Warnings)
		}
	}
}
