package generator_test

// The Fake of the package generated from seeds/: its one operation, a
// create, through the real client and handler.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"

	graph "github.com/docgen-dev/docgen/generated/graph"
)

func TestSeedFakeCreates(t *testing.T) {
	ts := newServer(t, graph.NewFake())
	c := graph.NewClient(ts.URL, graph.WithBearerToken(func(context.Context) (string, error) { return "t", nil }))
	var body graph.DomainSecurityProfile
	if err := json.Unmarshal(seedExample(t), &body); err != nil {
		t.Fatal(err)
	}
	body.ID = graph.Optional[string]{}
	first, err := c.CreateDomainSecurityProfile(context.Background(), &body)
	if err != nil {
		t.Fatal(err)
	}
	if len(first.ID.Value) != 36 || first.Name.Value != body.Name.Value || first.RiskScore != body.RiskScore {
		t.Fatalf("created %+v; want the body sent with a new id", first)
	}
	// An id sent is kept, and a second create with it is a conflict.
	body.ID = graph.Some("p1")
	if got, err := c.CreateDomainSecurityProfile(context.Background(), &body); err != nil || got.ID.Value != "p1" {
		t.Fatalf("created %+v, %v; want id p1", got, err)
	}
	_, err = c.CreateDomainSecurityProfile(context.Background(), &body)
	var apiErr *graph.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusConflict {
		t.Fatalf("a second create of p1: %v; want 409", err)
	}
}

func TestSeedFakeConcurrentCreates(t *testing.T) {
	ts := newServer(t, graph.NewFake())
	c := graph.NewClient(ts.URL, graph.WithBearerToken(func(context.Context) (string, error) { return "t", nil }))
	var wg sync.WaitGroup
	ids := make(chan string, 64)
	for range 8 {
		wg.Go(func() {
			for range 8 {
				got, err := c.CreateDomainSecurityProfile(context.Background(), &graph.DomainSecurityProfile{Name: graph.Some("x")})
				if err != nil {
					t.Error(err)
					return
				}
				ids <- got.ID.Value
			}
		})
	}
	wg.Wait()
	close(ids)
	seen := map[string]bool{}
	for id := range ids {
		if seen[id] || !strings.Contains(id, "-") {
			t.Fatalf("id %q twice or malformed", id)
		}
		seen[id] = true
	}
	if len(seen) != 64 {
		t.Fatalf("%d ids; want 64", len(seen))
	}
}
