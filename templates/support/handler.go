package support

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unsafe"
)

// DefaultMaxBodyBytes is the largest request body the handler reads unless
// WithMaxBodyBytes says otherwise.
const DefaultMaxBodyBytes = 4 << 20

// HandlerOption configures NewHandler.
type HandlerOption func(*handlerConfig)

type handlerConfig struct {
	authenticate Authenticator
	policy       PermissionPolicy
	maxBodyBytes int64
	bodyTimeout  time.Duration
	logger       *slog.Logger
	basePath     string
	exactPerms   bool
}

// Principal is an authenticated caller.
type Principal struct {
	// Token is the bearer token the caller presented.
	Token string
	// Subject identifies the caller, as the Authenticator sees fit.
	Subject string
	// Scopes are the delegated permissions the caller holds.
	Scopes []string
	// Roles are the application permissions the caller holds.
	Roles []string
}

// Authenticator validates a bearer token and returns the caller it stands
// for. An error answers 401; an *Error chooses its own status and code.
type Authenticator func(ctx context.Context, token string) (*Principal, error)

// WithAuthenticator plugs in real token validation, and with it the check of
// each operation's documented permissions against the Principal's Scopes
// and Roles (see PermissionPolicy). Without it, the handler accepts any
// non-empty bearer token and checks no permission, which suits tests and
// local runs only.
func WithAuthenticator(a Authenticator) HandlerOption {
	return func(c *handlerConfig) { c.authenticate = a }
}

