package support

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// DefaultMaxResponseBytes is the longest response body the client reads
// unless WithMaxResponseBytes says otherwise.
const DefaultMaxResponseBytes = 64 << 20

// Client calls the API over HTTP. It is safe for concurrent use: its fields
// are set once by NewClient and only read afterwards.
type Client struct {
	baseURL     string
	http        *http.Client
	token       func(ctx context.Context) (string, error)
	userAgent   string
	retry       RetryPolicy
	maxResponse int64
	// now and sleep are the clock that retries read and wait on; tests
	// replace them to see the waits without taking them.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// ClientOption configures NewClient.
type ClientOption func(*Client)

// WithHTTPClient sets the http.Client requests go through; it defaults to
// http.DefaultClient.
func WithHTTPClient(hc *http.Client) ClientOption {
	return func(c *Client) { c.http = hc }
}

// WithBearerToken sets where bearer tokens come from; it is called for every
// request, retries included, so it may refresh tokens as they expire.
func WithBearerToken(token func(ctx context.Context) (string, error)) ClientOption {
	return func(c *Client) { c.token = token }
}

// WithUserAgent sets the User-Agent header of every request.
func WithUserAgent(ua string) ClientOption {
	return func(c *Client) { c.userAgent = ua }
}

// WithRetry sets which answers are retried and how; fields left zero take
// their defaults. WithRetry(RetryPolicy{MaxAttempts: 1}) turns retries off.
func WithRetry(p RetryPolicy) ClientOption {
	return func(c *Client) { c.retry = p.withDefaults() }
}

// WithMaxResponseBytes sets the longest response body the client reads,
// DefaultMaxResponseBytes unless set; a longer result is an error wrapping
// ErrResponseTooLarge. A value below 1 keeps the default.
func WithMaxResponseBytes(n int64) ClientOption {
	return func(c *Client) {
		if n > 0 {
			c.maxResponse = n
		}
	}
}

// RetryPolicy says how the client retries the answers that ask to be tried
// again later: 429 Too Many Requests, 503 Service Unavailable and 504
// Gateway Timeout. It waits as long as the answer's Retry-After header asks,
// or else backs off exponentially, with jitter so that clients turned away
// together do not come back together. Other failures are not retried.
type RetryPolicy struct {
	// MaxAttempts bounds the attempts at one request, the first included:
	// 1 turns retries off. The default is 3.
	MaxAttempts int
	// BaseDelay is the backoff before the first retry, doubled before each
	// later one up to MaxDelay; the wait is a random one between half of it
	// and all of it. The defaults are 500ms and 10s.
	BaseDelay time.Duration
	MaxDelay  time.Duration
	// MaxRetryAfter is the longest Retry-After the client waits for; an
	// answer asking for longer is returned as the error, so that the caller
	// decides. The default is 1 minute.
	MaxRetryAfter time.Duration
	// RetryNonIdempotent retries POST and PATCH requests too. They are not
	// retried by default: a 504 does not tell whether the service acted on
	// the request before the gateway gave up on it.
	RetryNonIdempotent bool
}

// withDefaults fills in the fields left zero (or negative).
func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxAttempts <= 0 {
		p.MaxAttempts = 3
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = 500 * time.Millisecond
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = 10 * time.Second
	}
	if p.MaxRetryAfter <= 0 {
		p.MaxRetryAfter = time.Minute
	}
	return p
}

// NewClient returns a client for the API at baseURL, such as
// "https://graph.microsoft.com/v1.0". A base URL without a path,
// "https://graph.microsoft.com", gets DefaultBasePath.
func NewClient(baseURL string, opts ...ClientOption) *Client {
	c := &Client{
		baseURL:     withBasePath(baseURL),
		http:        http.DefaultClient,
		userAgent:   "docgen-" + packageName,
		retry:       RetryPolicy{}.withDefaults(),
		maxResponse: DefaultMaxResponseBytes,
		now:         time.Now,
		sleep:       sleepContext,
	}
	for _, o := range opts {
		o(c)
	}
	return c
}

// withBasePath adds DefaultBasePath to a base URL that has no path.
func withBasePath(baseURL string) string {
	base := strings.TrimRight(baseURL, "/")
	if u, err := url.Parse(base); err == nil && u.Host != "" && u.Path == "" && u.RawQuery == "" {
		return base + DefaultBasePath
	}
	return base
}

