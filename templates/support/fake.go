package support

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The in-memory store behind the generated Fake. Each generated Fake method
// builds its request path as the Client does and calls FakeStore.Do with
// the operation's FakeOp, which the plan filled from the operation's HTTP
// method and route shape: a list or create on a collection, a read,
// update, replace or delete of an item or a singleton, or an action, which
// answers its documented example. Entities are kept as JSON objects, so a
// derived type's @odata.type and any property the docs do not list are
// kept as they were sent.

// FakeKind is what a Fake does for an operation.
type FakeKind uint8

// The kinds of operation the Fake serves from its store; FakeAction
// answers the operation's documented example instead.
const (
	FakeAction  FakeKind = iota // an action or function: the documented example response
	FakeList                    // GET on a collection
	FakeCreate                  // POST to a collection
	FakeRead                    // GET of an item, or of a singleton (/me, /me/mailboxSettings)
	FakeUpdate                  // PATCH of an item or singleton: merge
	FakeReplace                 // PUT of an item or singleton
	FakeDelete                  // DELETE of an item or singleton
)

// FakeOp is how the Fake serves one operation, as the plan saw it.
type FakeOp struct {
	Name string
	Kind FakeKind
	// Example is the documented example response body (JSON), for an
	// action, and the default of a singleton never written.
	Example string
	// Singleton is set for a read, write or delete whose route ends in a
	// name, not a key: /me, /me/mailboxSettings, /users/{id}/manager.
	Singleton bool
	// ETag is set when the docs show @odata.etag on the created entity:
	// the Fake then maintains one.
	ETag bool
	// ListOf, for a function that lists a collection other than its own
	// path, is that collection relative to the path: ".." for delta()
	// (/users/delta lists /users), "../events" for calendarView.
	ListOf string
	// Delta marks delta(): the last page carries an @odata.deltaLink.
	Delta bool
	// Window marks calendarView: items whose start and end overlap the
	// startDateTime and endDateTime query parameters.
	Window bool
}

// FakeSeed is one documented example response the Fake can start with
// (WithExampleData): a collection page or an item, at the request path of
// its example.
type FakeSeed struct {
	Path      string // the example request's path, without base path or query
	List      bool   // Body is a page: {"value": [...]}
	Singleton bool   // Path ends in a name, not a key (see FakeOp)
	Body      string
}

// FakeOption configures NewFake.
type FakeOption func(*fakeConfig)

type fakeConfig struct {
	examples bool
	me       string
	pageSize int
}

// DefaultFakePageSize is how many items a Fake's list answers per page
// when the request has no $top.
const DefaultFakePageSize = 100

// defaultMe is the id of the signed-in user (/me) unless WithMe or the
// example data say otherwise.
const defaultMe = "00000000-0000-0000-0000-000000000001"

// WithExampleData starts the Fake with the entities of the docs' example
// responses: the users, events and messages their GET examples show, at
// the paths they were read from. The signed-in user is the one the
// example of GET /me shows, unless WithMe is given too.
func WithExampleData() FakeOption { return func(c *fakeConfig) { c.examples = true } }

// WithMe sets the id of the signed-in user, the user /me stands for. The
// Fake stores a user of that id ({"id": id}) unless one is there already.
func WithMe(id string) FakeOption { return func(c *fakeConfig) { c.me = id } }

// WithPageSize sets how many items a list answers per page when the
// request has no $top, DefaultFakePageSize by default; later pages follow
// @odata.nextLink.
func WithPageSize(n int) FakeOption {
	return func(c *fakeConfig) {
		if n > 0 {
			c.pageSize = n
		}
	}
}

// FakeStore holds a Fake's entities; it is safe for concurrent use.
type FakeStore struct {
	mu          sync.Mutex
	me          string
	pageSize    int
	collections map[string]*fakeCollection // by path: "users", "users/{id}/events"
	singletons  map[string]fakeObject      // by path: "users/{id}/mailboxSettings"
	version     int                        // the last @odata.etag given
}

// fakeObject is an entity as JSON: values are string, json.Number, bool,
// nil, []any and map[string]any.
type fakeObject = map[string]any

// fakeCollection keeps its items in the order they were added.
type fakeCollection struct {
	ids   []string
	items map[string]fakeObject
}

