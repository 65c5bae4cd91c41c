package interop

import (
	"context"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// The two PATCH methods. Their bodies are the resource types, as the service
// reads them: an event, and a message (or a type derived from it). The
// tests read the body as call.Body, a map, so that only these lines depend
// on the Go type.

func (s *fakeServer) UpdateEvent(ctx context.Context, p graphv1.UpdateEventParams, body *graphv1.Event) (*graphv1.Event, error) {
	s.record("UpdateEvent", p, body)
	return s.updatedEvent, nil
}

func (s *fakeServer) UpdateMessage(ctx context.Context, p graphv1.UpdateMessageParams, body graphv1.MessageValue) (graphv1.MessageValue, error) {
	s.record("UpdateMessage", p, body)
	return s.updatedMessage, nil
}
