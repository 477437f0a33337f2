// Package searchapi is the handler of the search function (/api/search):
// JSON answers for the page's search box, and an HTML results page for a
// plain form, so that search works with JavaScript off.
//
// It must not link Hugo or the generator.
package searchapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"pkportal/functions/lambdahttp"
	"pkportal/report"
	"pkportal/search"
)

// MaxQuery is the longest query accepted, in characters.
const MaxQuery = 256

// PageSize and MaxPageSize bound the results of one answer.
const (
	PageSize    = 20
	MaxPageSize = 50
)

// Handler answers /api/search requests.
type Handler struct {
	// indexes by UI language ("fr", "en"), each built on first use
	indexes map[string]func() *search.Index
}

// New returns a handler over one index per UI language.
func New(indexes map[string]*search.Index) *Handler {
	h := &Handler{indexes: map[string]func() *search.Index{}}
	for lang, ix := range indexes {
		h.indexes[lang] = func() *search.Index { return ix }
	}
	return h
}

// NewLazy returns a handler that indexes the reports for a UI language on
// the first request in that language, so that a cold start builds one
// index, not one per language.
func NewLazy(reports []*report.Report, langs ...string) *Handler {
	h := &Handler{indexes: map[string]func() *search.Index{}}
	for _, lang := range langs {
		h.indexes[lang] = sync.OnceValue(func() *search.Index { return search.FromReports(reports, lang) })
	}
	return h
}

var params = map[string]bool{"q": true, "lang": true, "kind": true, "report": true, "page": true, "limit": true}

// Answer is the JSON answer.
type Answer struct {
	Query   string          `json:"query"`
	Total   int             `json:"total"`
	Results []search.Result `json:"results"`
}

// ServeHTTP answers GET requests with q (the query: words, "phrases",
// prefix*), lang (fr or en: the language of the portal pages the results
// link to), kind and report (filters), page (from 1) and limit (1 to 50).
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		fail(w, r, http.StatusMethodNotAllowed, "method not allowed: use GET")
		return
	}
	v := r.URL.Query()
	for k, vs := range v {
		if !params[k] {
			fail(w, r, http.StatusBadRequest, fmt.Sprintf("unknown parameter %q: accepted are q, lang, kind, report, page, limit", k))
			return
		}
		if len(vs) > 1 {
			fail(w, r, http.StatusBadRequest, fmt.Sprintf("parameter %q given %d times: give it once", k, len(vs)))
			return
		}
	}
	q := strings.TrimSpace(v.Get("q"))
	switch {
	case q == "":
		fail(w, r, http.StatusBadRequest, "missing parameter q: give the words to search for")
		return
	case !utf8.ValidString(q):
		fail(w, r, http.StatusBadRequest, "parameter q is not valid UTF-8")
		return
	case utf8.RuneCountInString(q) > MaxQuery:
		fail(w, r, http.StatusBadRequest, fmt.Sprintf("parameter q is longer than %d characters", MaxQuery))
		return
	}
	lang := v.Get("lang")
	if lang == "" {
		lang = "fr"
	}
	index, ok := h.indexes[lang]
	if !ok {
		fail(w, r, http.StatusBadRequest, "unknown lang: accepted values are fr, en")
		return
	}
	o := search.Options{Limit: PageSize, Kind: v.Get("kind"), Report: v.Get("report")}
	if o.Kind != "" && !slices.Contains(search.Kinds, o.Kind) {
		fail(w, r, http.StatusBadRequest, "unknown kind: accepted values are "+strings.Join(search.Kinds, ", "))
		return
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			fail(w, r, http.StatusBadRequest, fmt.Sprintf("parameter limit must be a number from 1 to %d", MaxPageSize))
			return
		}
		o.Limit = n
	}
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			fail(w, r, http.StatusBadRequest, "parameter page must be a number from 1 to 1000")
			return
		}
		o.Offset = (n - 1) * o.Limit
	}
	results, total, err := index().Search(q, o)
	if errors.Is(err, search.ErrEmpty) {
		fail(w, r, http.StatusBadRequest, "parameter q: "+err.Error())
		return
	}
	if results == nil {
		results = []search.Result{}
	}
	ans := Answer{Query: q, Total: total, Results: results}
	lambdahttp.SetSecurityHeaders(w.Header())
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept")
	if wantsHTML(r) {
		writePage(w, http.StatusOK, newResultsPage(lang, v, ans, o.Offset, o.Limit))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(ans)
}

func wantsHTML(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.Contains(a, "text/html") && !strings.Contains(a, "application/json")
}