// Do sends a request: body, if not nil, as JSON; a 2xx answer's JSON body
// decoded into out, if not nil; any other answer returned as an *Error.
func (c *Client) Do(ctx context.Context, method, path string, query url.Values, body encoder, out decoder) error {
	return c.doURL(ctx, method, c.url(path, query), body, out)
}

// url is the URL of a request path and query under the base URL.
func (c *Client) url(path string, query url.Values) string {
	u := c.baseURL + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	return u
}

// doURL is do for a whole URL, such as an @odata.nextLink.
func (c *Client) doURL(ctx context.Context, method, u string, body encoder, out decoder) error {
	resp, where, err := c.exchange(ctx, method, u, body)
	if err != nil {
		return err
	}
	return c.decodeResponse(where, resp, out)
}

// exchange sends a request, retrying as c.retry says with the same encoded
// body each time, and returns the 2xx or 3xx answer unread, with where it
// went for error messages; any other answer is an error.
func (c *Client) exchange(ctx context.Context, method, u string, body encoder) (resp *http.Response, where string, err error) {
	where = method + " " + u
	if parsed, err := url.Parse(u); err == nil {
		where = method + " " + parsed.Path
	}
	var payload []byte
	if body != nil {
		payload = marshal(body)
	}
	// POST and PATCH may have taken effect: see RetryNonIdempotent.
	retry := c.retry.RetryNonIdempotent || (method != http.MethodPost && method != http.MethodPatch)
	for attempt := 1; ; attempt++ {
		resp, err := c.send(ctx, method, u, payload)
		if err != nil {
			return nil, where, err
		}
		// A 3xx the http.Client did not follow (no Location) is the answer some
		// operations document, such as 302 Found for a download.
		if resp.StatusCode >= 200 && resp.StatusCode <= 399 {
			return resp, where, nil
		}
		// An error answer's body is only detail: what could be read of it,
		// up to the limit, is enough.
		data, _ := io.ReadAll(io.LimitReader(resp.Body, c.maxResponse))
		resp.Body.Close()
		apiErr := responseError(resp, data)
		if !retry || !retryStatus(resp.StatusCode) {
			return nil, where, apiErr
		}
		if attempt >= c.retry.MaxAttempts {
			if attempt == 1 {
				return nil, where, apiErr
			}
			return nil, where, fmt.Errorf(packageName+": %s: gave up after %d attempts: %w", where, attempt, apiErr)
		}
		wait, ok := c.retry.wait(attempt, resp.Header.Get("Retry-After"), c.now())
		if !ok {
			return nil, where, fmt.Errorf(packageName+": %s: not retrying: Retry-After asks for %s, over the %s limit: %w", where, wait, c.retry.MaxRetryAfter, apiErr)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, where, fmt.Errorf(packageName+": %s: %w while waiting %s to retry: %w", where, err, wait, apiErr)
		}
	}
}

