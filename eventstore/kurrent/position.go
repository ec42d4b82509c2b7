package kurrent

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/movementcoord/ledger/eventstore"
)

// checkPosition makes sure a caller's position (a browser's Last-Event-ID,
// an ?after=, a view's checkpoint) is where an event of this log starts
// before it is used as a $all position. A node refuses a position inside a
// record with "invalid position" (kurrent-io/KurrentDB PRs #3991, #4128),
// which no retry cures: sent unchecked, every such client would make the
// subscription resume forever. KurrentDB reads $all forward from a position
// inclusively, so a valid position reads back its own event first.
func (s *Store) checkPosition(ctx context.Context, after uint64) error {
	if after == 0 {
		return nil
	}
	found := false
	err := s.readEvents(ctx, "check position", func(c *esdb.Client) (*esdb.ReadStream, error) {
		return c.ReadAll(ctx, esdb.ReadAllOptions{Direction: esdb.Forwards, From: allPosition(after)}, 1)
	}, func(e *esdb.ResolvedEvent) bool {
		found = e.OriginalEvent().Position.Commit == after
		return false
	})
	switch {
	case err != nil && !errors.Is(err, errStopped) && !invalidPosition(err):
		return err
	case !found:
		return fmt.Errorf("read $all after %d: %w: no event of this log starts there", after, eventstore.ErrInvalidPosition)
	}
	return nil
}

// invalidPosition recognises the node's refusal of a position.
func invalidPosition(err error) bool {
	if errors.Is(err, eventstore.ErrInvalidPosition) {
		return true
	}
	st, _ := status.FromError(err)
	return strings.Contains(strings.ToLower(err.Error()), "invalid position") ||
		(st.Code() == codes.InvalidArgument && strings.Contains(strings.ToLower(st.Message()), "position"))
}
