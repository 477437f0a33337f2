package searchapi

import (
	"context"
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
		if q := v.Get("q"); html && strings.ContainsAny(q, "<>") && strings.Contains(res.Body, q) {
			t.Fatalf("%q: query echoed unescaped", raw)
		}
	})
}
