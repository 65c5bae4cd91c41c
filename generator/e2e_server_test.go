package generator_test

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/goleak"

	graph "github.com/docgen-dev/docgen/generated/graph"
)

// moodyServer answers by the name it is sent: "panic" panics, "fail"
// fails, anything else is echoed.
type moodyServer struct{ graph.UnimplementedServer }

func (s *moodyServer) CreateDomainSecurityProfile(ctx context.Context, body *graph.DomainSecurityProfile) (*graph.DomainSecurityProfile, error) {
	switch body.Name.Value {
	case "panic":
		panic("boom")
	case "fail":
		return nil, &graph.Error{StatusCode: 409, Code: "Conflict", Message: "taken"}
	}
	return body, nil
}

// TestServerUnderLoad sends thousands of requests from many concurrent
// clients over loopback — good ones, failing ones, panicking ones and
// malformed ones — and checks every answer, then that no goroutine
// outlives the server. Run with -race (.ci/run does).
func TestServerUnderLoad(t *testing.T) {
	defer goleak.VerifyNone(t)
	ts := httptest.NewServer(graph.NewHandler(&moodyServer{}, graph.WithLogger(quietLogger())))
	defer ts.Close()
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	defer transport.CloseIdleConnections()
	c := graph.NewClient(ts.URL, graph.WithBearerToken(token), graph.WithHTTPClient(&http.Client{Transport: transport}))

	const clients, each = 32, 100
	var wg sync.WaitGroup
	errs := make(chan error, clients*each)
	for i := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range each {
				name := fmt.Sprintf("c%d-%d", i, j)
				want := 0
				switch j % 4 {
				case 1:
					name, want = "panic", 500
				case 2:
					name, want = "fail", 409
				case 3:
					// Malformed: the handler must answer 400 without calling the Server.
					req, _ := http.NewRequest("POST", ts.URL+route, strings.NewReader(`{"name": 7`))
					req.Header.Set("Authorization", "Bearer t")
					req.Header.Set("Content-Type", "application/json")
					resp, err := transport.RoundTrip(req)
					if err != nil {
						errs <- err
						continue
					}
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if resp.StatusCode != 400 {
						errs <- fmt.Errorf("malformed body: status %d, want 400", resp.StatusCode)
					}
					continue
				}
				got, err := c.CreateDomainSecurityProfile(context.Background(), &graph.DomainSecurityProfile{Name: graph.Some(name)})
				var e *graph.Error
				switch {
				case want == 0 && (err != nil || got.Name.Value != name):
					errs <- fmt.Errorf("%s: got %v, %v", name, got, err)
				case want != 0 && (!errors.As(err, &e) || e.StatusCode != want):
					errs <- fmt.Errorf("%s: err %v, want status %d", name, err, want)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	n := 0
	for err := range errs {
		if n++; n <= 10 {
			t.Error(err)
		}
	}
}

// TestSlowClientIsCut: a client that sends its headers and then trickles
// (or stops sending) its body is answered 408 and disconnected once the
// body timeout passes, instead of holding the connection and a goroutine.
func TestSlowClientIsCut(t *testing.T) {
	defer goleak.VerifyNone(t)
	ts := httptest.NewServer(graph.NewHandler(&moodyServer{}, graph.WithLogger(quietLogger()), graph.WithBodyTimeout(50*time.Millisecond)))
	defer ts.Close()
	conn, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"na", route)
	// The deadline only keeps a broken handler from hanging the test; the
	// answer comes once the 50 ms body timeout passes.
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer to a stalled body: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestTimeout || !resp.Close {
		t.Errorf("stalled body: status %d, close %v; want 408 and the connection closed", resp.StatusCode, resp.Close)
	}
}

// TestNewHTTPServerTimeouts: the server NewHTTPServer returns bounds every
// phase of a connection's life.
func TestNewHTTPServerTimeouts(t *testing.T) {
	s := graph.NewHTTPServer(":0", http.NotFoundHandler())
	if s.ReadHeaderTimeout <= 0 || s.ReadTimeout <= 0 || s.WriteTimeout <= 0 || s.IdleTimeout <= 0 || s.MaxHeaderBytes <= 0 {
		t.Errorf("unbounded: %+v", s)
	}
}
