// Package devserver serves a built site locally as Netlify would: the
// static files of public/, the redirects and headers of netlify.toml (read
// from the file: one source of truth), and the functions, each called
// through the same API Gateway event adapter that runs them on Lambda.
// ForBuild is the server of `generator serve` and of the e2e tests, its
// functions over the build's pack and search index, as Lambda embeds them.
//
// It is a development server: it must not be deployed.
package devserver

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/pelletier/go-toml/v2"

	"pkportal/functions/lambdahttp"
)

// Config is the part of netlify.toml the server applies.
type Config struct {
	Redirects []Redirect `toml:"redirects"`
	Headers   []Headers  `toml:"headers"`
}

// Redirect is a [[redirects]] rule.
type Redirect struct {
	From   string `toml:"from"`
	To     string `toml:"to"`
	Status int    `toml:"status"`
	Force  bool   `toml:"force"`
}

// Headers is a [[headers]] rule.
type Headers struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// ParseConfig reads the redirects and headers of a netlify.toml. A
// mistake in the TOML is an error at its line and column.
func ParseConfig(b []byte) (*Config, error) {
	var c Config
	if err := toml.Unmarshal(b, &c); err != nil {
		return nil, tomlError("netlify.toml", err)
	}
	for i, r := range c.Redirects {
		if r.From == "" || r.To == "" {
			return nil, fmt.Errorf("netlify.toml: redirect %d: expected from and to", i+1)
		}
		if r.Status == 0 {
			c.Redirects[i].Status = http.StatusMovedPermanently
		}
	}
	return &c, nil
}

// tomlError is a go-toml error in file at its line and column, which
// go-toml's Error() leaves out: "netlify.toml line 4 column 12: cannot
// decode TOML string into struct field devserver.Redirect.Status of type
// int".
func tomlError(file string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		return fmt.Errorf("%s line %d column %d: %s", file, row, col, strings.TrimPrefix(de.Error(), "toml: "))
	}
	return fmt.Errorf("%s: %w", file, err)
}

// Server serves a public folder with netlify.toml's rules and functions.
type Server struct {
	cfg       *Config
	public    string
	functions map[string]http.Handler
	files     http.Handler
}

// New returns a server of the public folder. functions maps a function's
// name (as in "/.netlify/functions/NAME") to its handler.
func New(cfg *Config, public string, functions map[string]http.Handler) (*Server, error) {
	c := *cfg
	if b, err := os.ReadFile(filepath.Join(public, "_redirects")); err == nil {
		rules, err := ParseRedirects(filepath.Join(public, "_redirects"), string(b))
		if err != nil {
			return nil, err
		}
		c.Redirects = append(rules, cfg.Redirects...)
	}
	return &Server{cfg: &c, public: public, functions: functions, files: http.FileServer(http.Dir(public))}, nil
}

// ServeHTTP applies, in Netlify's order: forced rules, then a static file
// if one exists, then the other rules, then a 404 page. The rules of
// public/_redirects come before those of netlify.toml, as on Netlify.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/_redirects" || p == "/_headers" {
		http.NotFound(w, r)
		return
	}
	for _, rule := range s.cfg.Redirects {
		if rule.Force && match(rule.From, p) {
			s.apply(w, r, rule)
			return
		}
	}
	if s.exists(p) {
		s.setHeaders(w.Header(), p)
		s.files.ServeHTTP(w, r)
		return
	}
	for _, rule := range s.cfg.Redirects {
		if !rule.Force && match(rule.From, p) {
			s.apply(w, r, rule)
			return
		}
	}
	s.notFound(w, p, "/404.html")
}

// notFound answers 404 for path p with the page at page (a path in
// public/), or a bare message when there is no such page.
func (s *Server) notFound(w http.ResponseWriter, p, page string) {
	s.setHeaders(w.Header(), p)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if f, err := os.Open(filepath.Join(s.public, filepath.FromSlash(path.Clean("/"+page)))); err == nil {
		defer f.Close()
		_, _ = io.Copy(w, f)
		return
	}
	_, _ = io.WriteString(w, "<!doctype html><title>404</title><p>Not found.</p>\n")
}