// send makes one attempt. The body is a new reader over the encoded bytes
// each time, which also lets the http.Client re-send it on a 307 or 308.
func (c *Client) send(ctx context.Context, method, u string, payload []byte) (*http.Response, error) {
	var body io.Reader
	if payload != nil {
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if c.token != nil {
		tok, err := c.token(ctx)
		if err != nil {
			return nil, fmt.Errorf(packageName+": getting a token: %w", err)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	// Its errors are *url.Error, which wrap the context's error when the
	// context ended the request.
	return c.http.Do(req)
}

// DoStream is do for an operation whose result is the response body
// itself: the *Stream it returns holds the open body, which the caller
// closes. Error answers and retries are as for do.
func (c *Client) DoStream(ctx context.Context, method, path string, query url.Values, body encoder) (*Stream, error) {
	resp, _, err := c.exchange(ctx, method, c.url(path, query), body)
	if err != nil {
		return nil, err
	}
	return &Stream{ContentType: resp.Header.Get("Content-Type"), Body: resp.Body}, nil
}

// decodeResponse decodes a 2xx or 3xx answer's JSON body into out, and
// closes the body.
func (c *Client) decodeResponse(where string, resp *http.Response, out decoder) error {
	defer resp.Body.Close()
	// 204 No Content is the service saying there is no body, even where
	// the docs promise one: the request succeeded.
	if out == nil || resp.StatusCode == http.StatusNoContent {
		// Drained, within reason, so that the connection can be reused.
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil
	}
	if resp.ContentLength > c.maxResponse {
		return fmt.Errorf(packageName+": %s: %w: the %d response is %d bytes, over the limit of %d", where, ErrResponseTooLarge, resp.StatusCode, resp.ContentLength, c.maxResponse)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, c.maxResponse+1))
	if err != nil {
		return fmt.Errorf(packageName+": %s: reading the %d response: %w", where, resp.StatusCode, err)
	}
	if int64(len(data)) > c.maxResponse {
		return fmt.Errorf(packageName+": %s: %w: the %d response is over the limit of %d bytes", where, ErrResponseTooLarge, resp.StatusCode, c.maxResponse)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf(packageName+": %s: %w: the %d response has none", where, ErrEmptyResponse, resp.StatusCode)
	}
	// A missing Content-Type is given the benefit of the doubt; another
	// one (an HTML page from a proxy, say) is not decoded.
	if ct := resp.Header.Get("Content-Type"); ct != "" && !isJSON(ct) {
		return fmt.Errorf(packageName+": %s: %w: the %d response is %s: %s", where, ErrNotJSON, resp.StatusCode, ct, excerpt(data))
	}
	if err := unmarshal(data, out, false); err != nil {
		return fmt.Errorf(packageName+": %s: decoding the %d response: %w", where, resp.StatusCode, err)
	}
	return nil
}

// retryStatus reports whether an answer asks to be tried again later.
func retryStatus(code int) bool {
	return code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable || code == http.StatusGatewayTimeout
}

// wait returns how long to wait after a failed attempt (1 for the first):
// what the Retry-After header asks, or else the backoff. ok is false when
// Retry-After asks for longer than MaxRetryAfter.
func (p *RetryPolicy) wait(attempt int, retryAfter string, now time.Time) (d time.Duration, ok bool) {
	if d, set := parseRetryAfter(retryAfter, now); set {
		return d, d <= p.MaxRetryAfter
	}
	d = min(p.BaseDelay, p.MaxDelay)
	for i := 1; i < attempt && d < p.MaxDelay; i++ {
		if d > p.MaxDelay/2 {
			d = p.MaxDelay
		} else {
			d *= 2
		}
	}
	return d/2 + rand.N(d/2+1), true
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an
// HTTP-date. set is false when it is missing or neither.
func parseRetryAfter(v string, now time.Time) (d time.Duration, set bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	// Too many digits for a uint64 is still delay-seconds, of the largest.
	if secs, err := strconv.ParseUint(v, 10, 64); err == nil || errors.Is(err, strconv.ErrRange) {
		// Clamped far beyond any sensible limit, short of overflowing.
		return time.Duration(min(secs, 1<<32)) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

// sleepContext waits for d, or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// isJSON reports whether a Content-Type is JSON.
func isJSON(contentType string) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	return mt == "application/json" || strings.HasSuffix(mt, "+json")
}

// excerpt is the start of a body, for messages.
func excerpt(data []byte) string {
	msg := strings.TrimSpace(string(data))
	if len(msg) > 200 {
		msg = strings.ToValidUTF8(msg[:200], "") + "…"
	}
	return msg
}

// responseError turns a non-2xx answer into an *Error, from its OData error
// body when it has one.
func responseError(resp *http.Response, data []byte) *Error {
	e := &Error{StatusCode: resp.StatusCode}
	if isJSON(resp.Header.Get("Content-Type")) {
		var body struct {
			Error *Error `json:"error"`
		}
		if json.Unmarshal(data, &body) == nil && body.Error != nil {
			e.Code, e.Message = body.Error.Code, body.Error.Message
		}
	}
	if e.Code == "" {
		e.Code = strings.ReplaceAll(http.StatusText(resp.StatusCode), " ", "")
	}
	if e.Message == "" {
		e.Message = excerpt(data)
	}
	return e
}

// escapeSpan escapes a path-addressing value ("folder/file.txt") segment by
// segment, keeping its slashes.
func escapeSpan(v string) string {
	parts := strings.Split(v, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}
