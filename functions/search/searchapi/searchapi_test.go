package searchapi

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/search"
)

func serve(t *testing.T, q map[string]string, accept string) events.APIGatewayProxyResponse {
	t.Helper()
	ix, err := search.Open(reportdata.SearchIndex())
	if err != nil {
		t.Fatal(err)
	}
	h := New(ix)
	return lambdahttp.Serve(context.Background(), h, events.APIGatewayProxyRequest{
		HTTPMethod: "GET", Path: "/.netlify/functions/search", QueryStringParameters: q,
		Headers: map[string]string{"Accept": accept},
	})
}

func TestSearchFindsParagraph(t *testing.T) {
	res := serve(t, map[string]string{"q": "rations distribution"}, "application/json")
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	var a Answer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil {
		t.Fatal(err)
	}
	if a.Total == 0 {
		t.Fatal("no result for rations distribution")
	}
	urls := []string{}
	for _, r := range a.Results {
		urls = append(urls, r.URL)
	}
	// Paragraph 52 explains the rations delivered at four distribution points.
	if !strings.Contains(strings.Join(urls, " "), "/fr/a-76-564/iii/#par-52") {
		t.Errorf("par. 52 not among %v", urls)
	}
	if !strings.Contains(a.Results[0].Snippet, "<mark>") {
		t.Errorf("snippet without highlight: %q", a.Results[0].Snippet)
	}
}

func TestAccentsFold(t *testing.T) {
	res := serve(t, map[string]string{"q": "securite"}, "")
	var a Answer
	_ = json.Unmarshal([]byte(res.Body), &a)
	if a.Total == 0 {
		t.Error(`"securite" finds nothing; "sécurité" is everywhere in the report`)
	}
}

func TestHTMLForPlainForms(t *testing.T) {
	res := serve(t, map[string]string{"q": `<script>x</script> rations`, "lang": "en"}, "text/html,application/xhtml+xml")
	if res.StatusCode != 200 || !strings.HasPrefix(res.Headers["Content-Type"], "text/html") {
		t.Fatalf("status %d type %q", res.StatusCode, res.Headers["Content-Type"])
	}
	if strings.Contains(res.Body, "<script>x") {
		t.Error("query echoed unescaped")
	}
}

func TestBadRequests(t *testing.T) {
	for _, q := range []map[string]string{
		{},
		{"q": "   "},
		{"q": strings.Repeat("a", 257)},
		{"q": "rations", "lang": "de"},
		{"q": "rations", "limit": "500"},
		{"q": "rations", "kind": "x", "bogus": "1"},
	} {
		res := serve(t, q, "")
		if res.StatusCode != 400 {
			t.Errorf("%v: status %d, want 400", q, res.StatusCode)
		}
	}
}

func TestFiltersAndPages(t *testing.T) {
	res := serve(t, map[string]string{"q": "sécurité", "kind": "indicator", "page": "2", "limit": "5"}, "")
	if res.StatusCode != 200 {
		t.Fatalf("status %d: %s", res.StatusCode, res.Body)
	}
	var a Answer
	_ = json.Unmarshal([]byte(res.Body), &a)
	if len(a.Results) != 5 {
		t.Fatalf("%d results on page 2", len(a.Results))
	}
	for _, r := range a.Results {
		if r.Kind != "indicator" || !strings.Contains(r.URL, "#ea-") {
			t.Errorf("result %s of kind %s", r.URL, r.Kind)
		}
	}
	for _, q := range []map[string]string{
		{"q": "x", "kind": "poem"},
		{"q": "x", "page": "0"},
		{"q": "le la les"},
	} {
		if res := serve(t, q, ""); res.StatusCode != 400 {
			t.Errorf("%v: status %d", q, res.StatusCode)
		}
	}
}

func TestFiltersTypedInQuery(t *testing.T) {
	res := serve(t, map[string]string{"q": "drones kind:output"}, "")
	var a Answer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil || res.StatusCode != 200 || a.Total == 0 {
		t.Fatalf("status %d, %v: %s", res.StatusCode, err, res.Body)
	}
	for _, r := range a.Results {
		if r.Kind != "output" {
			t.Errorf("kind:output let %s %s through", r.Kind, r.URL)
		}
	}
	if a.Query != "drones kind:output" {
		t.Errorf("query %q", a.Query)
	}
	res = serve(t, map[string]string{"q": "rations lang:en report:a-76-564"}, "text/html")
	if res.StatusCode != 200 || !strings.Contains(res.Body, `<html lang="en">`) || !strings.Contains(res.Body, `href="/en/a-76-564/`) {
		t.Errorf("lang:en in q: status %d: %.300s", res.StatusCode, res.Body)
	}
	for _, q := range []map[string]string{
		{"q": "drones kind:poem"},
		{"q": "drones report:a-1-1"},
		{"q": "drones lang:de"},
		{"q": "drones lang:en", "lang": "fr"},
		{"q": "drones kind:output", "kind": "paragraph"},
		{"q": "drones", "report": "a-1-1"},
		{"q": "kind:output"},
	} {
		if res := serve(t, q, ""); res.StatusCode != 400 || !strings.Contains(res.Body, "kind") && !strings.Contains(res.Body, "report") && !strings.Contains(res.Body, "lang") && !strings.Contains(res.Body, "word") {
			t.Errorf("%v: status %d: %s", q, res.StatusCode, res.Body)
		}
	}
}

