package interop

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	khttp "github.com/microsoft/kiota-http-go"
	msgraphsdk "github.com/microsoftgraph/msgraph-sdk-go"
	msgraphgocore "github.com/microsoftgraph/msgraph-sdk-go-core"
	azauth "github.com/microsoftgraph/msgraph-sdk-go-core/authentication"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// env is a generated handler behind a TLS test server, and the official SDK
// set up as its users set it up: its default base URL
// (https://graph.microsoft.com/v1.0), its default middleware (compression,
// retry, redirect, its headers, ...) and a token credential. Only the
// network changes: the SDK's transport dials the test server whatever host
// it asks for, and trusts its certificate.
type env struct {
	srv *fakeServer // the Server of newEnv; nil for newEnvWith's
	ts  *httptest.Server
	rec *recorder
}

// newEnv serves fakeServer (server_test.go), which answers with the docs'
// examples and records what it receives.
func newEnv(t *testing.T, opts ...graphv1.HandlerOption) *env {
	t.Helper()
	s := newFakeServer(t)
	e := newEnvWith(t, s, opts...)
	e.srv = s
	return e
}

// newEnvWith serves srv, any Server, such as a *graphv1.Fake.
func newEnvWith(t *testing.T, srv graphv1.Server, opts ...graphv1.HandlerOption) *env {
	t.Helper()
	e := &env{rec: &recorder{}}
	e.rec.next = graphv1.NewHandler(srv, opts...)
	e.ts = httptest.NewUnstartedServer(e.rec)
	e.ts.EnableHTTP2 = true
	e.ts.StartTLS()
	t.Cleanup(e.ts.Close)
	return e
}

// staticCredential is an azcore.TokenCredential that always gives the same
// token.
type staticCredential string

func (c staticCredential) GetToken(ctx context.Context, _ policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: string(c), ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// client returns an SDK client that presents token.
func (e *env) client(t *testing.T, token string) *msgraphsdk.GraphServiceClient {
	t.Helper()
	// The scopes and valid hosts msgraphsdk.NewGraphServiceClientWithCredentials
	// uses by default.
	auth, err := azauth.NewAzureIdentityAuthenticationProviderWithScopesAndValidHosts(
		staticCredential(token), []string{"https://graph.microsoft.com/.default"}, []string{"graph.microsoft.com"})
	if err != nil {
		t.Fatal(err)
	}
	options := msgraphsdk.GetDefaultClientOptions()
	middleware := msgraphgocore.GetDefaultMiddlewaresWithOptions(&options)
	hc := msgraphgocore.GetDefaultClient(&options, middleware...)
	hc.Transport = khttp.NewCustomTransportWithParentTransport(e.transport(t), middleware...)
	adapter, err := msgraphsdk.NewGraphRequestAdapterWithParseNodeFactoryAndSerializationWriterFactoryAndHttpClient(auth, nil, nil, hc)
	if err != nil {
		t.Fatal(err)
	}
	return msgraphsdk.NewGraphServiceClient(adapter)
}

// transport is the SDK's default transport, dialing the test server.
func (e *env) transport(t *testing.T) *http.Transport {
	tr, ok := khttp.GetDefaultTransport().(*http.Transport)
	if !ok {
		t.Fatalf("khttp.GetDefaultTransport is a %T, not an *http.Transport", khttp.GetDefaultTransport())
	}
	addr := e.ts.Listener.Addr().String()
	var d net.Dialer
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return d.DialContext(ctx, network, addr)
	}
	testTLS := e.ts.Client().Transport.(*http.Transport).TLSClientConfig
	// httptest's certificate names example.com; the request still says
	// graph.microsoft.com in its URL and Host.
	tr.TLSClientConfig = &tls.Config{RootCAs: testTLS.RootCAs, ServerName: "example.com"}
	return tr
}

