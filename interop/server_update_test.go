package interop

import (
	"context"

	"github.com/docgen-dev/docgen/interop/graphv1"
)

// The two PATCH methods. Their body types are those the handler decodes
// PATCH bodies to; these are changing from the update pages' tables
// (UpdateEventBody, UpdateMessageBody) to the resource types (*Event,
// *Message), and these signatures must follow. The tests read the body as
// call.Body, a map, so that only these lines depend on the Go type.

func (s *fakeServer) UpdateEvent(ctx context.Context, p graphv1.UpdateEventParams, body *graphv1.UpdateEventBody) (*graphv1.Event, error) {
	s.record("UpdateEvent", p, body)
	return s.updatedEvent, nil
}

func (s *fakeServer) UpdateMessage(ctx context.Context, p graphv1.UpdateMessageParams, body *graphv1.UpdateMessageBody) (graphv1.MessageValue, error) {
	s.record("UpdateMessage", p, body)
	return s.updatedMessage, nil
}
