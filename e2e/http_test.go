package e2e

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/net/html"

	"pkportal"
)

// maxReportHomeGzip is the budget of the report home with its CSS and JS,
// gzip-compressed (issue 4).
const maxReportHomeGzip = 50 * 1024

// TestReportHomeWeight: /fr/a-76-564/ with everything its HTML loads
// (stylesheets, scripts, images, icons) weighs at most 50 KiB gzipped.
func TestReportHomeWeight(t *testing.T) {
	const page = "/fr/a-76-564/"
	body := get(t, page)
	total := gzipSize(t, body)
	t.Logf("%-70s %7d bytes, %6d gzipped", page, len(body), total)
	for _, res := range subresources(t, body) {
		u, err := url.Parse(res)
		if err != nil {
			t.Fatalf("subresource %q: %v", res, err)
		}
		u = (&url.URL{Scheme: "http", Host: siteHost, Path: page}).ResolveReference(u)
		if u.Host != siteHost {
			t.Errorf("third-party subresource %s", res)
			continue
		}
		b := get(t, u.RequestURI())
		n := gzipSize(t, b)
		t.Logf("%-70s %7d bytes, %6d gzipped", u.Path, len(b), n)
		total += n
	}
	t.Logf("report home: %d bytes gzipped (budget %d)", total, maxReportHomeGzip)
	if total > maxReportHomeGzip {
		t.Errorf("report home weighs %d bytes gzipped with its CSS and JS, over the budget of %d", total, maxReportHomeGzip)
	}
}

// subresources lists the URLs an HTML page loads by itself: stylesheets,
// icons, scripts, images and other embedded media (not links to follow).
func subresources(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return out
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		attrs := map[string]string{}
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			attrs[string(k)] = string(v)
		}
		switch string(name) {
		case "link":
			rel := " " + strings.ToLower(attrs["rel"]) + " "
			if strings.Contains(rel, " stylesheet ") || strings.Contains(rel, " icon ") || strings.Contains(rel, " preload ") || strings.Contains(rel, " modulepreload ") {
				out = append(out, attrs["href"])
			}
		case "script", "img", "iframe", "embed", "source", "audio", "video", "track":
			if s := attrs["src"]; s != "" && !strings.HasPrefix(s, "data:") {
				out = append(out, s)
			}
		case "object":
			if s := attrs["data"]; s != "" {
				out = append(out, s)
			}
		}
	}
}

// gzipSize is the size of b compressed with gzip's default level, as a
// web server would send it.
func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w := gzip.NewWriter(&buf)
	if _, err := w.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

// get fetches a path of the site and fails the test unless it answers 200.
func get(t *testing.T, p string) []byte {
	t.Helper()
	res, err := http.Get(baseURL + p)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", p, res.Status)
	}
	return b
}

// netlifyConfig is the part of netlify.toml the header test reads.
type netlifyConfig struct {
	Headers []struct {
		For    string            `toml:"for"`
		Values map[string]string `toml:"values"`
	} `toml:"headers"`
}

// siteHeaders reads netlify.toml's headers "for /*", with its own TOML
// parser rather than devserver's, so that the comparison is independent.
func siteHeaders(t *testing.T) map[string]string {
	t.Helper()
	b, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg netlifyConfig
	if err := toml.Unmarshal(b, &cfg); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			return h.Values
		}
	}
	t.Fatal(`netlify.toml has no [[headers]] for "/*"`)
	return nil
}

// TestSecurityHeadersPolicy: netlify.toml's headers for every page are
// the portal's security policy.
func TestSecurityHeadersPolicy(t *testing.T) {
	h := siteHeaders(t)
	csp := h["Content-Security-Policy"]
	for _, forbidden := range []string{"'unsafe-inline'", "'unsafe-eval'", "*", "http:", "https:"} {
		for _, tok := range strings.Fields(csp) {
			if strings.TrimSuffix(tok, ";") == forbidden {
				t.Errorf("Content-Security-Policy allows %s: %s", forbidden, csp)
			}
		}
	}
	for _, directive := range []string{"default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'"} {
		if !containsDirective(csp, directive) {
			t.Errorf("Content-Security-Policy lacks %q: %s", directive, csp)
		}
	}
	if hsts := h["Strict-Transport-Security"]; !strings.Contains(hsts, "max-age=31536000") {
		t.Errorf("Strict-Transport-Security = %q, want max-age of a year", hsts)
	}
	want := map[string]string{"X-Content-Type-Options": "nosniff"}
	for k, v := range want {
		if h[k] != v {
			t.Errorf("%s = %q, want %q", k, h[k], v)
		}
	}
	for _, k := range []string{"Referrer-Policy", "Permissions-Policy"} {
		if h[k] == "" {
			t.Errorf("netlify.toml sets no %s for /*", k)
		}
	}
}

// containsDirective reports whether the CSP has the directive with exactly
// these sources.
func containsDirective(csp, directive string) bool {
	for _, d := range strings.Split(csp, ";") {
		if strings.Join(strings.Fields(d), " ") == directive {
			return true
		}
	}
	return false
}

// TestStaticResponsesCarryHeaders: every kind of static response the
// server gives carries exactly netlify.toml's /* headers.
func TestStaticResponsesCarryHeaders(t *testing.T) {
	want := siteHeaders(t)
	home := get(t, "/fr/a-76-564/")
	paths := []string{"/fr/", "/en/", "/fr/a-76-564/", "/fr/a-76-564/tables/iii-a/",
		"/data/a-76-564/iii-a.csv", "/data/a-76-564/iii-a.json", "/robots.txt", "/sitemap.xml",
		"/site.css", "/favicon.ico", "/fr/no-such-page/"}
	paths = append(paths, subresources(t, home)...)
	for _, p := range paths {
		res, err := http.Get(baseURL + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %s", p, res.Status)
		}
		for k, v := range want {
			if got := res.Header.Values(k); len(got) != 1 || got[0] != v {
				t.Errorf("GET %s: %s = %q, want %q", p, k, got, v)
			}
		}
	}
}

// TestFunctionResponsesAreProtected: the functions set their own security
// headers (Netlify does not apply [[headers]] to them).
func TestFunctionResponsesAreProtected(t *testing.T) {
	req, _ := http.NewRequest("GET", baseURL+"/api/search?lang=fr&q=rations", nil)
	req.Header.Set("Accept", "text/html")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("search: %s", res.Status)
	}
	csp := res.Header.Get("Content-Security-Policy")
	if csp == "" || strings.Contains(csp, "'unsafe-inline'") {
		t.Errorf("search HTML: Content-Security-Policy = %q", csp)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("search HTML: X-Content-Type-Options = %q", res.Header.Get("X-Content-Type-Options"))
	}
}

// TestNotFoundSpeaksTheReadersLanguage: a missing page under /fr/ or /en/
// answers 404 with the not-found page of that language, with the portal's
// header so the reader can search from there.
func TestNotFoundSpeaksTheReadersLanguage(t *testing.T) {
	for _, c := range []struct{ path, lang, title string }{
		{"/fr/a-76-564/par/999/", "fr", "Page introuvable"},
		{"/en/no-such-page/", "en", "Page not found"},
		{"/no-such-page/", "fr", "Page not found"}, // the bilingual page
	} {
		res, err := http.Get(baseURL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		body := string(b)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", c.path, res.StatusCode)
		}
		for _, want := range []string{`<html lang="` + c.lang + `">`, c.title, `role="search"`, `name="robots" content="noindex"`} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: page lacks %s", c.path, want)
			}
		}
	}
}
