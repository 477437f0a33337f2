package searchapi

import (
	"context"
	"html/template"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"pkportal/functions/lambdahttp"
	"pkportal/functions/reportdata"
	"pkportal/search"
)

// FuzzHandler sends random query strings through the Lambda adapter: the
// answer is never a 5xx, and the query never comes back unescaped in HTML.
func FuzzHandler(f *testing.F) {
	ix, err := search.Open(reportdata.SearchIndex())
	if err != nil {
		f.Fatal(err)
	}
	h := New(ix)
	for _, s := range []string{"q=rations", "q=%22points+de+distribution%22&kind=paragraph", "q=drone*&page=2&limit=5",
		"q=<script>&lang=en", "q=" + strings.Repeat("é", 300), "q=*", "q=\"\"", "q=a&q=b", "q=%ff%fe", "report=a-76-564&q=1+010"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, html bool) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		accept := "application/json"
		if html {
			accept = "text/html"
		}
		res := lambdahttp.Serve(context.Background(), h, events.APIGatewayProxyRequest{
			HTTPMethod: "GET", Path: "/api/search", MultiValueQueryStringParameters: v,
			Headers: map[string]string{"Accept": accept},
		})
		if res.StatusCode >= 500 {
			t.Fatalf("%q: status %d: %s", raw, res.StatusCode, res.Body)
		}
		q := v.Get("q")
		if !html || res.StatusCode != 200 || !strings.ContainsAny(q, "<>") {
			return
		}
		// where the page echoes the query, it is escaped (by the escaper
		// of html/template): the title, the form's value and the count
		var e strings.Builder
		_ = escaper.Execute(&e, strings.TrimSpace(q))
		for _, site := range []string{"<title>" + e.String() + " · ", `value="` + e.String() + `"`, "« " + e.String() + " »"} {
			if !strings.Contains(res.Body, site) {
				t.Fatalf("%q: the page does not echo the query escaped (%s)", raw, site)
			}
		}
		// and nowhere raw: the results list aside, whose markup may hold
		// a short query ("0<" is in "<mark>0</mark>", "<b" in "<body>"),
		// as may the page's own markup for one of a few characters
		body := res.Body
		if i, j := strings.Index(body, `<ol class="results"`), strings.LastIndex(body, "</ol>"); i >= 0 && j > i {
			body = body[:i] + body[j:]
		}
		if len(q) >= 8 && strings.Contains(body, q) {
			t.Fatalf("%q: query echoed unescaped", raw)
		}
	})
}

// escaper escapes a value as the results page's template does.
var escaper = template.Must(template.New("").Parse("{{.}}"))