// UnverifiedClaims is an Authenticator for fakes and tests, never for a
// service: it reads the caller's permissions from the token's claims as
// Microsoft's tokens carry them, delegated scopes in "scp" (space-separated)
// and application roles in "roles", and its Subject from "oid" or "sub",
// without checking the token's signature, issuer or expiry. A token that is
// not a JWT answers 401.
func UnverifiedClaims(ctx context.Context, token string) (*Principal, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a JWT")
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil, err
	}
	var claims struct {
		Scp   string   `json:"scp"`
		Roles []string `json:"roles"`
		OID   string   `json:"oid"`
		Sub   string   `json:"sub"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, err
	}
	p := &Principal{Subject: claims.OID, Scopes: strings.Fields(claims.Scp), Roles: claims.Roles}
	if p.Subject == "" {
		p.Subject = claims.Sub
	}
	return p, nil
}

// PermissionPolicy says how the handler holds callers to the permissions the
// docs list for each operation. A caller needs any one of the listed sets:
// every delegated scope of one set in Principal.Scopes, or every
// application role of one set in Principal.Roles (compared without regard
// to case; most sets are a single scope); otherwise the call
// answers 403 before the Server sees it. The policies differ on operations
// whose docs do not determine their permissions (a placeholder, or no
// permissions table): each Server method's comment says which these are.
type PermissionPolicy int

const (
	// DenyUndetermined, the default, lets only callers holding a listed
	// permission call an operation whose permissions are undetermined:
	// with none listed, no one.
	DenyUndetermined PermissionPolicy = iota
	// AllowUndetermined lets every authenticated caller call an operation
	// whose permissions are undetermined.
	AllowUndetermined
	// SkipPermissions checks no permission: for Servers that authorize each
	// call themselves, with PrincipalFromContext.
	SkipPermissions
)

// WithPermissionPolicy sets how documented permissions are enforced when an
// Authenticator is set. It defaults to DenyUndetermined.
func WithPermissionPolicy(p PermissionPolicy) HandlerOption {
	return func(c *handlerConfig) { c.policy = p }
}

// WithExactPermissions holds callers to the permissions the docs list,
// exactly: without it a permission also grants the narrower ones it
// includes, as Microsoft's permissions reference describes them (see
// Implies).
func WithExactPermissions() HandlerOption {
	return func(c *handlerConfig) { c.exactPerms = true }
}

// WithBasePath sets the path under which the handler serves the API, such
// as "/v1.0"; it defaults to DefaultBasePath, the version path of the docs'
// examples. Requests without it are served too, so "/users" and
// "/v1.0/users" are the same resource; "" serves only those.
func WithBasePath(p string) HandlerOption {
	p = strings.TrimRight(p, "/")
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return func(c *handlerConfig) { c.basePath = p }
}

// WithMaxBodyBytes sets the largest request body read; larger ones answer
// 413. It defaults to DefaultMaxBodyBytes.
func WithMaxBodyBytes(n int64) HandlerOption {
	return func(c *handlerConfig) { c.maxBodyBytes = n }
}

// DefaultBodyTimeout bounds how long the handler waits for a request body
// unless WithBodyTimeout says otherwise.
const DefaultBodyTimeout = 30 * time.Second

// WithBodyTimeout bounds how long reading a request body may take, so that a
// client sending it slowly cannot hold a connection forever; a body not read
// in time answers 408. Zero leaves the http.Server's own ReadTimeout alone.
// The deadline needs a ResponseWriter that supports it (http.Server's do).
// It defaults to DefaultBodyTimeout. For the rest of the connection's life
// use NewHTTPServer, or set http.Server's timeouts yourself.
func WithBodyTimeout(d time.Duration) HandlerOption {
	return func(c *handlerConfig) { c.bodyTimeout = d }
}

// NewHTTPServer returns an http.Server for h with timeouts and limits that
// keep slow or idle clients from holding connections: 10 s to send the
// request headers (at most 1 MB of them), 60 s for the whole request, 120 s
// to write the response, and 120 s for an idle keep-alive connection.
func NewHTTPServer(addr string, h http.Handler) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    1 << 20,
	}
}

// WithLogger sets where the handler logs errors it hides from callers (a
// Server method's failure, a recovered panic). It defaults to slog.Default().
func WithLogger(l *slog.Logger) HandlerOption {
	return func(c *handlerConfig) { c.logger = l }
}

type principalKey struct{}

// PrincipalFromContext returns the caller that a handler's Authenticator
// accepted for the request being served.
func PrincipalFromContext(ctx context.Context) (*Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(*Principal)
	return p, ok
}

// NewRouteHandler returns the http.Handler the generated NewHandler
// describes: s serving routes, the route table of every operation.
func NewRouteHandler(s any, routes []Route, opts ...HandlerOption) http.Handler {
	return newHandler(s, routes, opts)
}

// Handler serves the routes of a Server.
type Handler struct {
	handlerConfig
	srv  any // the generated Server
	root *routeNode
}

// Server is the generated Server the handler serves, for the serve
// functions of the operations' packages, which assert their part of it.
func (h *Handler) Server() any { return h.srv }

func newHandler(s any, routes []Route, opts []HandlerOption) *Handler {
	h := &Handler{
		handlerConfig: handlerConfig{maxBodyBytes: DefaultMaxBodyBytes, bodyTimeout: DefaultBodyTimeout, basePath: DefaultBasePath},
		srv:           s,
		root:          &routeNode{},
	}
	for _, o := range opts {
		o(&h.handlerConfig)
	}
	if h.logger == nil {
		h.logger = slog.Default()
	}
	for _, rt := range routes {
		h.root.add(rt)
	}
	return h
}

// ServeHTTP authenticates, routes, and recovers from panics in the Server so
// that one bad request cannot take the process down.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			h.logger.ErrorContext(r.Context(), "panic serving request", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v))
			WriteError(w, http.StatusInternalServerError, codeInternal, "internal server error")
		}
	}()
	principal, ok := h.authenticateRequest(w, r)
	if !ok {
		return
	}
	path, base := h.trimBasePath(r.URL.EscapedPath())
	target, params, allowed, count := h.root.match(r.Method, path)
	ctx := context.WithValue(r.Context(), principalKey{}, principal)
	ctx = context.WithValue(ctx, requestKey{}, &requestInfo{base: base, count: count})
	r = r.WithContext(ctx)
	switch {
	case target.serve != nil:
		if !h.permitted(principal, target.perms) {
			msg := fmt.Sprintf("the caller holds none of the permissions %s %s requires", r.Method, r.URL.Path)
			if len(target.perms.Delegated) == 0 && len(target.perms.Application) == 0 {
				msg = fmt.Sprintf("the docs list no permissions for %s %s, and the permission policy lets no one call such an operation (see WithPermissionPolicy)", r.Method, r.URL.Path)
			}
			WriteError(w, http.StatusForbidden, codeForbidden, msg)
			return
		}
		if count {
			// The Server is asked for the collection with its count, as
			// for $count=true, and the answer is the count alone.
			u := *r.URL
			q := u.Query()
			q.Set("$count", "true")
			u.RawQuery = q.Encode()
			r.URL = &u
		}
		target.serve(h, w, r, target.index, params)
	case len(allowed) > 0:
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		WriteError(w, http.StatusMethodNotAllowed, codeMethodNotAllowed, fmt.Sprintf("method %s is not allowed here; allowed: %s", r.Method, strings.Join(allowed, ", ")))
	default:
		WriteError(w, http.StatusNotFound, codeNotFound, "no resource at "+r.URL.Path)
	}
}

// trimBasePath takes the base path off a request path, matched without
// regard to case, and returns what is left and the base path as the
// request wrote it. A path without it is served as it is, with no base.
func (h *Handler) trimBasePath(escapedPath string) (path, base string) {
	b := h.basePath
	if b == "" || len(escapedPath) < len(b) || !strings.EqualFold(escapedPath[:len(b)], b) {
		return escapedPath, ""
	}
	if rest := escapedPath[len(b):]; rest == "" || rest[0] == '/' {
		return rest, escapedPath[:len(b)]
	}
	return escapedPath, ""
}

// requestInfo is what routing learned of a request that answering it
// needs.
type requestInfo struct {
	base  string // the base path the request came in on, "" for none
	count bool   // a /$count request: answer with the count alone
}

type requestKey struct{}

func requestOf(r *http.Request) *requestInfo { return requestFrom(r.Context()) }

func (h *Handler) authenticateRequest(w http.ResponseWriter, r *http.Request) (*Principal, bool) {
	scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		w.Header().Set("WWW-Authenticate", `Bearer realm="`+packageName+`"`)
		WriteError(w, http.StatusUnauthorized, codeUnauthorized, "a bearer token is required in the Authorization header")
		return nil, false
	}
	if h.authenticate == nil {
		return &Principal{Token: token}, true
	}
	p, err := h.authenticate(r.Context(), token)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.StatusCode != 0 {
			WriteError(w, e.StatusCode, e.Code, e.Message)
			return nil, false
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="`+packageName+`", error="invalid_token"`)
		WriteError(w, http.StatusUnauthorized, codeUnauthorized, "the bearer token is not valid")
		return nil, false
	}
	if p == nil {
		p = &Principal{}
	}
	p.Token = token
	return p, true
}