// NewFakeStore returns a store with the signed-in user, and with seeds
// when the options ask for example data.
func NewFakeStore(seeds [][]FakeSeed, opts ...FakeOption) *FakeStore {
	c := fakeConfig{pageSize: DefaultFakePageSize}
	for _, o := range opts {
		o(&c)
	}
	s := &FakeStore{
		me:          c.me,
		pageSize:    c.pageSize,
		collections: map[string]*fakeCollection{},
		singletons:  map[string]fakeObject{},
	}
	if c.examples {
		s.seed(seeds)
	}
	if s.me == "" {
		s.me = defaultMe
	}
	if users := s.collection("users"); users.items[s.me] == nil {
		users.put(s.me, fakeObject{"id": s.me})
	}
	return s
}

// seed stores the example responses. Unless WithMe named one, the
// signed-in user is the one the first GET /me example shows, decided
// first so that /me/... examples land under it.
func (s *FakeStore) seed(seeds [][]FakeSeed) {
	type decoded struct {
		FakeSeed
		obj fakeObject
	}
	var all []decoded
	for _, part := range seeds {
		for _, sd := range part {
			if obj, err := decodeFakeObject([]byte(sd.Body)); err == nil {
				all = append(all, decoded{sd, obj})
			}
		}
	}
	for _, d := range all {
		if id, _ := d.obj["id"].(string); s.me == "" && id != "" && !d.List && strings.EqualFold(d.Path, "/me") {
			s.me = id
		}
	}
	if s.me == "" {
		s.me = defaultMe
	}
	for _, d := range all {
		sd, obj := d.FakeSeed, d.obj
		if !sd.List {
			dropResponseAnnotations(obj)
		}
		segs, err := s.segments(sd.Path)
		if err != nil || len(segs) == 0 {
			continue
		}
		switch {
		case sd.List:
			items, _ := obj["value"].([]any)
			c := s.collection(strings.Join(segs, "/"))
			for _, it := range items {
				if o, ok := it.(map[string]any); ok {
					dropResponseAnnotations(o)
					c.seed(s.idOf(o), o)
				}
			}
		case sd.Singleton:
			s.singletons[strings.Join(segs, "/")] = obj
		case len(segs) >= 2:
			id, _ := obj["id"].(string)
			if id == "" {
				id = segs[len(segs)-1]
				obj["id"] = id
			}
			s.collection(strings.Join(segs[:len(segs)-1], "/")).seed(id, obj)
		}
	}
}

// Do serves one call of op on the Fake: path is the request path the
// Client would send (escaped, without base path), query its query, in the
// request body and out what the answer decodes into (nil for none).
func (s *FakeStore) Do(ctx context.Context, op *FakeOp, path string, query url.Values, in encoder, out decoder) error {
	var q QueryOptions
	if err := ParseQueryOptions(query, &q); err != nil {
		return fakeError(http.StatusBadRequest, CodeBadRequest, "%s", err)
	}
	var body fakeObject
	if in != nil && op.Kind != FakeAction {
		var err error
		if body, err = decodeFakeObject(marshal(in)); err != nil {
			return fakeError(http.StatusBadRequest, CodeBadRequest, "the fake stores only JSON objects: %v", err)
		}
		dropResponseAnnotations(body)
	}
	if body == nil && (op.Kind == FakeCreate || op.Kind == FakeUpdate || op.Kind == FakeReplace) {
		return fakeError(http.StatusBadRequest, CodeBadRequest, "%s needs a request body", op.Name)
	}
	s.mu.Lock()
	answer, err := s.serve(ctx, op, path, query, &q, body)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if answer == nil || out == nil {
		if out != nil {
			return errNoContent
		}
		return nil
	}
	if err := unmarshal(answer, out, false); err != nil {
		return fmt.Errorf("%s: the fake's answer to %s does not decode: %w", packageName, op.Name, err)
	}
	return nil
}

// DoStream is Do for an operation whose result is a stream: its documented
// example response, if any, as JSON.
func (s *FakeStore) DoStream(ctx context.Context, op *FakeOp, path string, query url.Values, in encoder) (*Stream, error) {
	if op.Example == "" {
		return nil, errNoContent
	}
	return &Stream{ContentType: "application/json", Body: io.NopCloser(strings.NewReader(op.Example))}, nil
}

// errNoContent is what a Fake method returns for an action whose docs show
// no response: the handler answers 204 No Content.
var errNoContent = errors.New("no content")