func (s *Server) exists(p string) bool {
	clean := path.Clean("/" + p)
	fi, err := os.Stat(filepath.Join(s.public, filepath.FromSlash(clean)))
	if err != nil {
		return false
	}
	if fi.IsDir() {
		_, err := os.Stat(filepath.Join(s.public, filepath.FromSlash(clean), "index.html"))
		return err == nil
	}
	return true
}

func (s *Server) apply(w http.ResponseWriter, r *http.Request, rule Redirect) {
	to := rule.To
	if strings.HasSuffix(rule.From, "*") {
		splat := strings.TrimPrefix(r.URL.Path, strings.TrimSuffix(rule.From, "*"))
		to = strings.ReplaceAll(to, ":splat", splat)
	}
	if rule.Status == http.StatusOK {
		if name, ok := strings.CutPrefix(to, "/.netlify/functions/"); ok {
			h, found := s.functions[name]
			if !found {
				http.Error(w, "no such function: "+name, http.StatusNotFound)
				return
			}
			serveFunction(w, r, h)
			return
		}
		r2 := r.Clone(r.Context())
		r2.URL.Path = to
		s.setHeaders(w.Header(), to)
		s.files.ServeHTTP(w, r2)
		return
	}
	if rule.Status == http.StatusNotFound { // a custom not-found page
		s.notFound(w, r.URL.Path, to)
		return
	}
	if r.URL.RawQuery != "" && !strings.Contains(to, "?") {
		// the query goes before the target's fragment: "/i/#par-1?utm=x"
		// names no anchor and the reader lands at the top of the page
		path, frag, ok := strings.Cut(to, "#")
		to = path + "?" + r.URL.RawQuery
		if ok {
			to += "#" + frag
		}
	}
	http.Redirect(w, r, to, rule.Status)
}

// queryParameters splits a query string as Netlify does for a function's
// event: on "&" only. A ";" is part of a value (the CSV function's
// delimiter=;), where Go's URL.Query drops the whole pair. Pairs that do not
// decode are left out, as URL.Query leaves them.
func queryParameters(raw string) map[string][]string {
	q, _ := url.ParseQuery(strings.ReplaceAll(raw, ";", "%3B"))
	return q
}

// serveFunction turns the request into an API Gateway event, runs it
// through the Lambda adapter and writes the event response back.
func serveFunction(w http.ResponseWriter, r *http.Request, h http.Handler) {
	ev := events.APIGatewayProxyRequest{
		HTTPMethod:                      r.Method,
		Path:                            r.URL.Path,
		Headers:                         map[string]string{},
		MultiValueQueryStringParameters: queryParameters(r.URL.RawQuery),
	}
	for k, v := range r.Header {
		ev.Headers[k] = strings.Join(v, ", ")
	}
	if r.Body != nil {
		b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		ev.Body = string(b)
	}
	res := lambdahttp.Serve(context.Background(), h, ev)
	for k, v := range res.Headers {
		w.Header().Set(k, v)
	}
	w.WriteHeader(res.StatusCode)
	if res.IsBase64Encoded { // a binary body (XLSX), as API Gateway decodes it
		if b, err := base64.StdEncoding.DecodeString(res.Body); err == nil {
			_, _ = w.Write(b)
			return
		}
	}
	_, _ = io.WriteString(w, res.Body)
}

func (s *Server) setHeaders(h http.Header, p string) {
	for _, rule := range s.cfg.Headers {
		if match(rule.For, p) {
			for k, v := range rule.Values {
				h.Set(k, v)
			}
		}
	}
}

// match reports whether a URL path matches a Netlify pattern: exact, or
// with "*" standing for any run of characters.
func match(pattern, p string) bool {
	if !strings.Contains(pattern, "*") {
		return pattern == p || strings.TrimSuffix(pattern, "/") == strings.TrimSuffix(p, "/")
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(p, parts[0]) {
		return false
	}
	rest := p[len(parts[0]):]
	for i, part := range parts[1:] {
		if i == len(parts)-2 {
			return strings.HasSuffix(rest, part)
		}
		j := strings.Index(rest, part)
		if j < 0 {
			return false
		}
		rest = rest[j+len(part):]
	}
	return true
}
