// Package lambdahttp runs a net/http handler behind API Gateway proxy
// events, the shape Netlify's Go functions receive. The same handler then
// serves Lambda and the local server of `generator serve`.
//
// It sets single-value Headers on the response (Netlify drops
// MultiValueHeaders) and the security headers of every function response
// (SetSecurityHeaders: Netlify's [[headers]] do not apply to functions).
// It must not let a panic of the handler become a 5xx without a message.
// Its deps_test.go checks that the function binaries link no Hugo,
// esbuild, goldmark, generator or ingest package.
package lambdahttp

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

// Handler adapts h to the Lambda handler signature.
func Handler(h http.Handler) func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	return func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return Serve(ctx, h, ev), nil
	}
}

// Serve runs one event through h and returns its response.
func Serve(ctx context.Context, h http.Handler, ev events.APIGatewayProxyRequest) events.APIGatewayProxyResponse {
	req := Request(ctx, ev)
	rec := httptest.NewRecorder()
	func() {
		defer func() {
			if p := recover(); p != nil {
				rec = httptest.NewRecorder()
				Error(rec, http.StatusInternalServerError, "internal error: the request could not be answered")
			}
		}()
		h.ServeHTTP(rec, req)
	}()
	res := events.APIGatewayProxyResponse{StatusCode: rec.Code, Headers: map[string]string{}}
	for k, v := range rec.Header() {
		res.Headers[k] = strings.Join(v, ", ")
	}
	body := rec.Body.Bytes()
	if utf8.Valid(body) {
		res.Body = string(body)
	} else {
		res.Body = base64.StdEncoding.EncodeToString(body)
		res.IsBase64Encoded = true
	}
	return res
}

// Request builds the *http.Request that an event stands for.
func Request(ctx context.Context, ev events.APIGatewayProxyRequest) *http.Request {
	q := url.Values{}
	for k, v := range ev.QueryStringParameters {
		q.Set(k, v)
	}
	for k, vs := range ev.MultiValueQueryStringParameters {
		q[k] = vs
	}
	method := ev.HTTPMethod
	if method == "" {
		method = http.MethodGet
	}
	path := ev.Path
	if path == "" {
		path = "/"
	}
	body := ev.Body
	if ev.IsBase64Encoded {
		if b, err := base64.StdEncoding.DecodeString(body); err == nil {
			body = string(b)
		}
	}
	req := httptest.NewRequest(method, "/", strings.NewReader(body))
	req.URL.Path = path
	req.URL.RawQuery = q.Encode()
	for k, v := range ev.Headers {
		req.Header.Set(k, v)
	}
	for k, vs := range ev.MultiValueHeaders {
		req.Header[http.CanonicalHeaderKey(k)] = vs
	}
	return req.WithContext(ctx)
}

// SetSecurityHeaders sets the headers every function response carries:
// Netlify's [[headers]] do not apply to functions.
func SetSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
}

// Error answers with a short plain-text message.
func Error(w http.ResponseWriter, status int, msg string) {
	SetSecurityHeaders(w.Header())
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(msg + "\n"))
}
