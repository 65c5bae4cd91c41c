package support

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzHandlerRequest sends the fixture's handler requests with hostile
// query options, headers and bodies: every answer is a documented status,
// never a 500 or a panic, and every error answer is an OData error body.
func FuzzHandlerRequest(f *testing.F) {
	for _, s := range [][5]string{
		{"GET", "/things/1", "$select=a,b&$top=3", "Bearer t", ""},
		{"GET", "/things", "$top=-1", "Bearer t", ""},
		{"GET", "/things", "$top=99999999999999999999&$skip=x&$count=maybe", "Bearer t", ""},
		{"GET", "/things/1", "$filter=%ZZ&$expand=a($select=b,c))(&tag=x&TAG=y", "Bearer t", ""},
		{"GET", "/things/1", "$select&&=&$orderby=,,,&%24top=1", "bearer   t  ", ""},
		{"GET", "/things/1", "", "Basic dTpw", ""},
		{"GET", "/things/1", "", "Bearer", ""},
		{"POST", "/things", "", "Bearer t", `{"name":"n","count":1}`},
		{"POST", "/things", "", "Bearer t", `{"name":1}`},
		{"POST", "/things", "", "Bearer t", `{"unknown":1}`},
		{"POST", "/things", "", "Bearer t", ``},
		{"DELETE", "/things", "", "Bearer t", ``},
		{"GET", "/nowhere", "", "Bearer t", ``},
		{"GET", "/v1.0/things/$count", "$select=a", "Bearer t", ``},
		{"GET", "/V1.0/things/1/$count", "", "Bearer t", ``},
		{"GET", "/v1.0/things('a''b')", "", "Bearer t", ``},
		{"GET", "/things(id='x')/parts(2)", "", "Bearer t", ``},
		{"GET", "/things/delta", "", "Bearer t", ``},
	} {
		f.Add(s[0], s[1], s[2], s[3], "application/json; charset=utf-8", s[4])
	}
	f.Add("POST", "/things", "", "Bearer t", "text/plain", "{}")
	f.Add("POST", "/things", "", "Bearer t", "application/json; charset=\"", "{}")
	h := newHandler(echoServer{}, thingRoutes, []HandlerOption{WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), WithMaxBodyBytes(1 << 12)})
	f.Fuzz(func(t *testing.T, method, path, query, auth, contentType, body string) {
		u := &url.URL{Path: path, RawQuery: query}
		if p, err := url.PathUnescape(path); err == nil {
			u.Path, u.RawPath = p, path
		}
		r := &http.Request{Method: method, URL: u, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body)), Host: "example.com"}
		r = r.WithContext(t.Context())
		r.Header.Set("Authorization", auth)
		r.Header.Set("Content-Type", contentType)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusOK, http.StatusCreated:
			return
		case http.StatusBadRequest, http.StatusUnauthorized, http.StatusNotFound, http.StatusMethodNotAllowed,
			http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
		default:
			t.Fatalf("%s %s?%s answered %d: %s", method, path, query, w.Code, w.Body)
		}
		var e errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == nil || e.Error.Code == "" || e.Error.Message == "" {
			t.Fatalf("%s %s?%s answered %d with no OData error: %q", method, path, query, w.Code, w.Body)
		}
	})
}

// FuzzHandlerEncodedBody posts compressed (or not) bodies under each
// Content-Encoding: the answer is 201 for a body that decodes to a thing,
// else a 400, 413 or 415 OData error, never a 500; and a body that
// inflates past the limit is cut off there, not read whole.
func FuzzHandlerEncodedBody(f *testing.F) {
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	for _, enc := range []string{"gzip", "deflate", "", "identity", "br", "gzip, deflate"} {
		f.Add(enc, gz(`{"name":"n"}`))
		f.Add(enc, []byte(`{"name":"n"}`))
		f.Add(enc, gz(strings.Repeat(" ", 1<<14)))
		f.Add(enc, gz(`{"name":"n"}`)[:12])
	}
	const limit = 1 << 12
	h := newHandler(echoServer{}, thingRoutes, []HandlerOption{WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil))), WithMaxBodyBytes(limit)})
	f.Fuzz(func(t *testing.T, encoding string, body []byte) {
		r := httptest.NewRequest("POST", "/v1.0/things", bytes.NewReader(body))
		r.Header.Set("Authorization", "Bearer t")
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Content-Encoding", encoding)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		switch w.Code {
		case http.StatusCreated:
			return
		case http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
		default:
			t.Fatalf("Content-Encoding %q, %d bytes: answered %d: %s", encoding, len(body), w.Code, w.Body)
		}
		var e errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil || e.Error == nil || e.Error.Code == "" {
			t.Fatalf("Content-Encoding %q answered %d with no OData error: %q", encoding, w.Code, w.Body)
		}
	})
}
