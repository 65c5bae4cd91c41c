package interop

// The README's example of a test against the Fake, as it is there (only
// the package's import name differs).

import (
	"context"
	"net/http/httptest"
	"testing"

	graph "github.com/docgen-dev/docgen/interop/graphv1"
)

func TestStandup(t *testing.T) {
	ts := httptest.NewServer(graph.NewHandler(graph.NewFake(graph.WithExampleData())))
	defer ts.Close()
	c := graph.NewClient(ts.URL, graph.WithBearerToken(func(context.Context) (string, error) { return "test", nil }))
	ctx := context.Background()
	if _, err := c.UserCreateEvent(ctx, graph.UserCreateEventParams{}, &graph.Event{Subject: graph.Some("Standup")}); err != nil {
		t.Fatal(err) // POST /me/events
	}
	events, err := c.UserListEvents(ctx, graph.UserListEventsParams{QueryOptions: graph.QueryOptions{Filter: "subject eq 'Standup'"}})
	if err != nil || len(events.Value) != 1 {
		t.Fatal(events, err)
	}
}
