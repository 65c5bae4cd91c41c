package support

// The client against servers that answer as a client must cope with:
// malformed and oversized bodies, errors that are not OData errors, 204s,
// retries for real, and the bearer token.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestClientNonODataError(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "upstream is down")
	}))
	defer ts.Close()
	_, err := NewClient(ts.URL).createThing(context.Background(), &thing{})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 502 || e.Code != "BadGateway" || e.Message != "upstream is down" {
		t.Errorf("err = %#v", err)
	}
}

func TestClientSendsToken(t *testing.T) {
	var got string
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("Authorization")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(201)
		io.WriteString(w, `{"id":"1"}`)
	}))
	defer ts.Close()
	tokenErr := errors.New("no credentials")
	c := NewClient(ts.URL, WithBearerToken(func(context.Context) (string, error) { return "", tokenErr }))
	if _, err := c.createThing(context.Background(), &thing{}); !errors.Is(err, tokenErr) {
		t.Errorf("token error: err = %v", err)
	}
	c = NewClient(ts.URL, WithBearerToken(func(context.Context) (string, error) { return "t0ken", nil }))
	if _, err := c.createThing(context.Background(), &thing{}); err != nil || got != "Bearer t0ken" {
		t.Errorf("Authorization = %q, err = %v", got, err)
	}
}

// TestClientMalformedResponses points the client at servers that answer
// badly: each answer is a clear error that can be told apart, and none is
// retried.
func TestClientMalformedResponses(t *testing.T) {
	big := `{"name":"` + strings.Repeat("x", 2048) + `"}`
	tests := []struct {
		name   string
		answer http.HandlerFunc
		want   func(err error) bool
		msg    string // in the error's text
	}{
		{
			"invalid JSON",
			jsonAnswer(201, `{"id": nope}`),
			isDecodeError(true), `decoding the 201 response: invalid JSON at offset 7`,
		},
		{
			"JSON cut short",
			jsonAnswer(201, `{"id":"1","name":"tru`),
			isDecodeError(true), `unterminated string`,
		},
		{
			"JSON of the wrong shape",
			jsonAnswer(201, `{"name":"1","count":"many"}`),
			isDecodeError(false), `property "count": expected a number, found a string`,
		},
		{
			"a body shorter than its Content-Length",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Header().Set("Content-Length", "100")
				w.WriteHeader(201)
				io.WriteString(w, `{"id":"1"}`)
			},
			isErr(io.ErrUnexpectedEOF), "reading the 201 response: unexpected EOF",
		},
		{
			"the connection closed mid-body",
			func(w http.ResponseWriter, r *http.Request) {
				conn, buf, err := http.NewResponseController(w).Hijack()
				if err != nil {
					return
				}
				defer conn.Close()
				buf.WriteString("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"id\"\r\n")
				buf.Flush()
			},
			isErr(io.ErrUnexpectedEOF), "reading the 201 response: unexpected EOF",
		},
		{
			"an HTML page",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html; charset=utf-8")
				io.WriteString(w, "<html><body>Sign in to continue</body></html>")
			},
			isErr(ErrNotJSON), "response is not JSON: the 200 response is text/html; charset=utf-8: <html><body>Sign in",
		},
		{
			"no body",
			jsonAnswer(201, ""),
			isErr(ErrEmptyResponse), "response body is empty: the 201 response has none",
		},
		{
			"over the size limit, declared",
			jsonAnswer(201, big),
			isErr(ErrResponseTooLarge), "the 201 response is 2059 bytes, over the limit of 1024",
		},
		{
			"over the size limit, streamed",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				for i := 0; i < len(big); i += 512 {
					io.WriteString(w, big[i:min(i+512, len(big))])
					w.(http.Flusher).Flush() // chunked: no Content-Length to go by
				}
			},
			isErr(ErrResponseTooLarge), "the 200 response is over the limit of 1024 bytes",
		},
		{
			"an error status with a JSON body that is not an OData error",
			jsonAnswer(400, `{"message":"nope"}`),
			isError(400, "BadRequest", `{"message":"nope"}`), `400 BadRequest: {"message":"nope"}`,
		},
		{
			"an error status with an HTML body",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(500)
				io.WriteString(w, "<h1>Oops</h1>")
			},
			isError(500, "InternalServerError", "<h1>Oops</h1>"), "500 InternalServerError: <h1>Oops</h1>",
		},
		{
			"an error status with a body over the size limit",
			func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/plain")
				w.WriteHeader(502)
				io.WriteString(w, strings.Repeat("y", 4096))
			},
			isError(502, "BadGateway", strings.Repeat("y", 200)+"…"), "502 BadGateway: yyy",
		},
		{
			"a redirect loop",
			func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, r.URL.Path, http.StatusTemporaryRedirect)
			},
			func(err error) bool { return err != nil }, "stopped after 10 redirects",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var attempts atomic.Int32
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				attempts.Add(1)
				tt.answer(w, r)
			}))
			defer ts.Close()
			c := NewClient(ts.URL, WithMaxResponseBytes(1024), WithRetry(RetryPolicy{RetryNonIdempotent: true}))
			got, err := c.createThing(context.Background(), &thing{Name: Some("n")})
			if got != nil || !tt.want(err) {
				t.Errorf("got %v, err = %#v", got, err)
			}
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("err = %v, want it to say %q", err, tt.msg)
			}
			want := int32(1)
			if tt.name == "a redirect loop" {
				want = 10 // http.Client's limit; the loop is not retried
			}
			if n := attempts.Load(); n != want {
				t.Errorf("%d requests, want %d", n, want)
			}
		})
	}
}