// serve does op with s.mu held and returns the JSON of the answer, nil for
// none.
func (s *FakeStore) serve(ctx context.Context, op *FakeOp, path string, query url.Values, q *QueryOptions, body fakeObject) ([]byte, error) {
	if op.Kind == FakeAction {
		if op.Example == "" {
			return nil, nil
		}
		return []byte(op.Example), nil
	}
	segs, err := s.segments(path)
	if err != nil || len(segs) == 0 {
		return nil, fakeError(http.StatusBadRequest, CodeBadRequest, "the fake cannot store at %s", path)
	}
	if op.ListOf != "" {
		segs = relative(segs, op.ListOf)
	}
	// A key along the path may name its item otherwise than by id (a
	// user by userPrincipalName): each is made the id, so that every
	// spelling reaches the same contained collections.
	for i := 1; i < len(segs); i++ {
		c := s.collections[strings.Join(segs[:i], "/")]
		if c == nil {
			continue
		}
		if id := c.find(segs[i]); id != "" {
			segs[i] = id
		} else if i < len(segs)-1 && (op.Kind == FakeList || op.Kind == FakeCreate) {
			// A contained collection of an item that is not there.
			return nil, notFound(segs[i], strings.Join(segs[:i], "/"))
		}
	}
	key := strings.Join(segs, "/")
	if op.Kind == FakeList || op.Kind == FakeCreate {
		return s.onCollection(ctx, op, path, query, key, q, body)
	}
	if op.Singleton || len(segs) < 2 {
		return s.onSingleton(op, key, q, body)
	}
	return s.onItem(op, strings.Join(segs[:len(segs)-1], "/"), segs[len(segs)-1], q, body)
}

// onCollection lists or adds to the collection at key.
func (s *FakeStore) onCollection(ctx context.Context, op *FakeOp, path string, query url.Values, key string, q *QueryOptions, body fakeObject) ([]byte, error) {
	if op.Kind == FakeCreate {
		c := s.collection(key)
		id, _ := body["id"].(string)
		if id == "" {
			id = newID()
			body["id"] = id
		} else if c.items[id] != nil {
			return nil, fakeError(http.StatusConflict, "Conflict", "an entity with id %q is already in %s", id, key)
		}
		if op.ETag {
			s.tag(body)
		}
		c.put(id, body)
		return encodeFakeObject(body), nil
	}
	lq, err := compileListQuery(q)
	if err != nil {
		return nil, err
	}
	if op.Delta && (query.Has("$deltatoken") || query.Has("$skiptoken")) {
		return nil, fakeError(http.StatusBadRequest, CodeBadRequest, "the fake does not support following a delta link: it keeps no history of changes")
	}
	from, to, err := window(op, query)
	if err != nil {
		return nil, err
	}
	var items []fakeObject
	if c := s.collections[key]; c != nil {
		for _, id := range c.ids {
			if obj := c.items[id]; lq.match(obj) && (!op.Window || overlaps(obj, from, to)) {
				items = append(items, obj)
			}
		}
	}
	lq.sort(items)
	total := len(items)
	size := s.pageSize
	if q.Top > 0 {
		size = q.Top
	}
	start := min(q.Skip, total)
	end := start + min(size, total-start) // not start+size, which a huge $top overflows
	page := struct {
		Count     *int         `json:"@odata.count,omitempty"`
		NextLink  string       `json:"@odata.nextLink,omitempty"`
		DeltaLink string       `json:"@odata.deltaLink,omitempty"`
		Value     []fakeObject `json:"value"`
	}{Value: make([]fakeObject, 0, end-start)}
	if q.Count || requestFrom(ctx).count {
		page.Count = &total
	}
	if end < total {
		page.NextLink = nextLink(path, query, end)
	} else if op.Delta {
		page.DeltaLink = path + "?$deltatoken=" + strconv.Itoa(s.version)
	}
	for _, obj := range items[start:end] {
		page.Value = append(page.Value, lq.project(obj))
	}
	data, err := json.Marshal(page)
	if err != nil {
		return nil, err
	}
	return data, nil
}

// onItem reads, writes or deletes the item id of the collection at coll.
func (s *FakeStore) onItem(op *FakeOp, coll, id string, q *QueryOptions, body fakeObject) ([]byte, error) {
	c := s.collections[coll]
	var found string
	if c != nil {
		found = c.find(id)
	}
	if found == "" && op.Kind != FakeReplace {
		return nil, notFound(id, coll)
	}
	switch op.Kind {
	case FakeRead:
		return readOne(c.items[found], q)
	case FakeUpdate:
		obj := c.items[found]
		merge(obj, body)
		obj["id"] = found
		s.retag(op, obj)
		return encodeFakeObject(obj), nil
	case FakeReplace:
		if c == nil {
			c = s.collection(coll)
		}
		if found == "" {
			found = id
		}
		body["id"] = found
		s.retag(op, body)
		c.put(found, body)
		return encodeFakeObject(body), nil
	default: // FakeDelete
		c.remove(found)
		prefix := coll + "/" + found + "/"
		for k := range s.collections {
			if strings.HasPrefix(k, prefix) {
				delete(s.collections, k)
			}
		}
		for k := range s.singletons {
			if strings.HasPrefix(k, prefix) {
				delete(s.singletons, k)
			}
		}
		return nil, nil
	}
}

