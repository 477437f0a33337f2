// Package searchapi is the handler of the search function (/api/search):
// JSON answers for the page's search box, and an HTML results page for a
// plain form (page.go, with the portal's header), so that search works
// with JavaScript off.
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
	"unicode/utf8"

	"pkportal/functions/lambdahttp"
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
	ix        *search.Index
	langs     []string // the UI languages of the index
	textLangs []string // the languages its reports are written in
}

// New returns a handler over an index (search.Open of the index file the
// function embeds).
func New(ix *search.Index) *Handler {
	return &Handler{ix: ix, langs: ix.Langs(), textLangs: ix.TextLangs()}
}

var params = map[string]bool{"q": true, "lang": true, "kind": true, "report": true, "page": true, "limit": true}

// Answer is the JSON answer.
type Answer struct {
	Query   string          `json:"query"`
	Total   int             `json:"total"`
	Results []search.Result `json:"results"`
	// Partial says that no document holds all the query's words: the
	// results hold some of them, those with the most first.
	Partial bool `json:"partial,omitempty"`
	// Notice says why a citation found nothing, in the page's language:
	// "A/76/564 has numbered paragraphs 1 to 74."
	Notice string `json:"notice,omitempty"`
}

// ServeHTTP answers GET requests with q (the query: words, "phrases",
// prefix*, and the filters kind:, report:, lang: typed in it), lang (fr or
// en: the language of the portal pages the results link to), kind and
// report (filters), page (from 1) and limit (1 to 50). A filter with an
// unknown value, or given twice with two values, is a 400.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		fail(w, r, notGet)
		return
	}
	v := r.URL.Query()
	for k, vs := range v {
		if !params[k] {
			fail(w, r, unknownParam(k))
			return
		}
		if len(vs) > 1 {
			fail(w, r, repeatedParam(k, len(vs)))
			return
		}
	}
	q := strings.TrimSpace(v.Get("q"))
	switch {
	case q == "":
		fail(w, r, noQuery)
		return
	case !utf8.ValidString(q):
		fail(w, r, notUTF8)
		return
	case utf8.RuneCountInString(q) > MaxQuery:
		fail(w, r, tooLong)
		return
	}
	lang := v.Get("lang")
	f, err := search.ParseFilters(q)
	if err == nil && f.Lang != "" {
		if lang != "" && !strings.EqualFold(lang, f.Lang) {
			err = &search.FilterError{Key: "lang", Value: f.Lang, Conflict: lang}
		}
		lang = strings.ToLower(f.Lang)
	}
	var fe *search.FilterError
	if errors.As(err, &fe) {
		fail(w, r, h.filterProblem(fe))
		return
	}
	if lang == "" {
		lang = h.langs[0]
	}
	if !slices.Contains(h.langs, lang) {
		fail(w, r, h.filterProblem(&search.FilterError{Key: "lang", Value: lang}))
		return
	}
	o := search.Options{Limit: PageSize, Kind: v.Get("kind"), Report: v.Get("report"), Lang: lang}
	if _, ok := search.Kind(o.Kind); o.Kind != "" && !ok {
		fail(w, r, h.filterProblem(&search.FilterError{Key: "kind", Value: o.Kind}))
		return
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxPageSize {
			fail(w, r, badLimit)
			return
		}
		o.Limit = n
	}
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			fail(w, r, badPage)
			return
		}
		o.Offset = (n - 1) * o.Limit
	}
	results, total, err := h.ix.Search(q, o)
	partial, notice := false, ""
	if err == nil && total == 0 {
		if sym, first, last, ok := h.ix.Missing(q, o); ok { // "par. 75": what the report has, not its words
			notice = fmt.Sprintf(pageWords[lang]["missing"], sym, first, last)
		} else if res, n, err2 := h.ix.SearchSomeWords(q, o); err2 == nil && n > 0 {
			results, total, partial = res, n, true
		}
	}
	switch {
	case errors.Is(err, search.ErrEmpty) && strings.Contains(q, "*"):
		fail(w, r, shortPrefix)
		return
	case errors.Is(err, search.ErrEmpty):
		fail(w, r, noWord)
		return
	case errors.As(err, &fe):
		fail(w, r, h.filterProblem(fe))
		return
	case err != nil:
		fail(w, r, bad("%s", "%s", err.Error()))
		return
	}
	if results == nil {
		results = []search.Result{}
	}
	ans := Answer{Query: q, Total: total, Results: results, Partial: partial, Notice: notice}
	lambdahttp.SetSecurityHeaders(w.Header())
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept")
	if wantsHTML(r) {
		writePage(w, http.StatusOK, newResultsPage(lang, h.textLangs, v, ans, o.Offset, o.Limit))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_ = json.NewEncoder(w).Encode(ans)
}

func wantsHTML(r *http.Request) bool {
	a := r.Header.Get("Accept")
	return strings.Contains(a, "text/html") && !strings.Contains(a, "application/json")
}
