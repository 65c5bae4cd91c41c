package support

// The collection iterator: it follows @odata.nextLink, retries a page,
// stops at an error or when the caller's context ends, and keeps the
// bearer token on the client's host.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// pagingServer answers ListThings with three pages, the first two linking
// to the next, when the filter is "round", and with a 400 otherwise.
type pagingServer struct{ echoServer }

func (pagingServer) ListThings(ctx context.Context, q QueryOptions) (*Collection[string], error) {
	if q.Filter != "round" {
		return nil, &Error{StatusCode: 400, Code: "BadRequest", Message: "filter is " + q.Filter}
	}
	c := &Collection[string]{}
	switch q.Extra.Get("$skiptoken") {
	case "":
		c.Value = []string{"t1"}
		c.NextLink = "/things?$filter=round&$skiptoken=2"
	case "2":
		c.Value = []string{"t2"}
		c.NextLink = "/things?$filter=round&$skiptoken=3"
	default:
		c.Value = []string{}
	}
	return c, nil
}

// newPagingClient serves h and returns a client of it with a token.
func newPagingClient(t *testing.T, h http.Handler) *Client {
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	// nextLinks are relative here; the client resolves them against the base URL.
	return NewClient(ts.URL, WithBearerToken(func(context.Context) (string, error) { return "t", nil }))
}

// thingHandler is the fixture's handler for srv, logging nothing.
func thingHandler(srv Server) http.Handler {
	return newHandler(srv, thingRoutes, []HandlerOption{WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))})
}

func TestIteratorStopsAtError(t *testing.T) {
	c := newPagingClient(t, thingHandler(pagingServer{}))
	n := 0
	for _, err := range c.listThingsAll(context.Background(), QueryOptions{Filter: "square"}) {
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != 400 {
			t.Errorf("err = %v", err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("yielded %d times, want the one error", n)
	}
}

type hostileServer struct{ echoServer }

func (hostileServer) ListThings(ctx context.Context, q QueryOptions) (*Collection[string], error) {
	return &Collection[string]{Value: []string{}, NextLink: "https://attacker.example/steal"}, nil
}

func TestIteratorKeepsTokenOnItsHost(t *testing.T) {
	c := newPagingClient(t, thingHandler(hostileServer{}))
	for _, err := range c.listThingsAll(context.Background(), QueryOptions{Filter: "round"}) {
		if err == nil || !strings.Contains(err.Error(), "refusing to follow") {
			t.Errorf("err = %v", err)
		}
	}
}

// throttleFirstPage wraps a handler, counting the requests it serves and
// answering the first one for a page of ListThings with a 429.
func throttleFirstPage(h http.Handler, page string, count *atomic.Int32) http.Handler {
	var throttled atomic.Bool
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.Add(1)
		if r.URL.Query().Get("$skiptoken") == page && !throttled.Swap(true) {
			w.Header().Set("Retry-After", "2")
			WriteError(w, http.StatusTooManyRequests, "TooManyRequests", "slow down")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func TestIteratorRetriesAPageAndStopsWhenCanceled(t *testing.T) {
	count := new(atomic.Int32)
	c := newPagingClient(t, throttleFirstPage(thingHandler(pagingServer{}), "2", count))
	waits := recordWaits(c, time.Now())
	n := 0
	for _, err := range c.listThingsAll(context.Background(), QueryOptions{Filter: "round"}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	// Pages 1, 2 (throttled), 2 and 3.
	if n != 2 || count.Load() != 4 || fmt.Sprint(*waits) != "[2s]" {
		t.Errorf("%d items, %d requests, waits %v; want 2 items, 4 requests, [2s]", n, count.Load(), *waits)
	}

	count.Store(0)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var errs []error
	for _, err := range c.listThingsAll(ctx, QueryOptions{Filter: "round"}) {
		cancel() // after the first item: no further page is asked for
		errs = append(errs, err)
	}
	if len(errs) != 2 || errs[0] != nil || !errors.Is(errs[1], context.Canceled) {
		t.Errorf("yielded %v, want an item then context.Canceled", errs)
	}
	if n := count.Load(); n != 1 {
		t.Errorf("%d requests, want the first page's only", n)
	}
}