// permitted reports whether the caller may call an operation with the
// permissions perms, under the handler's PermissionPolicy.
func (h *Handler) permitted(p *Principal, perms *Permissions) bool {
	if h.authenticate == nil || h.policy == SkipPermissions {
		return true
	}
	if holdsAny(h.granted(p.Scopes), perms.Delegated) || holdsAny(h.granted(p.Roles), perms.Application) {
		return true
	}
	return perms.Undetermined && h.policy == AllowUndetermined
}

// granted is every permission the held ones grant: themselves and, unless
// WithExactPermissions, the narrower ones they include (see Implies).
func (h *Handler) granted(held []string) []string {
	if h.exactPerms {
		return held
	}
	var out []string
	for _, p := range held {
		out = append(out, grants(p)...)
	}
	return out
}

// holdsAny reports whether held has every permission of one of the sets
// wanted.
func holdsAny(held []string, wanted [][]string) bool {
	for _, set := range wanted {
		if holdsAll(held, set) {
			return true
		}
	}
	return false
}

func holdsAll(held, set []string) bool {
	for _, w := range set {
		if !slices.ContainsFunc(held, func(p string) bool { return strings.EqualFold(p, w) }) {
			return false
		}
	}
	return len(set) > 0
}

// Implies reports whether holding the permission held grants the narrower
// permission wanted, by the rules of Microsoft's permissions reference
// (learn.microsoft.com/graph/permissions-reference), applied one after
// another and without regard to case:
//   - ReadWrite grants Read: "X.ReadWrite[.Y]" allows what "X.Read[.Y]"
//     does ("create, read, update, and delete" against "read");
//   - Read grants ReadBasic: "X.Read[.Y]" allows "X.ReadBasic[.Y]", the
//     same without some properties;
//   - All grants the signed-in user's own: "X.Y.All" allows "X.Y";
//   - Shared grants the user's own: "X.Y.Shared" allows "X.Y" (it reads
//     the calendars or mail "the user can access, including" shared ones).
//
// "Calendars.ReadWrite" so grants "Calendars.Read"; "User.ReadWrite.All"
// grants "User.Read.All", "User.ReadWrite" and "User.Read". Nothing grants
// a permission of another resource ("Directory.Read.All" does not grant
// "User.Read.All").
func Implies(held, wanted string) bool {
	return slices.ContainsFunc(grants(held), func(g string) bool { return strings.EqualFold(g, wanted) })
}

