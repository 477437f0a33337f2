package e2e

import (
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// htmlValidatePath is the validator installed by `npm ci --prefix e2e`;
// .htmlvalidate.json beside this file holds its rules: html-validate's
// "standard", "a11y" and "document" sets, less three matters of style
// (an upper-case DOCTYPE, titles over 70 characters: a report's title is
// long, and SRI on the bilingual 404 page's same-origin stylesheet).
const htmlValidatePath = "node_modules/.bin/html-validate"

// functionPages are the HTML pages the search function answers: results,
// no results, a paragraph's citation, and a bad request, in both languages.
var functionPages = []string{
	"/api/search?lang=fr&q=rations",
	"/api/search?lang=en&q=rations",
	"/api/search?lang=fr&q=zzzzqqq",
	"/api/search?lang=fr&q=A%2F76%2F564%2C+par.+26",
	"/api/search?lang=en&q=",
	"/api/search?lang=fr&q=rations&kind=nothing",
}

// TestPagesAreValidHTML runs html-validate over every HTML page of the
// built site and the search function's pages: a nesting error, a duplicate
// id, an unlabelled control or a bad attribute fails the build here, not
// in a reader's browser.
func TestPagesAreValidHTML(t *testing.T) {
	if _, err := os.Stat(htmlValidatePath); err != nil {
		missing(t, "html-validate not installed in e2e/node_modules")
	}
	var files []string
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for i, p := range functionPages {
		req, _ := http.NewRequest("GET", baseURL+p, nil)
		req.Header.Set("Accept", "text/html")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
			t.Fatalf("GET %s (Accept: text/html): Content-Type %q, want an HTML page", p, res.Header.Get("Content-Type"))
		}
		f := filepath.Join(dir, "search-"+string(rune('a'+i))+".html")
		if err := os.WriteFile(f, b, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	if len(files) < 100 {
		t.Fatalf("found %d HTML files in %s, want the whole site", len(files), public)
	}
	cmd := exec.Command(htmlValidatePath, append([]string{"--config", ".htmlvalidate.json", "--formatter", "text"}, files...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		var names []string
		for i, p := range functionPages {
			names = append(names, "search-"+string(rune('a'+i))+".html = "+p)
		}
		t.Errorf("html-validate over %d pages: %v\n%s\n(function pages: %s)", len(files), err, out, strings.Join(names, "; "))
	}
}
