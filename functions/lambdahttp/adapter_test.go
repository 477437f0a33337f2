package lambdahttp

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func TestEventRoundTrip(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Q", r.URL.Query().Get("q"))
		w.Header().Add("X-Many", "a")
		w.Header().Add("X-Many", "b")
		w.WriteHeader(http.StatusTeapot)
		_, _ = w.Write([]byte("é"))
	})
	// Through the aws-lambda-go handler, as Lambda invokes it: JSON in, JSON out.
	out, err := lambda.NewHandler(Handler(h)).Invoke(context.Background(),
		[]byte(`{"httpMethod":"GET","path":"/x","queryStringParameters":{"q":"sécurité"}}`))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"statusCode":418,"headers":{"X-Many":"a, b","X-Q":"sécurité"},"multiValueHeaders":null,"body":"é"}`
	if string(out) != want {
		t.Errorf("got  %s\nwant %s", out, want)
	}
}

func TestPanicBecomesMessage(t *testing.T) {
	h := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	res := Serve(context.Background(), h, events.APIGatewayProxyRequest{})
	if res.StatusCode != 500 || res.Body == "" {
		t.Errorf("got %d %q", res.StatusCode, res.Body)
	}
}