// grants is held and every permission it includes, the rules of Implies
// applied until they give nothing new.
func grants(held string) []string {
	out := []string{held}
	for i := 0; i < len(out); i++ {
		for _, n := range narrower(out[i]) {
			if !slices.ContainsFunc(out, func(g string) bool { return strings.EqualFold(g, n) }) {
				out = append(out, n)
			}
		}
	}
	return out
}

// narrower is what one rule of Implies grants from the permission p.
func narrower(p string) []string {
	parts := strings.Split(p, ".")
	if len(parts) < 2 {
		return nil
	}
	with := func(access string) string {
		return strings.Join(slices.Concat(parts[:1], []string{access}, parts[2:]), ".")
	}
	var out []string
	switch {
	case strings.EqualFold(parts[1], "ReadWrite"):
		out = append(out, with("Read"))
	case strings.EqualFold(parts[1], "Read"):
		out = append(out, with("ReadBasic"))
	}
	if last := len(parts) - 1; last >= 2 && (strings.EqualFold(parts[last], "All") || strings.EqualFold(parts[last], "Shared")) {
		out = append(out, strings.Join(parts[:last], "."))
	}
	return out
}

// Permissions are a route's documented Permissions: a caller holding every
// delegated scope of any one delegated set, or every application role of
// any one application set, may call it.
type Permissions struct {
	Delegated   [][]string
	Application [][]string
	// Undetermined: the docs do not say who may call the operation (a
	// placeholder, or no table), so the PermissionPolicy decides.
	Undetermined bool
}

// ReadBody checks the media type, encoding and size of a request body and
// decodes it strictly into v. It answers the request itself and returns
// false when the body is not acceptable.
func (h *Handler) ReadBody(w http.ResponseWriter, r *http.Request, v decoder) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || !(mt == "application/json" || strings.HasSuffix(mt, "+json")) {
		WriteError(w, http.StatusUnsupportedMediaType, codeUnsupportedMedia, "the request body must be application/json")
		return false
	}
	encoding := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Encoding")))
	if encoding != "" && encoding != "identity" && encoding != "gzip" && encoding != "x-gzip" && encoding != "deflate" {
		// A 415 is what tells clients that compress by default (the Graph
		// SDKs) to send the body again uncompressed.
		WriteError(w, http.StatusUnsupportedMediaType, codeUnsupportedMedia, fmt.Sprintf("the Content-Encoding %q is not supported; send gzip, deflate or no encoding", encoding))
		return false
	}
	if r.ContentLength > h.maxBodyBytes {
		WriteError(w, http.StatusRequestEntityTooLarge, codeTooLarge, fmt.Sprintf("the request body is over the %d-byte limit", h.maxBodyBytes))
		return false
	}
	if h.bodyTimeout > 0 {
		// An error means the ResponseWriter cannot set deadlines (a
		// recorder in a test); the http.Server's own timeouts then apply.
		_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(h.bodyTimeout))
	}
	data, err := h.readAll(w, r.Body, encoding)
	if err != nil {
		var tooLarge *http.MaxBytesError
		var timeout interface{ Timeout() bool }
		switch {
		case errors.As(err, &tooLarge) || errors.Is(err, errDecodedTooLarge):
			WriteError(w, http.StatusRequestEntityTooLarge, codeTooLarge, fmt.Sprintf("the request body is over the %d-byte limit", h.maxBodyBytes))
		case errors.As(err, &timeout) && timeout.Timeout():
			w.Header().Set("Connection", "close")
			WriteError(w, http.StatusRequestTimeout, codeRequestTimeout, "the request body did not arrive in time")
		case errors.Is(err, errBadEncoding):
			WriteError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		default:
			WriteError(w, http.StatusBadRequest, CodeBadRequest, "the request body could not be read")
		}
		return false
	}
	if len(strings.TrimSpace(string(data))) == 0 {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, "the request body is empty")
		return false
	}
	if err := unmarshal(data, v, true); err != nil {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return false
	}
	return true
}

