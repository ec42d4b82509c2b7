package eventstore

import (
	"fmt"
	"unicode/utf8"

	"github.com/google/uuid"
)

// ValidateAppend checks an append request before any backend touches storage,
// so that bad input never leaves anything half-written.
func ValidateAppend(stream string, events []EventData) error {
	if err := ValidateStreamName(stream); err != nil {
		return err
	}
	if len(events) == 0 {
		return fmt.Errorf("append to %s: %w", stream, ErrNoEvents)
	}
	seen := make(map[uuid.UUID]struct{}, len(events))
	size := 0
	for i, ev := range events {
		size += len(ev.Data) + len(ev.Metadata)
		if err := validateEvent(ev); err != nil {
			return fmt.Errorf("append to %s: event %d: %w", stream, i, err)
		}
		if _, dup := seen[ev.ID]; dup {
			return fmt.Errorf("append to %s: event %d: %w: %s appears twice in one append",
				stream, i, ErrDuplicateEventID, ev.ID)
		}
		seen[ev.ID] = struct{}{}
	}
	if size > MaxAppendBytes {
		return fmt.Errorf("append to %s: %w: %d bytes of data and metadata, at most %d allowed in one append",
			stream, ErrPayloadTooLarge, size, MaxAppendBytes)
	}
	return nil
}

// ValidateStreamName rejects names no backend can store faithfully.
// Names starting with "$" are reserved for KurrentDB system streams.
func ValidateStreamName(stream string) error {
	switch {
	case stream == "":
		return fmt.Errorf("%w: empty", ErrInvalidStreamName)
	case len(stream) > MaxStreamNameLen:
		return fmt.Errorf("%w: %d bytes, at most %d allowed", ErrInvalidStreamName, len(stream), MaxStreamNameLen)
	case !utf8.ValidString(stream):
		return fmt.Errorf("%w: not valid UTF-8", ErrInvalidStreamName)
	case stream[0] == '$':
		return fmt.Errorf("%w: %q starts with $, which is reserved for system streams", ErrInvalidStreamName, stream)
	}
	return nil
}

func validateEvent(ev EventData) error {
	switch {
	case ev.ID == uuid.Nil:
		return fmt.Errorf("%w: the nil UUID", ErrInvalidEventID)
	case ev.Type == "":
		return fmt.Errorf("%w: empty", ErrInvalidEventType)
	case len(ev.Type) > MaxEventTypeLen:
		return fmt.Errorf("%w: %d bytes, at most %d allowed", ErrInvalidEventType, len(ev.Type), MaxEventTypeLen)
	case !utf8.ValidString(ev.Type) || ev.Type[0] == '$':
		return fmt.Errorf("%w: %q", ErrInvalidEventType, ev.Type)
	}
	return nil
}
