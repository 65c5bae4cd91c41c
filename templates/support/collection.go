package support

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/url"
	"unsafe"
)

// Collection is a page of a collection result, as OData sends it:
// {"value": [...], "@odata.nextLink": "..."}.
type Collection[T any] struct {
	// Value is this page's items.
	Value []T
	// NextLink is the URL of the next page; empty on the last one.
	NextLink string
	// DeltaLink is the URL to ask for changes since this result, for delta queries.
	DeltaLink string
	// Count is the total number of items, when $count=true asked for it.
	Count Optional[int64]
	// Context is @odata.context.
	Context string
	// AdditionalData holds other members of the page, kept as they came.
	AdditionalData map[string]json.RawMessage
}

// collectionCodec decodes and encodes the page at page, a *Collection[T]
// whose items are of the kind items describes. Every Collection has one
// layout, whatever T is (its items are a slice), so one codec serves all:
// the generated code makes it with pageCodec and an items variable of
// odata.go (itemsUser for a Collection[User]).
type collectionCodec struct {
	page  unsafe.Pointer
	items *field
}

// PageCodec is the codec of the page c with items of T.
func PageCodec[T any](c *Collection[T], items *field) collectionCodec {
	return collectionCodec{unsafe.Pointer(c), items}
}

// anyPage is the layout of every Collection.
type anyPage = Collection[struct{}]

func (cc collectionCodec) decode(r *jsonReader) {
	c := (*anyPage)(cc.page)
	for more := r.beginObject(); more; more = r.nextMember() {
		k := r.key()
		switch k {
		case "value":
			c.Value = nil
			if !r.null() {
				decodeItems(r, unsafe.Pointer(&c.Value), cc.items)
			}
		case "@odata.nextLink":
			c.NextLink = r.str()
		case "@odata.deltaLink":
			c.DeltaLink = r.str()
		case "@odata.context":
			c.Context = r.str()
		case "@odata.count":
			readOpt(r, &c.Count, (*jsonReader).int64)
		default:
			r.unknown(&c.AdditionalData, k)
		}
		if r.err != nil {
			r.inProperty(k)
			return
		}
	}
}

func (cc collectionCodec) encode(w *jsonWriter) {
	c := (*anyPage)(cc.page)
	if c == nil {
		w.null()
		return
	}
	w.beginObject()
	if c.Context != "" {
		w.key("@odata.context")
		w.str(c.Context)
	}
	writeOpt(w, "@odata.count", &c.Count, (*jsonWriter).int64)
	w.key("value")
	encodeItems(w, unsafe.Pointer(&c.Value), cc.items)
	if c.NextLink != "" {
		w.key("@odata.nextLink")
		w.str(c.NextLink)
	}
	if c.DeltaLink != "" {
		w.key("@odata.deltaLink")
		w.str(c.DeltaLink)
	}
	w.extra(c.AdditionalData)
	w.endObject()
}

// ReadValue and writeValue are the codecs of one value of a generated type
// (an interface-held or scalar result's, an action body's).
func ReadValue[T any, P interface {
	*T
	decoder
}](r *jsonReader) T {
	var v T
	P(&v).decode(r)
	return v
}

func WriteValue[T any, P interface {
	*T
	encoder
}](w *jsonWriter, v T) {
	P(&v).encode(w)
}

// Collect calls first, then follows @odata.nextLink, yielding every item
// until the last page, an error, or the caller stops.
func Collect[T any](ctx context.Context, c *Client, first func() (*Collection[T], error), items *field) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		page, err := first()
		for {
			var zero T
			if err != nil {
				yield(zero, err)
				return
			}
			for _, v := range page.Value {
				if !yield(v, nil) {
					return
				}
			}
			if page.NextLink == "" {
				return
			}
			next := &Collection[T]{}
			link, lerr := c.sameHost(page.NextLink)
			if lerr != nil {
				err = lerr
				continue
			}
			err = c.doURL(ctx, "GET", link, nil, PageCodec(next, items))
			page = next
		}
	}
}

// ValueCodec decodes and encodes a value held by an interface, with its
// item codecs.
type ValueCodec[T any] struct {
	V     *T
	Read  func(*jsonReader) T
	Write func(*jsonWriter, T)
}

func (c ValueCodec[T]) decode(r *jsonReader) { *c.V = c.Read(r) }
func (c ValueCodec[T]) encode(w *jsonWriter) { c.Write(w, *c.V) }

// ScalarCodec decodes and encodes a single primitive or enumeration
// result, which OData wraps as {"value": ...}; other members, such as
// @odata.context, are skipped.
type ScalarCodec[T any] struct {
	V     *T
	Read  func(*jsonReader) T
	Write func(*jsonWriter, T)
}

func (c ScalarCodec[T]) decode(r *jsonReader) {
	for more := r.beginObject(); more; more = r.nextMember() {
		k := r.key()
		if k == "value" {
			*c.V = c.Read(r)
		} else {
			r.skip()
		}
		if r.err != nil {
			r.inProperty(k)
			return
		}
	}
}

func (c ScalarCodec[T]) encode(w *jsonWriter) {
	w.beginObject()
	w.key("value")
	c.Write(w, *c.V)
	w.endObject()
}

// sameHost resolves a link the service sent against the base URL and
// refuses one on another host: the client's bearer token goes only where
// the client was pointed.
func (c *Client) sameHost(link string) (string, error) {
	base, err := url.Parse(c.baseURL)
	if err != nil {
		return "", err
	}
	u, err := base.Parse(link)
	if err != nil {
		return "", fmt.Errorf(packageName+": @odata.nextLink %q: %w", link, err)
	}
	if u.Host != base.Host || u.Scheme != base.Scheme {
		return "", fmt.Errorf(packageName+": refusing to follow @odata.nextLink to %s: the client was pointed at %s", u.Host, base.Host)
	}
	return u.String(), nil
}
