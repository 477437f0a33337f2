package e2e

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"pkportal/csvout"
	"pkportal/ingest"
)

// ldRE finds a page's JSON-LD blocks.
var ldRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestDatasetsForSearchEngines: the report home (all its data) and every
// table page (that table) describe a schema.org Dataset as dataset search
// engines read it: a name, a description of 50 to 5,000 characters, the
// creator, the licence, the period, and downloads that answer with their
// format.
func TestDatasetsForSearchEngines(t *testing.T) {
	pages := []string{"/fr/a-76-564/", "/en/a-76-564/"}
	for _, lang := range []string{"fr", "en"} {
		dirs, err := os.ReadDir(filepath.Join(public, lang, "a-76-564", "tables"))
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range dirs {
			if d.IsDir() {
				pages = append(pages, "/"+lang+"/a-76-564/tables/"+d.Name()+"/")
			}
		}
	}
	downloads := 0
	for _, p := range pages {
		m := ldRE.FindAllStringSubmatch(string(get(t, p)), -1)
		if len(m) != 1 {
			t.Errorf("%s: %d JSON-LD blocks, want 1", p, len(m))
			continue
		}
		var ld struct {
			Type         string                `json:"@type"`
			Name         string                `json:"name"`
			Description  string                `json:"description"`
			License      string                `json:"license"`
			Temporal     string                `json:"temporalCoverage"`
			Creator      struct{ Name string } `json:"creator"`
			Distribution []struct {
				ContentURL     string `json:"contentUrl"`
				EncodingFormat string `json:"encodingFormat"`
			} `json:"distribution"`
		}
		if err := json.Unmarshal([]byte(m[0][1]), &ld); err != nil {
			t.Errorf("%s: JSON-LD: %v", p, err)
			continue
		}
		n := utf8.RuneCountInString(ld.Description)
		if ld.Type != "Dataset" || ld.Name == "" || n < 50 || n > 5000 || ld.License == "" || ld.Creator.Name == "" || ld.Temporal != "2020-07-01/2021-06-30" || len(ld.Distribution) == 0 {
			t.Errorf("%s: incomplete Dataset (description of %d characters): %s", p, n, m[0][1])
		}
		base, _ := url.Parse(baseURL + p)
		for _, d := range ld.Distribution {
			u, err := base.Parse(d.ContentURL)
			if err != nil {
				t.Errorf("%s: contentUrl %q: %v", p, d.ContentURL, err)
				continue
			}
			res, err := http.Head(u.String())
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			downloads++
			if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), d.EncodingFormat) {
				t.Errorf("%s: download %s answers %s, %q; want 200, %s", p, u, res.Status, res.Header.Get("Content-Type"), d.EncodingFormat)
			}
		}
	}
	r, err := ingest.ParseFile("../sources/A-76-564.fr.txt")
	if err != nil {
		t.Fatal(err)
	}
	if want := 2 + 2*len(csvout.Datasets(r)); len(pages) != want || downloads < 2*len(pages) {
		t.Errorf("checked %d pages and %d downloads, want %d pages (the homes and every table page of both languages)", len(pages), downloads, want)
	}
}
