package devserver

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pkportal"
)

func newTestServer(t *testing.T) (*httptest.Server, *Config) {
	t.Helper()
	b, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig(b)
	if err != nil {
		t.Fatal(err)
	}
	pub := t.TempDir()
	if err := os.MkdirAll(filepath.Join(pub, "fr"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(pub, "fr", "index.html"), []byte("<p>accueil</p>"), 0o644)
	_ = os.WriteFile(filepath.Join(pub, "fr", "404.html"), []byte("<p>introuvable</p>"), 0o644)
	_ = os.WriteFile(filepath.Join(pub, "404.html"), []byte("<p>introuvable · not found</p>"), 0o644)
	fn := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"q":"`+r.URL.Query().Get("q")+`"}`)
	})
	_ = os.WriteFile(filepath.Join(pub, "_redirects"), []byte("# test\n/fr/x/par/1/ /fr/x/i/#par-1 301!\n"), 0o644)
	_ = os.MkdirAll(filepath.Join(pub, "fr", "x", "par", "1"), 0o755)
	_ = os.WriteFile(filepath.Join(pub, "fr", "x", "par", "1", "index.html"), []byte("meta refresh"), 0o644)
	h, err := New(cfg, pub, map[string]http.Handler{"search": fn, "csv": fn})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, cfg
}

func TestStaticFilesCarryNetlifyHeaders(t *testing.T) {
	srv, cfg := newTestServer(t)
	res, err := http.Get(srv.URL + "/fr/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("status %d", res.StatusCode)
	}
	var all map[string]string
	for _, h := range cfg.Headers {
		if h.For == "/*" {
			all = h.Values
		}
	}
	if len(all) == 0 {
		t.Fatal("netlify.toml has no headers for /*")
	}
	for k, v := range all {
		if got := res.Header.Get(k); got != v {
			t.Errorf("header %s = %q, netlify.toml says %q", k, got, v)
		}
	}
}

func TestFunctionsAreRouted(t *testing.T) {
	srv, _ := newTestServer(t)
	res, err := http.Get(srv.URL + "/api/search?q=rations")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(b) != `{"q":"rations"}` {
		t.Errorf("got %d %s", res.StatusCode, b)
	}
	// a ";" belongs to its value (delimiter=;), as on Netlify: Go's
	// URL.Query would drop the pair
	res2, err := http.Get(srv.URL + "/api/csv?q=;&x=1")
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := io.ReadAll(res2.Body)
	res2.Body.Close()
	if string(b2) != `{"q":";"}` {
		t.Errorf("q=; reached the function as %s", b2)
	}
	// Netlify does not apply [[headers]] to functions: neither do we.
	if res.Header.Get("X-Frame-Options") != "" {
		t.Error("site headers applied to a function response")
	}
}

func TestRootRedirectAndNotFound(t *testing.T) {
	srv, _ := newTestServer(t)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := c.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 302 || res.Header.Get("Location") != "/fr/" {
		t.Errorf("/ → %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	// a forced _redirects rule wins over the file at the same path
	res, err = c.Get(srv.URL + "/fr/x/par/1/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 301 || res.Header.Get("Location") != "/fr/x/i/#par-1" {
		t.Errorf("/fr/x/par/1/ → %d %q", res.StatusCode, res.Header.Get("Location"))
	}
	// a link from a newsletter keeps its query, before the anchor
	res, err = c.Get(srv.URL + "/fr/x/par/1/?utm_source=mail")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 301 || res.Header.Get("Location") != "/fr/x/i/?utm_source=mail#par-1" {
		t.Errorf("/fr/x/par/1/?utm_source=mail → %d %q, want the query before #par-1", res.StatusCode, res.Header.Get("Location"))
	}
	res, err = c.Get(srv.URL + "/nowhere/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 404 || string(b) != "<p>introuvable · not found</p>" {
		t.Errorf("/nowhere/ → %d %s, want 404 and the bilingual page", res.StatusCode, b)
	}
	// under /fr/, the French page (netlify.toml's 404 rule for /fr/*)
	res, err = c.Get(srv.URL + "/fr/nowhere/")
	if err != nil {
		t.Fatal(err)
	}
	b, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 404 || string(b) != "<p>introuvable</p>" {
		t.Errorf("/fr/nowhere/ → %d %s, want 404 and the French page", res.StatusCode, b)
	}
}

func TestMatch(t *testing.T) {
	for _, c := range []struct {
		pattern, path string
		want          bool
	}{
		{"/*", "/fr/a-76-564/", true},
		{"/data/*.csv", "/data/a-76-564/iii-a.csv", true},
		{"/data/*.csv", "/data/a-76-564/iii-a.json", false},
		{"/api/search", "/api/search", true},
		{"/api/search", "/api/searchx", false},
	} {
		if got := match(c.pattern, c.path); got != c.want {
			t.Errorf("match(%q, %q) = %v", c.pattern, c.path, got)
		}
	}
}

func TestParseRedirectsErrors(t *testing.T) {
	if _, err := ParseRedirects("_redirects", "/a /b 30x\n"); err == nil || !strings.Contains(err.Error(), "_redirects:1") {
		t.Errorf("bad status: %v", err)
	}
	if _, err := ParseRedirects("_redirects", "/a\n"); err == nil {
		t.Error("rule without target accepted")
	}
}

// TestParseConfigErrorsNameTheLine: netlify.toml is edited by hand; a
// mistake in it is an error naming the file, the line and column, and
// what was expected there (go-toml's own message leaves the position out).
func TestParseConfigErrorsNameTheLine(t *testing.T) {
	cases := []struct {
		name, toml, want string
	}{
		{"type", `[[redirects]]
  from = "/"
  to = "/fr/"
  status = "301"
`, `netlify.toml line 4 column 12: cannot decode TOML string into struct field devserver.Redirect.Status of type int`},
		{"syntax", `[[headers]]
  for = "/*"
  [headers.values]
    X-Frame-Options = DENY
`, `netlify.toml line 4 column 23: unexpected character U+0044 'D' at start of value`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "netlify.toml")
			if err := os.WriteFile(path, []byte(c.toml), 0o644); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := ParseConfig(b)
			if err == nil || err.Error() != c.want {
				t.Errorf("error\n%v\nwant\n%s", err, c.want)
			}
			if cfg != nil {
				t.Error("a config returned with the error")
			}
		})
	}
}

// A binary answer of a function (an XLSX download) comes base64-encoded
// out of the Lambda adapter; the dev server decodes it as API Gateway does.
func TestFunctionBinaryBody(t *testing.T) {
	b, err := pkportal.SiteFiles.ReadFile("netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := ParseConfig(b)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte{'P', 'K', 3, 4, 0xff, 0xfe, 0, 0x80}
	fn := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write(body) })
	h, err := New(cfg, t.TempDir(), map[string]http.Handler{"search": fn, "csv": fn})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	res, err := http.Get(srv.URL + "/api/csv?format=xlsx")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(got) != string(body) {
		t.Errorf("body %q, want %q", got, body)
	}
}
