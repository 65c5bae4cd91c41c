package support

// The client's retries and its context: which answers are retried, how long
// it waits, and that the context ends the waiting and the reading.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// countingServer serves answer, numbering the requests it gets from 1.
func countingServer(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, n int)) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	count := new(atomic.Int32)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answer(w, r, int(count.Add(1)))
	}))
	t.Cleanup(ts.Close)
	return ts, count
}

// recordWaits sets c's clock to now and makes it record the waits it
// computes between attempts instead of taking them.
func recordWaits(c *Client, now time.Time) *[]time.Duration {
	waits := &[]time.Duration{}
	c.now = func() time.Time { return now }
	c.sleep = func(ctx context.Context, d time.Duration) error {
		*waits = append(*waits, d)
		return ctx.Err()
	}
	return waits
}

func writeThing(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"name":"w1"}`)
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	ts, attempts := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 1:
			w.Header().Set("Retry-After", "7")
			WriteError(w, http.StatusTooManyRequests, "TooManyRequests", "slow down")
		case 2:
			w.Header().Set("Retry-After", now.Add(90*time.Second).Format(http.TimeFormat))
			WriteError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "busy")
		case 3:
			// A date already past asks for no wait at all.
			w.Header().Set("Retry-After", now.Add(-time.Hour).Format(http.TimeFormat))
			WriteError(w, http.StatusGatewayTimeout, "GatewayTimeout", "late")
		default:
			writeThing(w)
		}
	})
	c := NewClient(ts.URL, WithRetry(RetryPolicy{MaxAttempts: 4, MaxRetryAfter: 2 * time.Minute}))
	waits := recordWaits(c, now)
	got, err := c.getThing(context.Background(), "w1")
	if err != nil {
		t.Fatal(err)
	}
	if name := got.Name.Value; name != "w1" {
		t.Errorf("name = %q", name)
	}
	if n := attempts.Load(); n != 4 {
		t.Errorf("%d attempts, want 4", n)
	}
	if got := fmt.Sprint(*waits); got != "[7s 1m30s 0s]" {
		t.Errorf("waits = %s, want the Retry-After of each answer", got)
	}
}

func TestRetryBacksOffAndGivesUp(t *testing.T) {
	tests := []struct {
		name   string
		policy []ClientOption
		// waits are the bounds of each wait: backoff with jitter takes
		// between half of it and all of it.
		waits [][2]time.Duration
	}{
		{"default policy", nil, [][2]time.Duration{{250 * time.Millisecond, 500 * time.Millisecond}, {500 * time.Millisecond, time.Second}}},
		{"doubling up to MaxDelay", []ClientOption{WithRetry(RetryPolicy{MaxAttempts: 5, BaseDelay: time.Second, MaxDelay: 3 * time.Second})},
			[][2]time.Duration{{time.Second / 2, time.Second}, {time.Second, 2 * time.Second}, {1500 * time.Millisecond, 3 * time.Second}, {1500 * time.Millisecond, 3 * time.Second}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, attempts := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				WriteError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "busy")
			})
			c := NewClient(ts.URL, tt.policy...)
			waits := recordWaits(c, time.Now())
			_, err := c.getThing(context.Background(), "w1")
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != 503 || e.Message != "busy" {
				t.Fatalf("err = %v, want the last answer's *Error", err)
			}
			want := fmt.Sprintf("gave up after %d attempts", len(tt.waits)+1)
			if !strings.Contains(err.Error(), want) {
				t.Errorf("err = %v, want it to say it %s", err, want)
			}
			if n := int(attempts.Load()); n != len(tt.waits)+1 {
				t.Errorf("%d attempts, want %d", n, len(tt.waits)+1)
			}
			if len(*waits) != len(tt.waits) {
				t.Fatalf("waits = %v", *waits)
			}
			for i, d := range *waits {
				if d < tt.waits[i][0] || d > tt.waits[i][1] {
					t.Errorf("wait %d = %s, want between %s and %s", i+1, d, tt.waits[i][0], tt.waits[i][1])
				}
			}
		})
	}
}

func TestRetryOnlyAnswersThatAskForIt(t *testing.T) {
	for _, status := range []int{400, 401, 404, 409, 500, 501, 502, 429, 503, 504} {
		ts, attempts := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
			WriteError(w, status, "Code", "no")
		})
		c := NewClient(ts.URL)
		recordWaits(c, time.Now())
		_, err := c.getThing(context.Background(), "w1")
		var e *Error
		if !errors.As(err, &e) || e.StatusCode != status {
			t.Errorf("%d: err = %v", status, err)
		}
		want := int32(1)
		if status == 429 || status == 503 || status == 504 {
			want = 3
		}
		if n := attempts.Load(); n != want {
			t.Errorf("%d: %d attempts, want %d", status, n, want)
		}
	}
}

func TestRetryAfterOverTheLimitIsNotWaitedFor(t *testing.T) {
	now := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name       string
		retryAfter string
		policy     RetryPolicy
		want       string
	}{
		{"seconds over the default", "3600", RetryPolicy{}, "Retry-After asks for 1h0m0s, over the 1m0s limit"},
		{"date over the default", now.Add(61 * time.Second).Format(http.TimeFormat), RetryPolicy{}, "Retry-After asks for 1m1s, over the 1m0s limit"},
		{"seconds over a set limit", "31", RetryPolicy{MaxRetryAfter: 30 * time.Second}, "Retry-After asks for 31s, over the 30s limit"},
		{"beyond any duration", "99999999999999999999999", RetryPolicy{}, "over the 1m0s limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, attempts := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
				w.Header().Set("Retry-After", tt.retryAfter)
				WriteError(w, http.StatusTooManyRequests, "TooManyRequests", "slow down")
			})
			c := NewClient(ts.URL, WithRetry(tt.policy))
			waits := recordWaits(c, now)
			_, err := c.getThing(context.Background(), "w1")
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != 429 || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want the 429 saying %q", err, tt.want)
			}
			if n := attempts.Load(); n != 1 || len(*waits) != 0 {
				t.Errorf("%d attempts, waits %v; want 1 attempt and no wait", n, *waits)
			}
		})
	}
}

func TestRetryAfterThatIsNeitherFormBacksOff(t *testing.T) {
	ts, attempts := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "soon")
			WriteError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "busy")
			return
		}
		writeThing(w)
	})
	c := NewClient(ts.URL, WithRetry(RetryPolicy{BaseDelay: 40 * time.Second, MaxDelay: 40 * time.Second}))
	waits := recordWaits(c, time.Now())
	if _, err := c.getThing(context.Background(), "w1"); err != nil {
		t.Fatal(err)
	}
	if n := attempts.Load(); n != 2 || len(*waits) != 1 || (*waits)[0] < 20*time.Second {
		t.Errorf("%d attempts, waits %v; want 2 and a backoff", n, *waits)
	}
}

// The fixture has client methods for GET and POST only; the PATCH, the
// DELETE and the action that returns nothing call c.do as their generated
// methods do.
func TestRetryNonIdempotentOnlyWhenAsked(t *testing.T) {
	calls := []struct {
		name       string
		idempotent bool
		call       func(*Client) error
	}{
		{"POST", false, func(c *Client) error {
			_, err := c.createThing(context.Background(), &thing{Name: Some("p")})
			return err
		}},
		{"POST action", false, func(c *Client) error {
			return c.Do(context.Background(), http.MethodPost, "/things/w1/rotate", nil, &thing{Count: Some[int32](90)}, nil)
		}},
		{"PATCH", false, func(c *Client) error {
			var out thing
			return c.Do(context.Background(), http.MethodPatch, "/things/w1", nil, &thing{Name: Some("d")}, &out)
		}},
		{"DELETE", true, func(c *Client) error {
			return c.Do(context.Background(), http.MethodDelete, "/things/w1", nil, nil, nil)
		}},
	}
	for _, call := range calls {
		for _, asked := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s asked=%v", call.name, asked), func(t *testing.T) {
				var mu sync.Mutex
				var bodies []string
				ts, attempts := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
					b, _ := io.ReadAll(r.Body)
					mu.Lock()
					bodies = append(bodies, string(b))
					mu.Unlock()
					switch {
					case n == 1:
						w.Header().Set("Retry-After", "1")
						WriteError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "busy")
					case r.Method == http.MethodDelete || r.URL.Path == "/things/w1/rotate":
						w.WriteHeader(http.StatusNoContent)
					default:
						writeThing(w)
					}
				})
				c := NewClient(ts.URL, WithRetry(RetryPolicy{RetryNonIdempotent: asked}))
				recordWaits(c, time.Now())
				err := call.call(c)
				retried := asked || call.idempotent
				var e *Error
				switch {
				case retried && err != nil:
					t.Errorf("err = %v, want success on the second attempt", err)
				case !retried && (!errors.As(err, &e) || e.StatusCode != 503):
					t.Errorf("err = %v, want the 503", err)
				}
				want := int32(1)
				if retried {
					want = 2
				}
				if n := attempts.Load(); n != want {
					t.Errorf("%d attempts, want %d", n, want)
				}
				mu.Lock()
				defer mu.Unlock()
				// Each attempt sends the whole body again.
				if retried && len(bodies) == 2 && bodies[0] != bodies[1] {
					t.Errorf("bodies differ between attempts: %q, %q", bodies[0], bodies[1])
				}
				if call.name != "DELETE" && bodies[0] == "" {
					t.Error("no body sent")
				}
			})
		}
	}
}

// expiring is a context whose deadline passes when the test closes done,
// rather than at a time.
type expiring struct {
	context.Context
	done chan struct{}
}

func newExpiring() *expiring { return &expiring{context.Background(), make(chan struct{})} }

func (e *expiring) Done() <-chan struct{} { return e.done }

func (e *expiring) Err() error {
	select {
	case <-e.done:
		return context.DeadlineExceeded
	default:
		return nil
	}
}

func TestContextEndsTheWaitForARetry(t *testing.T) {
	busy := func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "30")
		WriteError(w, http.StatusServiceUnavailable, "ServiceUnavailable", "busy")
	}
	t.Run("canceled", func(t *testing.T) {
		ts, attempts := countingServer(t, busy)
		c := NewClient(ts.URL)
		ctx, cancel := context.WithCancel(context.Background())
		var wait time.Duration
		// The real wait, for the 30 seconds asked: it must end when ctx does.
		c.sleep = func(ctx context.Context, d time.Duration) error {
			wait = d
			cancel()
			return sleepContext(ctx, d)
		}
		_, err := c.getThing(ctx, "w1")
		var e *Error
		if !errors.Is(err, context.Canceled) || !errors.As(err, &e) || e.StatusCode != 503 {
			t.Errorf("err = %v, want context.Canceled and the 503 that was being retried", err)
		}
		if !strings.Contains(fmt.Sprint(err), "while waiting 30s to retry") {
			t.Errorf("err = %v, want it to say it was waiting", err)
		}
		if n := attempts.Load(); n != 1 || wait != 30*time.Second {
			t.Errorf("%d attempts, wait %s", n, wait)
		}
	})
	t.Run("deadline", func(t *testing.T) {
		ts, attempts := countingServer(t, busy)
		c := NewClient(ts.URL)
		ctx := newExpiring()
		c.sleep = func(sctx context.Context, d time.Duration) error {
			close(ctx.done)
			return sleepContext(sctx, d)
		}
		_, err := c.getThing(ctx, "w1")
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want context.DeadlineExceeded", err)
		}
		if n := attempts.Load(); n != 1 {
			t.Errorf("%d attempts, want 1", n)
		}
	})
}

// thenExpire is a transport that expires a context once the response
// headers are in, while the body is still to come.
type thenExpire struct{ ctx *expiring }

func (e thenExpire) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	close(e.ctx.done)
	return resp, err
}

func TestContextEndsReadingTheResponse(t *testing.T) {
	ts, _ := countingServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"name":"w1",`)
		w.(http.Flusher).Flush()
		<-r.Context().Done()
	})
	ctx := newExpiring()
	c := NewClient(ts.URL, WithHTTPClient(&http.Client{Transport: thenExpire{ctx}}))
	_, err := c.getThing(ctx, "w1")
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(fmt.Sprint(err), "reading the 200 response") {
		t.Errorf("err = %v, want context.DeadlineExceeded while reading", err)
	}
}