// onSingleton serves a path that names one object and not a collection's
// item: /me/mailboxSettings, /organization/{id}/branding. Until written,
// it is its documented example, if any.
func (s *FakeStore) onSingleton(op *FakeOp, key string, q *QueryOptions, body fakeObject) ([]byte, error) {
	obj, ok := s.singletons[key]
	if !ok && op.Example != "" {
		obj, _ = decodeFakeObject([]byte(op.Example))
		ok = obj != nil
	}
	switch op.Kind {
	case FakeRead:
		if !ok {
			return nil, nothingAt(key)
		}
		return readOne(obj, q)
	case FakeUpdate:
		if obj == nil {
			obj = fakeObject{}
		}
		merge(obj, body)
		s.retag(op, obj)
		s.singletons[key] = obj
		return encodeFakeObject(obj), nil
	case FakeReplace:
		s.retag(op, body)
		s.singletons[key] = body
		return encodeFakeObject(body), nil
	default: // FakeDelete
		if !ok {
			return nil, nothingAt(key)
		}
		delete(s.singletons, key)
		return nil, nil
	}
}

// segments splits an escaped request path into its unescaped segments,
// with /me as the signed-in user's path, users/{id}.
func (s *FakeStore) segments(path string) ([]string, error) {
	var segs []string
	for _, part := range strings.Split(strings.Trim(path, "/"), "/") {
		seg, err := url.PathUnescape(part)
		if err != nil {
			return nil, err
		}
		segs = append(segs, seg)
	}
	if len(segs) > 0 && strings.EqualFold(segs[0], "me") {
		segs = append([]string{"users", s.me}, segs[1:]...)
	}
	if len(segs) > 0 && segs[0] == "" {
		return nil, nil
	}
	return segs, nil
}

func (s *FakeStore) collection(key string) *fakeCollection {
	c := s.collections[key]
	if c == nil {
		c = &fakeCollection{items: map[string]fakeObject{}}
		s.collections[key] = c
	}
	return c
}

// idOf is an object's id, given one if it has none.
func (s *FakeStore) idOf(obj fakeObject) string {
	id, _ := obj["id"].(string)
	if id == "" {
		id = newID()
		obj["id"] = id
	}
	return id
}

// retag gives obj a new @odata.etag if it has one or op keeps them.
func (s *FakeStore) retag(op *FakeOp, obj fakeObject) {
	if _, ok := obj["@odata.etag"]; ok || op.ETag {
		s.tag(obj)
	}
}

func (s *FakeStore) tag(obj fakeObject) {
	s.version++
	obj["@odata.etag"] = `W/"` + strconv.Itoa(s.version) + `"`
}

// put adds or replaces an item.
func (c *fakeCollection) put(id string, obj fakeObject) {
	if _, ok := c.items[id]; !ok {
		c.ids = append(c.ids, id)
	}
	c.items[id] = obj
}

// seed adds an example's item, merged into the same item from another
// example: a list's example often shows fewer properties than a read's.
func (c *fakeCollection) seed(id string, obj fakeObject) {
	if old, ok := c.items[id]; ok {
		merge(old, obj)
		return
	}
	c.put(id, obj)
}

func (c *fakeCollection) remove(id string) {
	delete(c.items, id)
	for i, v := range c.ids {
		if v == id {
			c.ids = append(c.ids[:i], c.ids[i+1:]...)
			break
		}
	}
}

// find returns the id of the item that key names: its id, or for users,
// as Graph allows, its userPrincipalName (without regard to case); "" if
// none.
func (c *fakeCollection) find(key string) string {
	if _, ok := c.items[key]; ok {
		return key
	}
	for _, id := range c.ids {
		if upn, ok := c.items[id]["userPrincipalName"].(string); ok && strings.EqualFold(upn, key) {
			return id
		}
	}
	return ""
}

// relative resolves rel ("..", "../events") against a path's segments.
func relative(segs []string, rel string) []string {
	out := append([]string(nil), segs...)
	for _, part := range strings.Split(rel, "/") {
		if part == ".." {
			if len(out) > 0 {
				out = out[:len(out)-1]
			}
		} else {
			out = append(out, part)
		}
	}
	return out
}

