package e2e

import (
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"pkportal/ingest"
	"pkportal/search"
)

// functionRoutes are the URLs served by functions rather than files.
var functionRoutes = []string{"/api/search", "/api/csv"}

// htmlDoc is what the link checker reads from one HTML file.
type htmlDoc struct {
	ids   map[string]bool
	links []string // raw href, src, action and meta-refresh URLs
}

// TestLinks checks every internal link of every HTML file of public/: its
// target is a file of public/ (or a function route), and its #fragment is
// an id in the target page.
func TestLinks(t *testing.T) {
	docs := readSite(t)
	base, _ := url.Parse(baseURL + "/")
	var problems []string
	checked := 0
	for name, doc := range docs {
		page := base.ResolveReference(&url.URL{Path: pageURLPath(name)})
		for _, raw := range doc.links {
			u, err := url.Parse(strings.TrimSpace(raw))
			if err != nil {
				problems = append(problems, name+": unparsable URL "+raw)
				continue
			}
			u = page.ResolveReference(u)
			if (u.Scheme != "http" && u.Scheme != "https") || u.Host != base.Host {
				continue // external, mailto:, data: …
			}
			checked++
			if isFunctionRoute(u.Path) {
				continue
			}
			file, ok := resolve(u.Path)
			if !ok {
				problems = append(problems, name+": broken link "+raw)
				continue
			}
			if u.Fragment != "" && docs[file] != nil && !docs[file].ids[u.Fragment] {
				problems = append(problems, name+": no id \""+u.Fragment+"\" in "+file+" for "+raw)
			}
		}
	}
	reportProblems(t, problems)
	t.Logf("checked %d internal links in %d HTML files", checked, len(docs))
}

// TestSearchResultsResolve checks the URL of every document the search
// function can answer with, in both UI languages: its page is a file of
// public/ and its #fragment an id in that page (a heading found lands on
// the heading, a paragraph on the paragraph).
func TestSearchResultsResolve(t *testing.T) {
	docs := readSite(t)
	reports, err := ingest.ParseDir("../sources")
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	checked := 0
	for _, lang := range []string{"fr", "en"} {
		for _, d := range search.Docs(reports, lang) {
			checked++
			u, err := url.Parse(d.URL)
			if err != nil {
				problems = append(problems, d.Kind+" "+d.Title+": unparsable URL "+d.URL)
				continue
			}
			file, ok := resolve(u.Path)
			switch {
			case !ok:
				problems = append(problems, d.Kind+" "+d.Title+": no page at "+d.URL)
			case u.Fragment != "" && docs[file] != nil && !docs[file].ids[u.Fragment]:
				problems = append(problems, d.Kind+" "+d.Title+": no id \""+u.Fragment+"\" in "+file+" for "+d.URL)
			}
		}
	}
	reportProblems(t, problems)
	if checked < 1000 {
		t.Errorf("only %d search documents: the real report has more than a thousand in its two languages", checked)
	}
	t.Logf("checked %d search result URLs", checked)
}

// readSite reads every HTML file of public/, by slash path under public/
// (e.g. "fr/index.html").
func readSite(t *testing.T) map[string]*htmlDoc {
	t.Helper()
	docs := map[string]*htmlDoc{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		rel, _ := filepath.Rel(public, p)
		docs[filepath.ToSlash(rel)] = readHTML(html.NewTokenizer(f))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// reportProblems fails t with the problems found, sorted, the first 50 of them.
func reportProblems(t *testing.T, problems []string) {
	t.Helper()
	sort.Strings(problems)
	for i, p := range problems {
		if i == 50 {
			t.Errorf("… and %d more", len(problems)-50)
			break
		}
		t.Error(p)
	}
}

// readHTML collects the ids and the link URLs of an HTML document.
func readHTML(z *html.Tokenizer) *htmlDoc {
	doc := &htmlDoc{ids: map[string]bool{}}
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return doc
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		tag := string(name)
		var httpEquiv, content string
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			key, val := string(k), string(v)
			switch key {
			case "id":
				doc.ids[val] = true
			case "name":
				if tag == "a" {
					doc.ids[val] = true
				}
			case "href", "src", "action", "xlink:href", "poster":
				doc.links = append(doc.links, val)
			case "http-equiv":
				httpEquiv = strings.ToLower(val)
			case "content":
				content = val
			}
		}
		if tag == "meta" && httpEquiv == "refresh" {
			if _, u, ok := strings.Cut(content, "url="); ok {
				doc.links = append(doc.links, u)
			}
		}
	}
}

// pageURLPath is the URL path of a file of public/: "fr/index.html" is
// served as "/fr/".
func pageURLPath(name string) string {
	if name == "index.html" {
		return "/"
	}
	if strings.HasSuffix(name, "/index.html") {
		return "/" + strings.TrimSuffix(name, "index.html")
	}
	return "/" + name
}

// resolve maps a URL path to the file of public/ that serves it, as a
// slash path under public/.
func resolve(p string) (string, bool) {
	clean := strings.TrimPrefix(path.Clean("/"+p), "/")
	full := filepath.Join(public, filepath.FromSlash(clean))
	fi, err := os.Stat(full)
	if err != nil {
		return "", false
	}
	if fi.IsDir() {
		if _, err := os.Stat(filepath.Join(full, "index.html")); err != nil {
			return "", false
		}
		return strings.TrimPrefix(path.Join(clean, "index.html"), "/"), true
	}
	if strings.HasSuffix(p, "/") {
		return "", false // a file asked for as a folder
	}
	return clean, true
}

// isFunctionRoute reports whether p is served by a function.
func isFunctionRoute(p string) bool {
	for _, r := range functionRoutes {
		if p == r {
			return true
		}
	}
	return false
}

// aboutAddress is an address the about page gives as an example.
var aboutAddress = regexp.MustCompile(`<code>(/(?:fr|en|data|api)/[^<]*)</code>`)

// TestAboutPageAddressesWork: every address the about page gives as an
// example (a paragraph, a table, a data folder, a custom download)
// answers, in both languages.
func TestAboutPageAddressesWork(t *testing.T) {
	for _, page := range []string{"/en/about/", "/fr/a-propos/"} {
		n := 0
		for _, m := range aboutAddress.FindAllStringSubmatch(string(get(t, page)), -1) {
			addr := html.UnescapeString(m[1])
			if strings.Contains(addr, "<") { // a pattern: /data/<report>/
				continue
			}
			n++
			res, err := http.Get(baseURL + strings.TrimSuffix(addr, "#iii-a-r2"))
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Errorf("%s gives %s: %d", page, addr, res.StatusCode)
			}
		}
		if n < 4 {
			t.Errorf("%s: %d example addresses", page, n)
		}
	}
}
