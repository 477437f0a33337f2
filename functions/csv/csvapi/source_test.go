package csvapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"pkportal/functions/reportdata"
	"pkportal/report"
)

// countingSource serves copies of one report under many symbols, decoding
// each from JSON when asked (as a pack does), and counts the decodings.
type countingSource struct {
	mu    sync.Mutex
	json  []byte
	slugs []string
	calls map[string]int
}

func newCountingSource(t *testing.T, n int) *countingSource {
	rs := reports(t)
	b, _ := json.Marshal(rs[0])
	s := &countingSource{json: b, calls: map[string]int{}}
	for i := range n {
		s.slugs = append(s.slugs, fmt.Sprintf("a-99-%d", 1000+i))
	}
	return s
}

func (s *countingSource) Slugs() []string { return s.slugs }

func (s *countingSource) Report(slug string) (*report.Report, error) {
	s.mu.Lock()
	s.calls[slug]++
	s.mu.Unlock()
	if slug == "a-99-1013" {
		return nil, errors.New("damaged frame")
	}
	var r report.Report
	if err := json.Unmarshal(s.json, &r); err != nil {
		return nil, err
	}
	r.Slug = slug
	r.Symbol = "A/99/" + strings.TrimPrefix(slug, "a-99-")
	return &r, nil
}

func ask(h http.Handler, query string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, &http.Request{Method: http.MethodGet, URL: &url.URL{Path: "/api/csv", RawQuery: query}, Header: http.Header{}})
	return rec
}

// TestReportsDecodedWhenAskedFor checks that a handler decodes a report
// only when a request names it, keeps at most maxEntries of them (the
// least recently asked for dropped first), answers the same after a
// report was dropped and decoded again, and limits the reports of one
// request.
func TestReportsDecodedWhenAskedFor(t *testing.T) {
	src := newCountingSource(t, maxEntries+10)
	h := NewFrom(src)
	if len(src.calls) != 0 {
		t.Fatalf("reports decoded before any request: %v", src.calls)
	}
	first := ask(h, "report=a-99-1000&table=iii-a")
	if first.Code != 200 || !strings.Contains(first.Header().Get("Content-Disposition"), "a-99-1000-iii-a.csv") {
		t.Fatalf("first answer %d %q: %s", first.Code, first.Header().Get("Content-Disposition"), first.Body)
	}
	ask(h, "report=a-99-1000&table=iii-b")
	if src.calls["a-99-1000"] != 1 {
		t.Errorf("a-99-1000 decoded %d times for two requests", src.calls["a-99-1000"])
	}
	// fill the handler with other reports: a-99-1000 is dropped
	for i := 1; i <= maxEntries+1; i++ {
		if i == 13 {
			continue
		}
		if rec := ask(h, fmt.Sprintf("report=a-99-%d&table=iii-a", 1000+i)); rec.Code != 200 {
			t.Fatalf("a-99-%d: %d %s", 1000+i, rec.Code, rec.Body)
		}
	}
	if n := len(h.entries); n > maxEntries {
		t.Errorf("%d reports kept, at most %d", n, maxEntries)
	}
	again := ask(h, "report=a-99-1000&table=iii-a")
	if src.calls["a-99-1000"] != 2 || !bytes.Equal(again.Body.Bytes(), first.Body.Bytes()) {
		t.Errorf("after being dropped: decoded %d times, same answer %v", src.calls["a-99-1000"], bytes.Equal(again.Body.Bytes(), first.Body.Bytes()))
	}
	// a report that cannot be read says so, by name
	if rec := ask(h, "report=a-99-1013&table=iii-a"); rec.Code != 500 || !strings.Contains(rec.Body.String(), "a-99-1013 could not be read") {
		t.Errorf("damaged report: %d %s", rec.Code, rec.Body)
	}
	// too many reports in one request
	var many []string
	for i := range MaxReports + 1 {
		many = append(many, fmt.Sprintf("a-99-%d", 1000+i))
	}
	if rec := ask(h, "report="+strings.Join(many, ",")+"&table=iii-a"); rec.Code != 400 || !strings.Contains(rec.Body.String(), fmt.Sprintf("at most %d", MaxReports)) {
		t.Errorf("%d reports: %d %s", len(many), rec.Code, rec.Body)
	}
}

// TestEmbeddedPackServesLikeTheReports checks the Lambda's source: the
// embedded pack, decoded per request, gives the same answers as the
// reports in memory.
func TestEmbeddedPackServesLikeTheReports(t *testing.T) {
	p, err := reportdata.Reports()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := p.All()
	if err != nil {
		t.Fatal(err)
	}
	fromPack, inMemory := NewFrom(p), New(rs)
	for _, q := range []string{"report=a-76-564&table=iii-a", "report=A/76/564&table=all&format=json", "report=a-76-564&table=indicators&decimal=comma&bom=1", "report=a-1-1&table=iii-a"} {
		a, b := ask(fromPack, q), ask(inMemory, q)
		if a.Code != b.Code || !bytes.Equal(a.Body.Bytes(), b.Body.Bytes()) {
			t.Errorf("%s: pack %d, memory %d", q, a.Code, b.Code)
		}
	}
}
