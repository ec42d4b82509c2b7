package kurrent

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/movementcoord/ledger/eventstore"
)

// failure maps err, unless ctx has ended: the client's own errors are then
// only a consequence, and the caller expects ctx's error.
func failure(ctx context.Context, op string, err error) error {
	if ctxDeadlineArrived(ctx, err) || ctx.Err() != nil {
		return fmt.Errorf("%s: %w", op, ctx.Err())
	}
	return mapError(op, err)
}

// ctxDeadlineArrived reports whether err is ctx's own deadline, carried by
// gRPC to the server and back: that reply can arrive a moment before ctx's
// timer fires here, so wait for it.
func ctxDeadlineArrived(ctx context.Context, err error) bool {
	deadline, ok := ctx.Deadline()
	if !ok || time.Until(deadline) > deadlineSlack || !isDeadline(err) {
		return false
	}
	<-ctx.Done()
	return true
}

const deadlineSlack = 100 * time.Millisecond

// isDeadline looks for a deadline in the client's code or, under it, in the
// gRPC status (status.Code unwraps).
func isDeadline(err error) bool {
	var e *esdb.Error
	return errors.As(err, &e) && e.Code() == esdb.ErrorCodeDeadlineExceeded ||
		status.Code(err) == codes.DeadlineExceeded
}

// mapError turns a client error into ours. It uses errors.As, never
// esdb.FromError: FromError reports ok=true for a nil error and uses a plain
// type assertion, so an *esdb.Error wrapped by the client's own
// fmt.Errorf("...: %w") comes back as ErrorCodeUnknown.
func mapError(op string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, eventstore.ErrClosed) || errors.Is(err, ErrInvalidConnString) {
		return fmt.Errorf("%s: %w", op, err)
	}
	if errors.Is(err, eventstore.ErrInvalidPosition) {
		return fmt.Errorf("%s: %w", op, err)
	}
	if invalidPosition(err) {
		return fmt.Errorf("%s: %w: %v", op, eventstore.ErrInvalidPosition, err)
	}
	if errors.Is(err, errCallTimeout) || errors.Is(err, errClientRetired) || errors.Is(err, errNotSent) {
		return unavailable(op, err)
	}
	var e *esdb.Error
	if !errors.As(err, &e) {
		return mapStatus(op, err)
	}
	switch e.Code() {
	case esdb.ErrorCodeResourceNotFound, esdb.ErrorCodeStreamDeleted:
		return fmt.Errorf("%s: %w", op, eventstore.ErrStreamNotFound)
	case esdb.ErrorCodeUnauthenticated, esdb.ErrorCodeAccessDenied:
		return fmt.Errorf("%s: %w: %v", op, ErrAccessDenied, err)
	case esdb.ErrorCodeUnknown, esdb.ErrorCodeInternalClient:
		return mapStatus(op, err)
	}
	// Connection closed, unavailable, deadline, not leader, aborted: all
	// mean "try again later" to a caller.
	return unavailable(op, err)
}

// mapStatus looks at the gRPC status under an error the client did not
// classify (it returns some Read errors raw, and reports the server's
// append size refusal as unknown).
func mapStatus(op string, err error) error {
	st, _ := status.FromError(err) // unwraps the client's *esdb.Error
	switch {
	case st.Code() == codes.InvalidArgument && sizeRefusal(st.Message()):
		return fmt.Errorf("%s: %w: %s", op, eventstore.ErrPayloadTooLarge, st.Message())
	case st.Code() == codes.InvalidArgument || st.Code() == codes.FailedPrecondition:
		return fmt.Errorf("%s: %v", op, err)
	}
	return unavailable(op, err)
}

// sizeRefusal recognises the node's refusals of an append's size: "Maximum
// Append Size of N Exceeded." (MaxAppendSize) and, since 24.10.4, the
// per-event MaxAppendEventSize refusal (exception
// "maximum-append-event-size-exceeded", kurrent-io/KurrentDB PR #4882),
// whose exact wording we have not seen from a real node: any message
// naming the append event size matches.
func sizeRefusal(msg string) bool {
	m := strings.ToLower(msg)
	return strings.Contains(m, "maximum append size") || strings.Contains(m, "append event size") ||
		strings.Contains(m, "maximum-append-event-size") || strings.Contains(m, "maxappendeventsize")
}

func unavailable(op string, err error) error {
	return fmt.Errorf("%s: %w: %v", op, eventstore.ErrUnavailable, err)
}

// clientIsDead reports whether err shows the client has closed itself (or
// hung), so that it must be replaced rather than used again.
func clientIsDead(err error) bool {
	if errors.Is(err, errCallTimeout) {
		return true
	}
	var e *esdb.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == esdb.ErrorCodeConnectionClosed ||
		strings.Contains(err.Error(), "maximum discovery attempt count reached")
}

// retryable reports whether a dropped subscription is worth resuming: not
// for refused credentials, a closed store, or a request the node calls
// invalid (an invalid position, any InvalidArgument): those would fail the
// same way on every attempt, a resubscribe loop without end.
func retryable(err error) bool {
	if invalidPosition(err) {
		return false
	}
	if st, ok := status.FromError(err); ok && st.Code() == codes.InvalidArgument {
		return false
	}
	var e *esdb.Error
	if errors.As(err, &e) {
		c := e.Code()
		return c != esdb.ErrorCodeUnauthenticated && c != esdb.ErrorCodeAccessDenied
	}
	return !errors.Is(err, eventstore.ErrClosed) && !errors.Is(err, ErrAccessDenied)
}