// window reads calendarView's startDateTime and endDateTime, both
// required, as Graph's are.
func window(op *FakeOp, query url.Values) (from, to time.Time, err error) {
	if !op.Window {
		return from, to, nil
	}
	var ok bool
	if from, ok = parseDateTime(query.Get("startDateTime")); !ok {
		return from, to, fakeError(http.StatusBadRequest, CodeBadRequest, "startDateTime must be a date and time, not %q", query.Get("startDateTime"))
	}
	if to, ok = parseDateTime(query.Get("endDateTime")); !ok {
		return from, to, fakeError(http.StatusBadRequest, CodeBadRequest, "endDateTime must be a date and time, not %q", query.Get("endDateTime"))
	}
	return from, to, nil
}

// parseDateTime reads a time as Graph writes them, with or without an
// offset (without one it is UTC: the fake does not read timeZone).
func parseDateTime(v string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// overlaps reports whether an event's start and end ({"dateTime": ...})
// overlap [from, to).
func overlaps(obj fakeObject, from, to time.Time) bool {
	at := func(name string) (time.Time, bool) {
		m, _ := obj[name].(map[string]any)
		s, _ := m["dateTime"].(string)
		return parseDateTime(s)
	}
	start, ok1 := at("start")
	end, ok2 := at("end")
	return ok1 && ok2 && start.Before(to) && end.After(from)
}

// dropResponseAnnotations takes off an object what describes a response,
// not the entity: the examples' items carry their page's @odata.context.
func dropResponseAnnotations(obj fakeObject) {
	for k := range obj {
		for _, a := range []string{"@odata.context", "@odata.nextLink", "@odata.deltaLink", "@odata.count"} {
			if strings.HasSuffix(k, a) { // also a property's: "event@odata.context"
				delete(obj, k)
			}
		}
	}
}

// merge is PATCH: each property sent replaces the stored one, null clears
// it, and those not sent stay.
func merge(obj, patch fakeObject) {
	for k, v := range patch {
		if v == nil {
			delete(obj, k)
		} else {
			obj[k] = v
		}
	}
}

// nextLink is the link to the page from skip on: the request's path and
// query with $skip changed, from the API root, which the handler makes
// absolute against the request (see replyPage).
func nextLink(path string, query url.Values, skip int) string {
	q := url.Values{}
	for k, v := range query {
		if !strings.EqualFold(k, "$skip") && !strings.EqualFold(k, "skip") {
			q[k] = v
		}
	}
	q.Set("$skip", strconv.Itoa(skip))
	// "$" needs no escaping in a query, and Graph's links do not escape it.
	return path + "?" + strings.ReplaceAll(q.Encode(), "%24", "$")
}

// requestFrom is the handler's requestInfo of the request being served.
func requestFrom(ctx context.Context) *requestInfo {
	if info, ok := ctx.Value(requestKey{}).(*requestInfo); ok {
		return info
	}
	return &requestInfo{}
}

func decodeFakeObject(data []byte) (fakeObject, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var obj fakeObject
	if err := d.Decode(&obj); err != nil {
		return nil, err
	}
	if obj == nil {
		return nil, errors.New("not a JSON object")
	}
	return obj, nil
}

func encodeFakeObject(obj fakeObject) []byte {
	data, err := json.Marshal(obj)
	if err != nil {
		// Decoded from JSON, an object always encodes.
		panic(err)
	}
	return data
}

// newID is a random UUID (version 4), as Graph's ids are.
func newID() string {
	var b [16]byte
	rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// readOne answers a read of obj: its $select'ed properties (a $filter or
// $orderby has nothing to do on one entity).
func readOne(obj fakeObject, q *QueryOptions) ([]byte, error) {
	lq, err := compileListQuery(&QueryOptions{Select: q.Select, Expand: q.Expand})
	if err != nil {
		return nil, err
	}
	return encodeFakeObject(lq.project(obj)), nil
}

func notFound(id, coll string) error {
	return fakeError(http.StatusNotFound, codeNotFound, "no item %q in %s", id, coll)
}

func nothingAt(key string) error {
	return fakeError(http.StatusNotFound, codeNotFound, "the fake holds nothing at %s", key)
}

func fakeError(status int, code, format string, args ...any) error {
	return &Error{StatusCode: status, Code: code, Message: fmt.Sprintf(format, args...)}
}
