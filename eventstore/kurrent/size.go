package kurrent

import (
	"fmt"
	"unicode/utf16"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// defaultMaxAppendSize is KurrentDB's default MaxAppendSize.
const defaultMaxAppendSize = 1 << 20

// eventSize is an event's size as KurrentDB 24.10.4 and later count it
// against MaxAppendSize and MaxAppendEventSize: data, metadata and the event
// type, the type counted as .NET holds it, two bytes per UTF-16 unit
// (kurrent-io/KurrentDB PR #4882, "fixes the calculation of event size for
// events appended over gRPC": before it only the data counted, so an append
// that passed then may now be refused).
func eventSize(ev esdb.EventData) int {
	return len(ev.Data) + len(ev.Metadata) + 2*len(utf16.Encode([]rune(ev.EventType)))
}

// checkAppendSize refuses an append the node would refuse, with our error
// and the figures, before anything is sent. The metadata is measured as
// stored, with the adapter's envelope (envelope.go).
func checkAppendSize(stream string, events []esdb.EventData, maxAppend, maxEvent int) error {
	total := 0
	for i, ev := range events {
		n := eventSize(ev)
		if maxEvent > 0 && n > maxEvent {
			return fmt.Errorf("append to %s: %w: event %d is %d bytes (data, metadata, 2x type), the server's MaxAppendEventSize is %d (raise it on the server and with maxAppendEventSize=)",
				stream, eventstore.ErrPayloadTooLarge, i, n, maxEvent)
		}
		total += n
	}
	if total > maxAppend {
		return fmt.Errorf("append to %s: %w: %d bytes in one append (data, metadata, 2x type), the server's MaxAppendSize is %d (raise it on the server and with kurrent.WithMaxAppendSize)",
			stream, eventstore.ErrPayloadTooLarge, total, maxAppend)
	}
	return nil
}