var (
	errDecodedTooLarge = errors.New("the decoded request body is over the limit")
	errBadEncoding     = errors.New("the request body does not decode as its Content-Encoding says")
)

// readAll reads a request body, decoding gzip or deflate (zlib, or the raw
// deflate some clients send under that name). The size limit holds for the
// body as sent and for the body decoded, so a small compressed body that
// inflates without end stops at the limit.
func (h *Handler) readAll(w http.ResponseWriter, body io.Reader, encoding string) ([]byte, error) {
	body = http.MaxBytesReader(w, io.NopCloser(body), h.maxBodyBytes)
	if encoding == "" || encoding == "identity" {
		return io.ReadAll(body)
	}
	compressed := bufio.NewReader(body)
	var dec io.ReadCloser
	var err error
	switch encoding {
	case "gzip", "x-gzip":
		dec, err = gzip.NewReader(compressed)
	case "deflate":
		// A zlib stream starts with a header whose first byte names
		// deflate (low nibble 8) and whose first two bytes are a multiple
		// of 31; anything else is raw deflate.
		if head, perr := compressed.Peek(2); perr == nil && head[0]&0x0f == 8 && (uint16(head[0])<<8|uint16(head[1]))%31 == 0 {
			dec, err = zlib.NewReader(compressed)
		} else {
			dec = flate.NewReader(compressed)
		}
	}
	if err != nil {
		return nil, bodyReadError(err)
	}
	defer dec.Close()
	data, err := io.ReadAll(io.LimitReader(dec, h.maxBodyBytes+1))
	if err != nil {
		return nil, bodyReadError(err)
	}
	if int64(len(data)) > h.maxBodyBytes {
		return nil, errDecodedTooLarge
	}
	return data, nil
}

// bodyReadError keeps the errors of reading the body (too large, too slow)
// and calls any other a malformed encoding.
func bodyReadError(err error) error {
	var tooLarge *http.MaxBytesError
	var timeout interface{ Timeout() bool }
	if errors.As(err, &tooLarge) || (errors.As(err, &timeout) && timeout.Timeout()) {
		return err
	}
	return fmt.Errorf("%w: %v", errBadEncoding, err)
}