// TestClientNoContentCarriesNoResult: a 204 where the docs promise a body is
// the service saying the request succeeded with nothing to return.
func TestClientNoContentCarriesNoResult(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer ts.Close()
	got, err := NewClient(ts.URL).createThing(context.Background(), &thing{})
	if err != nil || got == nil || got.Name.IsSet() {
		t.Errorf("got %+v, %v; want an empty result", got, err)
	}
}

// TestClientRetriesWithTheSameBody runs the client's retries for real, with
// waits of no length: Retry-After 0, then an HTTP-date past.
func TestClientRetriesWithTheSameBody(t *testing.T) {
	answer := func(w http.ResponseWriter, body []byte, n int) {
		switch n {
		case 1:
			w.Header().Set("Retry-After", "0")
			w.WriteHeader(http.StatusTooManyRequests)
		case 2:
			w.Header().Set("Retry-After", "Sun, 06 Nov 1994 08:49:37 GMT")
			w.WriteHeader(http.StatusGatewayTimeout)
		default:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			w.Write(body)
		}
	}
	rec := &recorder{answer: answer}
	ts := httptest.NewServer(rec)
	defer ts.Close()
	c := NewClient(ts.URL, WithRetry(RetryPolicy{RetryNonIdempotent: true}))
	got, err := c.createThing(context.Background(), &thing{Name: Some("n")})
	if err != nil || got.Name.Value != "n" {
		t.Fatalf("got %+v, %v", got, err)
	}
	if sent := rec.sent(); len(sent) != 3 || sent[0] != `{"name":"n"}` || sent[1] != sent[0] || sent[2] != sent[0] {
		t.Errorf("bodies = %q, want the same one three times", sent)
	}

	// Without RetryNonIdempotent a POST is sent once.
	rec = &recorder{answer: answer}
	ts2 := httptest.NewServer(rec)
	defer ts2.Close()
	_, err = NewClient(ts2.URL).createThing(context.Background(), &thing{})
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != http.StatusTooManyRequests || len(rec.sent()) != 1 {
		t.Errorf("err = %v after %d requests; want the 429 after 1", err, len(rec.sent()))
	}
}

// recorder answers requests, numbered from 1, and keeps their bodies.
type recorder struct {
	answer func(w http.ResponseWriter, body []byte, n int)
	mu     sync.Mutex
	bodies []string
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	rec.bodies = append(rec.bodies, string(b))
	n := len(rec.bodies)
	rec.mu.Unlock()
	rec.answer(w, b, n)
}

func (rec *recorder) sent() []string {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return slices.Clone(rec.bodies)
}

func jsonAnswer(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(status)
		io.WriteString(w, body)
	}
}

func isErr(target error) func(error) bool {
	return func(err error) bool { return errors.Is(err, target) }
}

func isDecodeError(syntax bool) func(error) bool {
	return func(err error) bool {
		var e *DecodeError
		return errors.As(err, &e) && e.Syntax == syntax
	}
}

func isError(status int, code, message string) func(error) bool {
	return func(err error) bool {
		var e *Error
		return errors.As(err, &e) && e.StatusCode == status && e.Code == code && e.Message == message
	}
}