// A method other than GET and HEAD is a 405 that says which are allowed
// (RFC 9110 asks for the Allow header).
func TestMethodNotAllowed(t *testing.T) {
	ix, err := search.Open(reportdata.SearchIndex())
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"POST", "PUT", "OPTIONS"} {
		res := lambdahttp.Serve(context.Background(), New(ix), events.APIGatewayProxyRequest{
			HTTPMethod: m, Path: "/.netlify/functions/search", QueryStringParameters: map[string]string{"q": "rations"},
		})
		if res.StatusCode != 405 || res.Headers["Allow"] != "GET, HEAD" {
			t.Errorf("%s: %d, Allow %q; want 405 and GET, HEAD", m, res.StatusCode, res.Headers["Allow"])
		}
	}
}

// A delegate who pastes a citation into the search box gets the paragraph.
func TestCitationFindsTheParagraph(t *testing.T) {
	res := serve(t, map[string]string{"q": "A/76/564, par. 26", "lang": "en"}, "application/json")
	var a Answer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil || res.StatusCode != 200 {
		t.Fatalf("%d %v %s", res.StatusCode, err, res.Body)
	}
	if a.Total != 1 || len(a.Results) != 1 || !strings.HasPrefix(a.Results[0].URL, "/en/a-76-564/") || !strings.HasSuffix(a.Results[0].URL, "#par-26") {
		t.Errorf("%+v", a)
	}
	page := serve(t, map[string]string{"q": "par. 26", "lang": "fr"}, "text/html")
	if page.StatusCode != 200 || !strings.Contains(page.Body, "#par-26\">Paragraphe 26</a>") || strings.Contains(page.Body, `<p lang="fr"></p>`) {
		t.Errorf("results page: %d %.2000s", page.StatusCode, page.Body)
	}
}

// A delegate citing a paragraph the report does not have is told which it
// has, in JSON and on the page, not given texts holding "par" and "75".
func TestCitationOfAMissingParagraph(t *testing.T) {
	res := serve(t, map[string]string{"q": "A/76/564, par. 75", "lang": "en"}, "application/json")
	var a Answer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil || res.StatusCode != 200 {
		t.Fatalf("%d %v %s", res.StatusCode, err, res.Body)
	}
	if a.Total != 0 || a.Partial || a.Notice != "Report A/76/564 has numbered paragraphs 1 to 74." {
		t.Errorf("par. 75: %+v", a)
	}
	page := serve(t, map[string]string{"q": "par. 75", "lang": "fr"}, "text/html")
	if !strings.Contains(page.Body, "<p>Le rapport A/76/564 a les paragraphes numérotés 1 à 74.</p>") {
		t.Errorf("results page: %.3000s", page.Body)
	}
	if ok := serve(t, map[string]string{"q": "par. 74"}, "application/json"); strings.Contains(ok.Body, `"notice"`) {
		t.Errorf("par. 74: %s", ok.Body)
	}
}

// A query whose words are not all in one text answers with the texts that
// hold some of them, and says so, in JSON and on the page.
func TestPartialAnswer(t *testing.T) {
	res := serve(t, map[string]string{"q": "drones non déployés"}, "application/json")
	var a Answer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil || res.StatusCode != 200 {
		t.Fatalf("status %d: %s (%v)", res.StatusCode, res.Body, err)
	}
	if !a.Partial || a.Total == 0 {
		t.Errorf("drones non déployés: partial %v, %d results", a.Partial, a.Total)
	}
	page := serve(t, map[string]string{"q": "drones non déployés", "lang": "fr"}, "text/html")
	if !strings.Contains(page.Body, "Aucun texte ne contient tous ces mots") {
		t.Errorf("the results page does not say the results are partial")
	}
	// a query found whole is not partial
	full := serve(t, map[string]string{"q": "rations distribution"}, "application/json")
	if strings.Contains(full.Body, `"partial"`) {
		t.Errorf("rations distribution: %s", full.Body[:min(200, len(full.Body))])
	}
}