// ReplyJSON sends a Server method's single result: the documented status
// with the result's JSON, or the error. A method that returns neither is a
// bug in the Server, answered as any other failure: a nil result encodes
// as null, which no object or value codec does otherwise.
func (h *Handler) ReplyJSON(w http.ResponseWriter, r *http.Request, status int, result encoder, err error) {
	if err != nil {
		h.replyError(w, r, err)
		return
	}
	body := marshal(result)
	if string(body) == "null" {
		h.replyError(w, r, errNoResult)
		return
	}
	if requestOf(r).count {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, "$count applies only to collections")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// errNoResult is the failure of a Server method that returned neither a
// result nor an error.
var errNoResult = errors.New("the server method returned neither a result nor an error")

// ReplyCollection sends a page of a collection result, or its count for a
// /$count request. Relative @odata.nextLink and @odata.deltaLink values
// are made absolute against the request, so that clients can follow them
// as they follow the service's.
func ReplyCollection[T any](h *Handler, w http.ResponseWriter, r *http.Request, status int, result *Collection[T], items *field, err error) {
	h.replyPage(w, r, status, unsafe.Pointer(result), items, err)
}

// replyPage is replyCollection for any page: a *Collection[T] with items
// of the kind items describes.
func (h *Handler) replyPage(w http.ResponseWriter, r *http.Request, status int, result unsafe.Pointer, items *field, err error) {
	if err == nil && result == nil {
		err = errNoResult
	}
	if err != nil {
		h.replyError(w, r, err)
		return
	}
	page := *(*anyPage)(result)
	info := requestOf(r)
	if info.count {
		n, ok := page.Count.Value, page.Count.IsSet()
		if !ok && page.NextLink == "" {
			n, ok = int64(len(page.Value)), true
		}
		if !ok {
			h.replyError(w, r, errors.New("the server method returned one page of several and no Count for a $count request"))
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		w.Write(strconv.AppendInt(nil, n, 10))
		return
	}
	page.NextLink = absoluteLink(r, info.base, page.NextLink)
	page.DeltaLink = absoluteLink(r, info.base, page.DeltaLink)
	body := marshal(collectionCodec{unsafe.Pointer(&page), items})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// absoluteLink resolves a link a Server returned against the request URL:
// "?$skiptoken=2" is the requested path with another query, and a path
// from the root of the API, "/users?$skiptoken=2", gets the base path the
// request came in on. Absolute links are kept as they are.
func absoluteLink(r *http.Request, base, link string) string {
	if link == "" {
		return ""
	}
	ref, err := url.Parse(link)
	if err != nil || ref.IsAbs() {
		return link
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	if ref.Path != "" && strings.HasPrefix(ref.Path, "/") && base != "" {
		if p, b := strings.ToLower(ref.Path), strings.ToLower(base); p != b && !strings.HasPrefix(p, b+"/") {
			ref.Path = base + ref.Path
			ref.RawPath = ""
		}
	}
	requested := &url.URL{Scheme: scheme, Host: r.Host, Path: r.URL.Path, RawPath: r.URL.RawPath}
	return requested.ResolveReference(ref).String()
}

// ReplyNoContent answers an operation that documents no response body.
func (h *Handler) ReplyNoContent(w http.ResponseWriter, r *http.Request, status int, err error) {
	if err != nil {
		h.replyError(w, r, err)
		return
	}
	w.WriteHeader(status)
}

// replyError sends an *Error as it is; any other error becomes a generic 500
// whose text reveals nothing of the error, which is logged instead.
func (h *Handler) replyError(w http.ResponseWriter, r *http.Request, err error) {
	if err == errNoContent {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	var e *Error
	if errors.As(err, &e) {
		status := e.StatusCode
		if status < 400 || status > 599 {
			status = http.StatusInternalServerError
		}
		code := e.Code
		if code == "" {
			code = http.StatusText(status)
		}
		WriteError(w, status, code, e.Message)
		return
	}
	h.logger.ErrorContext(r.Context(), "server method failed", "method", r.Method, "path", r.URL.Path, "error", err)
	WriteError(w, http.StatusInternalServerError, codeInternal, "internal server error")
}

// Stream is a result that is not JSON but the content itself: a file, a
// photo, a report. A Server returns one with the content's media type; the
// handler sends Body and closes it. A Client method returns one whose Body
// the caller must close.
type Stream struct {
	// ContentType is the media type; "application/octet-stream" if empty.
	ContentType string
	Body        io.ReadCloser
}

// ReplyStream sends a stream result as the response body.
func (h *Handler) ReplyStream(w http.ResponseWriter, r *http.Request, status int, result *Stream, err error) {
	if err == nil && (result == nil || result.Body == nil) {
		err = errors.New("the server method returned neither a stream nor an error")
	}
	if err != nil {
		h.replyError(w, r, err)
		return
	}
	defer result.Body.Close()
	if requestOf(r).count {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, "$count applies only to collections")
		return
	}
	ct := result.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	w.WriteHeader(status)
	if _, err := io.Copy(w, result.Body); err != nil {
		// The status is sent; all that is left is to say why the body
		// stopped.
		h.logger.ErrorContext(r.Context(), "writing a stream result", "method", r.Method, "path", r.URL.Path, "error", err)
	}
}

// ReplyScalar sends a single primitive or enumeration result as
// {"value": ...}.
func ReplyScalar[T any](h *Handler, w http.ResponseWriter, r *http.Request, status int, result T, write func(*jsonWriter, T), err error) {
	var body encoder
	if err == nil {
		body = ScalarCodec[T]{V: &result, Write: write}
	}
	h.ReplyJSON(w, r, status, body, err)
}

// ReplyValue sends a result held by a base type's interface, written by
// write, which names a derived value's @odata.type.
func ReplyValue[T any](h *Handler, w http.ResponseWriter, r *http.Request, status int, result T, write func(*jsonWriter, T), err error) {
	h.ReplyJSON(w, r, status, ValueCodec[T]{V: &result, Write: write}, err)
}
