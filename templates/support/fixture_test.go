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
var thingRoutes = []Route{
	{Method: http.MethodGet, Pattern: "/things/{id}", Serve: serveGetThing, Index: 0, Perms: &Permissions{Delegated: [][]string{{"Thing.Read"}}}},
	{Method: http.MethodGet, Pattern: "/Things/{id}/parts/{part}", Serve: serveGetThing, Index: 1, Perms: &Permissions{Delegated: [][]string{{"Thing.Read"}}}},
	{Method: http.MethodGet, Pattern: "/things/getStats(period='{period}')", Serve: serveGetThing, Index: 2, Perms: &Permissions{Undetermined: true}},
	{Method: http.MethodGet, Pattern: "/drive/root:/{item-path*}:/content", Serve: serveGetThing, Index: 3, Perms: &Permissions{Undetermined: true}},
	{Method: http.MethodGet, Pattern: "/things", Serve: serveListThings, Index: 0, Perms: &Permissions{Application: [][]string{{"Thing.Read.All"}}}},
	{Method: http.MethodPost, Pattern: "/things", Serve: serveCreateThing, Index: 0, Perms: &Permissions{Delegated: [][]string{{"Thing.Write"}}}},
}

func serveGetThing(h *Handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
	query := r.URL.Query()
	var q QueryOptions
	if err := ParseQueryOptions(query, &q, "tag"); err != nil {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	id := ""
	if len(values) > 0 {
		id = values[len(values)-1]
	}
	res, err := h.srv.(thingServer).GetThing(r.Context(), id, q)
	h.ReplyJSON(w, r, http.StatusOK, res, err)
}

func serveCreateThing(h *Handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
	var body thing
	if !h.ReadBody(w, r, &body) {
		return
	}
	res, err := h.srv.(thingServer).CreateThing(r.Context(), &body)
	h.ReplyJSON(w, r, http.StatusCreated, res, err)
}

func serveListThings(h *Handler, w http.ResponseWriter, r *http.Request, route int, values []string) {
	var q QueryOptions
	if err := ParseQueryOptions(r.URL.Query(), &q); err != nil {
		WriteError(w, http.StatusBadRequest, CodeBadRequest, err.Error())
		return
	}
	res, err := h.srv.(thingServer).ListThings(r.Context(), q)
	ReplyCollection(h, w, r, http.StatusOK, res, &itemsEdmString, err)
}

func (c *Client) getThing(ctx context.Context, id string) (*thing, error) {
	var out thing
	if err := c.Do(ctx, http.MethodGet, "/things/"+url.PathEscape(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) createThing(ctx context.Context, body *thing) (*thing, error) {
	var out thing
	if err := c.Do(ctx, http.MethodPost, "/things", nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (c *Client) listThings(ctx context.Context, q QueryOptions) (*Collection[string], error) {
	query := url.Values{}
	q.addTo(query)
	out := &Collection[string]{}
	if err := c.Do(ctx, http.MethodGet, "/things", query, nil, PageCodec(out, &itemsEdmString)); err != nil {
		return nil, err
	}
	return out, nil
}

// listThingsAll is the generated iterator over every page of listThings.
func (c *Client) listThingsAll(ctx context.Context, q QueryOptions) iter.Seq2[string, error] {
	return Collect(ctx, c, func() (*Collection[string], error) {
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