// run runs one scenario as a subtest, and when it fails logs every
// exchange it made.
func (e *env) run(t *testing.T, name string, f func(t *testing.T)) {
	t.Run(name, func(t *testing.T) {
		start := e.rec.len()
		defer func() {
			xs := e.rec.since(start)
			for _, x := range xs {
				if x.gzipBody && x.status == http.StatusUnsupportedMediaType {
					t.Errorf("%s %s: the handler answered 415 to a gzip-compressed body (the SDK then retried it uncompressed; the service accepts gzip)", x.method, x.url)
				}
			}
			if t.Failed() {
				if len(xs) == 0 {
					t.Log("no request reached the handler")
				}
				for i, x := range xs {
					t.Logf("exchange %d of %d:\n%s", i+1, len(xs), x)
				}
			}
		}()
		f(t)
	})
}

// recorder is a middleware that keeps every request the handler got and
// its answer.
type recorder struct {
	next http.Handler
	mu   sync.Mutex
	xs   []*exchange
}

type exchange struct {
	method, url string
	reqHeader   http.Header
	reqBody     []byte // decompressed if it came gzip-encoded
	gzipBody    bool
	status      int
	respHeader  http.Header
	respBody    bytes.Buffer
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	x := &exchange{
		method:    r.Method,
		url:       "https://" + r.Host + r.URL.RequestURI(),
		reqHeader: r.Header.Clone(),
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	x.reqBody = raw
	if strings.EqualFold(r.Header.Get("Content-Encoding"), "gzip") && len(raw) > 0 {
		x.gzipBody = true
		x.reqBody = gunzip(raw)
	}
	rec.mu.Lock()
	rec.xs = append(rec.xs, x)
	rec.mu.Unlock()
	rw := &recordingWriter{ResponseWriter: w, x: x}
	rec.next.ServeHTTP(rw, r)
	if x.status == 0 {
		x.status = http.StatusOK
	}
	x.respHeader = w.Header().Clone()
}

func (rec *recorder) len() int {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return len(rec.xs)
}

func (rec *recorder) since(i int) []*exchange {
	rec.mu.Lock()
	defer rec.mu.Unlock()
	return append([]*exchange(nil), rec.xs[i:]...)
}

type recordingWriter struct {
	http.ResponseWriter
	x *exchange
}

func (w *recordingWriter) WriteHeader(code int) {
	if w.x.status == 0 {
		w.x.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *recordingWriter) Write(p []byte) (int, error) {
	if w.x.status == 0 {
		w.x.status = http.StatusOK
	}
	w.x.respBody.Write(p)
	return w.ResponseWriter.Write(p)
}

// Unwrap lets http.ResponseController reach the connection (the handler
// sets read deadlines through it).
func (w *recordingWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func gunzip(b []byte) []byte {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return []byte(fmt.Sprintf("(not gzip: %v) %q", err, b))
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return append(out, fmt.Sprintf(" (gunzip: %v)", err)...)
	}
	return out
}

func (x *exchange) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "> %s %s\n", x.method, x.url)
	writeHeaders(&b, "> ", x.reqHeader)
	if len(x.reqBody) > 0 {
		if x.gzipBody {
			b.WriteString("> (body gunzipped)\n")
		}
		fmt.Fprintf(&b, "> %s\n", x.reqBody)
	}
	fmt.Fprintf(&b, "< %d %s\n", x.status, http.StatusText(x.status))
	writeHeaders(&b, "< ", x.respHeader)
	body := x.respBody.Bytes()
	if strings.EqualFold(x.respHeader.Get("Content-Encoding"), "gzip") {
		body = gunzip(body)
	}
	if len(body) > 0 {
		fmt.Fprintf(&b, "< %s\n", bytes.TrimSpace(body))
	}
	return b.String()
}

func writeHeaders(b *strings.Builder, prefix string, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(b, "%s%s: %s\n", prefix, k, strings.Join(h[k], ", "))
	}
}
