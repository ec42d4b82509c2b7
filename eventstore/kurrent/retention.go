package kurrent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// An operator can make KurrentDB hide a stream's events without writing to
// the stream: stream metadata ($maxCount, $maxAge, $tb) marks older events
// as deleted, a soft delete sets $tb past the last event, and a scavenge
// then removes them for good ("Deleting streams and events" in the
// KurrentDB docs: "when reading a stream, the index checks the stream's
// metadata to determine whether any of its events have been deleted").
// A ledger stream read after that would look like a shorter history; the
// adapter reports it instead.

// retention is the part of stream metadata that hides events.
type retention struct {
	TruncateBefore *uint64 `json:"$tb"`
	MaxCount       *uint64 `json:"$maxCount"`
	MaxAge         *uint64 `json:"$maxAge"`
}

func (r retention) set() bool { return r.TruncateBefore != nil || r.MaxCount != nil || r.MaxAge != nil }

func (r retention) String() string {
	var parts []string
	if r.TruncateBefore != nil {
		parts = append(parts, fmt.Sprintf("$tb=%d", *r.TruncateBefore))
	}
	if r.MaxCount != nil {
		parts = append(parts, fmt.Sprintf("$maxCount=%d", *r.MaxCount))
	}
	if r.MaxAge != nil {
		parts = append(parts, fmt.Sprintf("$maxAge=%ds", *r.MaxAge))
	}
	return strings.Join(parts, " ")
}

// RetentionFinding is stream metadata, set by someone other than the
// ledger, that hides events of a ledger stream.
type RetentionFinding struct {
	Stream   string // ours, without the prefix
	Settings string // such as "$maxCount=10"
	Position uint64 // of the metadata event in $all
}

type retentions struct {
	mu    sync.Mutex
	found map[string]RetentionFinding
}

// Retention lists the ledger streams on which stream metadata hides events,
// as seen in $all so far (at start, the views read it all), for /readyz.
func (s *Store) Retention() []RetentionFinding {
	s.retention.mu.Lock()
	defer s.retention.mu.Unlock()
	out := make([]RetentionFinding, 0, len(s.retention.found))
	for _, f := range s.retention.found {
		out = append(out, f)
	}
	return out
}

// noteMetadata looks at a system event of $all: a stream metadata event
// ("$metadata" in "$$<stream>") on a stream of ours that hides events is
// recorded and logged as an error.
func (s *Store) noteMetadata(r *esdb.RecordedEvent) {
	target, ok := strings.CutPrefix(r.StreamID, "$$")
	if !ok || r.EventType != "$metadata" || strings.HasPrefix(target, "$") || !strings.HasPrefix(target, s.cfg.prefix) {
		return
	}
	var rt retention
	if json.Unmarshal(r.Data, &rt) != nil || !rt.set() {
		return
	}
	f := RetentionFinding{Stream: strings.TrimPrefix(target, s.cfg.prefix), Settings: rt.String(), Position: r.Position.Commit}
	s.retention.mu.Lock()
	prev, seen := s.retention.found[f.Stream]
	if s.retention.found == nil {
		s.retention.found = map[string]RetentionFinding{}
	}
	if !seen || prev.Position < f.Position {
		s.retention.found[f.Stream] = f
	}
	s.retention.mu.Unlock()
	if !seen || prev.Position < f.Position {
		s.cfg.logger.Error("kurrent: stream metadata hides events of a ledger stream; the ledger's history must not expire: remove it",
			"stream", target, "settings", f.Settings, "position", f.Position)
	}
}

// checkHistory refuses a stream read from the start whose first event is
// not the stream's first: events before it were hidden or removed by the
// node.
func checkHistory(stream string, r *esdb.RecordedEvent) error {
	if r.EventNumber == 0 {
		return nil
	}
	return fmt.Errorf("read %s: %w: the stream starts at version %d, versions 1 to %d were removed by stream metadata ($tb, $maxCount, $maxAge), a soft delete or a scavenge",
		stream, ErrHistoryRemoved, r.EventNumber+1, r.EventNumber)
}

// deletedOrMissing tells a soft-deleted ledger stream from one that never
// existed, on a read that found nothing: a soft delete leaves $tb in the
// stream's metadata.
func (s *Store) deletedOrMissing(ctx context.Context, stream string, notFound error) error {
	var rt retention
	found := false
	err := s.readEvents(ctx, "read metadata of "+stream, func(c *esdb.Client) (*esdb.ReadStream, error) {
		return c.ReadStream(ctx, "$$"+s.stream(stream), esdb.ReadStreamOptions{Direction: esdb.Backwards, From: esdb.End{}}, 1)
	}, func(e *esdb.ResolvedEvent) bool {
		found = json.Unmarshal(e.OriginalEvent().Data, &rt) == nil
		return false
	})
	if err != nil && !errors.Is(err, errStopped) && !errors.Is(err, eventstore.ErrStreamNotFound) {
		return err
	}
	if found && rt.TruncateBefore != nil {
		return fmt.Errorf("read %s: %w: the stream was deleted on the node (%s); the ledger never deletes", stream, ErrHistoryRemoved, rt)
	}
	return notFound
}
