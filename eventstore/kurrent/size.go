package kurrent

import (
	"fmt"

	"github.com/EventStore/EventStore-Client-Go/v4/protos/shared"
	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
	"google.golang.org/protobuf/proto"

	"github.com/movementcoord/ledger/eventstore"
)

// defaultMaxAppendSize is KurrentDB's default MaxAppendSize.
const defaultMaxAppendSize = 1 << 20

// checkAppendSize refuses an append the server would refuse. KurrentDB sums
// the protobuf size of every event in one append and answers InvalidArgument
// over its MaxAppendSize, which the client reports as an unknown error; we
// measure the same messages the client will send and say so clearly.
func checkAppendSize(stream string, events []eventstore.EventData, max int) error {
	size := 0
	for _, ev := range events {
		size += proto.Size(&api.AppendReq_ProposedMessage{
			Id:             &shared.UUID{Value: &shared.UUID_Structured_{Structured: &shared.UUID_Structured{MostSignificantBits: -1, LeastSignificantBits: -1}}},
			Metadata:       map[string]string{"type": ev.Type, "content-type": "application/json"},
			CustomMetadata: ev.Metadata,
			Data:           ev.Data,
		})
	}
	if size > max {
		return fmt.Errorf("append to %s: %w: %d bytes in one append, the server's MaxAppendSize is %d (raise it on the server and with kurrent.WithMaxAppendSize)",
			stream, eventstore.ErrPayloadTooLarge, size, max)
	}
	return nil
}
