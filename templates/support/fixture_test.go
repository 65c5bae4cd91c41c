package support

// A small hand-written API in the shape docgen generates, so that the
// support code is tested without generating anything: a type with the
// generated kind of JSON methods, serve functions and client methods for
// three routes (the collection one with its iterator), and a route table.

import (
	"context"
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"unsafe"
)

// thing is a generated resource type: optional properties, an @odata.type,
// and the properties the docs do not define.
type thing struct {
	ODataType      string
	Name           Optional[string]
	Count          Optional[int32]
	Tags           Optional[[]string]
	AdditionalData map[string]json.RawMessage
}

func (v *thing) UnmarshalJSON(data []byte) error {
	return unmarshalObject(data, unsafe.Pointer(v), &codecThing)
}

func (v thing) MarshalJSON() ([]byte, error) {
	return marshalObject(unsafe.Pointer(&v), &codecThing), nil
}

func (v *thing) decode(r *jsonReader) { decodeObject(r, unsafe.Pointer(v), &codecThing) }

func (v *thing) encode(w *jsonWriter) { encodeObject(w, unsafe.Pointer(v), &codecThing) }

// codecThing is the fixture's JSON table, as docgen writes one; its index
// is computed here as docgen computes it.
var codecThing = objectType{
	fields: []field{
		{name: "@odata.type", off: unsafe.Offsetof(thing{}.ODataType), kind: kindODataType},
		{name: "name", off: unsafe.Offsetof(thing{}.Name), kind: kindString},
		{name: "count", off: unsafe.Offsetof(thing{}.Count), kind: kindInt32},
		{name: "tags", off: unsafe.Offsetof(thing{}.Tags), kind: kindString, many: true},
	},
	index: fixtureIndex("@odata.type", "name", "count", "tags"),
	extra: unsafe.Offsetof(thing{}.AdditionalData),
	size:  unsafe.Sizeof(thing{}),
	new:   func() unsafe.Pointer { return unsafe.Pointer(new(thing)) },
	grow: func(s unsafe.Pointer) unsafe.Pointer {
		p := (*[]thing)(s)
		*p = append(*p, thing{})
		return unsafe.Pointer(&(*p)[len(*p)-1])
	},
}

// fixtureIndex is objectType.index for names, made as docgen's generator
// makes it (generator/codec.go).
func fixtureIndex(names ...string) []uint16 {
	size := 2
	for size < 2*len(names) {
		size *= 2
	}
	slots := make([]uint16, size)
	mask := uint32(size - 1)
	for i, n := range names {
		h := fieldHash(n) & mask
		for slots[h] != 0 {
			h = (h + 1) & mask
		}
		slots[h] = uint16(i + 1)
	}
	return slots
}

// itemsEdmString describes the fixture's collection items, as odata.go
// does for every collection result.
var itemsEdmString = field{name: "value", kind: kindString, many: true}

// The fixture's one struct type, as odata.go registers them.
func init() { objectTypes = []*objectType{&codecThing} }

// thingServer is the generated Server interface of the fixture.
type thingServer interface {
	GetThing(ctx context.Context, id string, q QueryOptions) (*thing, error)
	CreateThing(ctx context.Context, body *thing) (*thing, error)
	ListThings(ctx context.Context, q QueryOptions) (*Collection[string], error)
}

// thingRoutes is the generated route table of the fixture, with routes of
// every kind of segment the router knows.
var thingRoutes = []route{
	{method: http.MethodGet, pattern: "/things/{id}", serve: serveGetThing, index: 0, perms: &permissions{delegated: [][]string{{"Thing.Read"}}}},
	{method: http.MethodGet, pattern: "/Things/{id}/parts/{part}", serve: serveGetThing, index: 1, perms: &permissions{delegated: [][]string{{"Thing.Read"}}}},
	{method: http.MethodGet, pattern: "/things/getStats(period='{period}')", serve: serveGetThing, index: 2, perms: &permissions{undetermined: true}},
	{method: http.MethodGet, pattern: "/drive/root:/{item-path*}:/content", serve: serveGetThing, index: 3, perms: &permissions{undetermined: true}},
	{method: http.MethodGet, pattern: "/things", serve: serveListThings, index: 0, perms: &permissions{application: [][]string{{"Thing.Read.All"}}}},
	{method: http.MethodPost, pattern: "/things", serve: serveCreateThing, index: 0, perms: &permissions{delegated: [][]string{{"Thing.Write"}}}},
}

func serveGetThing(h *handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
	query := r.URL.Query()
	var q QueryOptions
	if err := parseQueryOptions(query, &q, "tag"); err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
		return
	}
	id := ""
	if len(values) > 0 {
		id = values[len(values)-1]
	}
	res, err := h.srv.(thingServer).GetThing(r.Context(), id, q)
	h.replyJSON(w, r, http.StatusOK, res, err)
}

func serveCreateThing(h *handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
	var body thing
	if !h.readBody(w, r, &body) {
		return
	}
	res, err := h.srv.(thingServer).CreateThing(r.Context(), &body)
	h.replyJSON(w, r, http.StatusCreated, res, err)
}

func serveListThings(h *handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
	var q QueryOptions
	if err := parseQueryOptions(r.URL.Query(), &q); err != nil {
		writeError(w, http.StatusBadRequest, codeBadRequest, err.Error())
		return
	}
	res, err := h.srv.(thingServer).ListThings(r.Context(), q)
	replyCollection(h, w, r, http.StatusOK, res, &itemsEdmString, err)
}

func (c *Client) getThing(ctx context.Context, id string) (*thing, error) {
	var out thing
	if err := c.do(ctx, http.MethodGet, "/things/"+url.PathEscape(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) createThing(ctx context.Context, body *thing) (*thing, error) {
	var out thing
	if err := c.do(ctx, http.MethodPost, "/things", nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) listThings(ctx context.Context, q QueryOptions) (*Collection[string], error) {
	query := url.Values{}
	q.addTo(query)
	out := &Collection[string]{}
	if err := c.do(ctx, http.MethodGet, "/things", query, nil, pageCodec(out, &itemsEdmString)); err != nil {
		return nil, err
	}
	return out, nil
}

// listThingsAll is the generated iterator over every page of listThings.
func (c *Client) listThingsAll(ctx context.Context, q QueryOptions) iter.Seq2[string, error] {
	return collect(ctx, c, func() (*Collection[string], error) {
		return c.listThings(ctx, q)
	}, &itemsEdmString)
}

// echoServer answers every operation with what it was given.
type echoServer struct{}

func (echoServer) GetThing(ctx context.Context, id string, q QueryOptions) (*thing, error) {
	if id == "missing" {
		return nil, &Error{StatusCode: http.StatusNotFound, Code: "ResourceNotFound", Message: "no thing " + id}
	}
	if id == "nothing" { // a Server bug: neither a result nor an error
		return nil, nil
	}
	return &thing{Name: Some(id), Tags: Some(q.Select)}, nil
}

func (echoServer) CreateThing(ctx context.Context, body *thing) (*thing, error) { return body, nil }

func (echoServer) ListThings(ctx context.Context, q QueryOptions) (*Collection[string], error) {
	return &Collection[string]{Value: q.Select}, nil
}
