package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// keepAlive is how often an idle feed sends a comment, so that proxies and
// field connections do not drop it as dead.
const keepAlive = 15 * time.Second

// liveFilter is what one client of the feed asked for and may see.
type liveFilter struct {
	principal auth.Principal
	operation uuid.UUID // zero: every operation the principal may read
}

// liveEvents serves GET /api/v1/events/live?operation=ID as server-sent
// events: every stored event after Last-Event-ID (or ?after=; 0 replays the
// whole log), then new ones as they commit. Without either it starts at the
// head the views know of: a new client wants new events, not the history.
// The event id is the global position, so a reconnecting client resumes
// where it stopped.
func (s *Server) liveEvents(c echo.Context) error {
	f, after, err := parseLive(c)
	if err != nil {
		return err
	}
	if err := s.checkResume(c.Request().Context(), after); err != nil {
		return err
	}
	if after == fromHead {
		after = s.head()
	}
	ctx, cancel := context.WithCancel(c.Request().Context())
	defer cancel()
	go func() {
		select {
		case <-s.closing:
			cancel()
		case <-ctx.Done():
		}
	}()
	startStream(c.Response())
	feed := s.feed(ctx, after)
	tick := time.NewTicker(keepAlive)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			writeComment(c.Response(), "keep-alive")
		case item, ok := <-feed:
			if !ok || s.deliver(c.Response(), f, item) != nil {
				return nil
			}
		}
	}
}

func parseLive(c echo.Context) (liveFilter, uint64, error) {
	f := liveFilter{principal: principalOf(c)}
	if raw := c.QueryParam("operation"); raw != "" {
		op, err := uuid.Parse(raw)
		if err != nil {
			return f, 0, errBadParam("operation", fmt.Sprintf("operation must be a UUID (got %q)", raw))
		}
		if !f.principal.MayRead(op) {
			return f, 0, errForbidden("your token is not assigned to this operation")
		}
		f.operation = op
	}
	after, err := resumePosition(c)
	return f, after, err
}

// fromHead marks a feed asked for without a resume point.
const fromHead = ^uint64(0)

// head is the highest position the views know of (0 without views).
func (s *Server) head() uint64 {
	var h uint64
	if s.cfg.Runner != nil {
		for _, st := range s.cfg.Runner.Status() {
			h = max(h, st.Head)
		}
	}
	return h
}

// resumePosition is the Last-Event-ID header a reconnecting browser sends,
// or ?after= for clients that cannot set headers; fromHead when neither.
func resumePosition(c echo.Context) (uint64, error) {
	raw := c.Request().Header.Get("Last-Event-ID")
	name := "Last-Event-ID"
	if raw == "" {
		raw, name = c.QueryParam("after"), "after"
	}
	if raw == "" {
		return fromHead, nil
	}
	v, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return 0, errBadParam(name, fmt.Sprintf("%s must be a global position such as 42 (got %q)", name, raw))
	}
	return v, nil
}

// checkResume answers 400 for a resume position the log does not hold
// (a backend that checks positions, KurrentDB, says so on the first read),
// before the stream starts and while a clear answer can still be sent.
func (s *Server) checkResume(ctx context.Context, after uint64) error {
	if after == fromHead || after == 0 {
		return nil
	}
	for _, err := range s.reads.store.ReadAll(ctx, after, 1) {
		if errors.Is(err, eventstore.ErrInvalidPosition) {
			return errBadParam("after", fmt.Sprintf("%d is not the position of an event in this ledger's log: resume from an id the feed sent", after))
		}
		if err != nil {
			return err
		}
	}
	return nil
}

type feedItem struct {
	ev  eventstore.RecordedEvent
	err error
}

// feed runs the store subscription in its own goroutine so that the handler
// can send keep-alives while it waits.
func (s *Server) feed(ctx context.Context, after uint64) <-chan feedItem {
	out := make(chan feedItem)
	go func() {
		defer close(out)
		for ev, err := range s.reads.follow(ctx, after) {
			select {
			case out <- feedItem{ev: ev, err: err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return out
}

// deliver writes one event if the client may see it; an error (the store
// failed, the client left) ends the feed.
func (s *Server) deliver(w *echo.Response, f liveFilter, item feedItem) error {
	if item.err != nil {
		if !errors.Is(item.err, context.Canceled) {
			s.log.Warn("live feed ended", "err", item.err)
		}
		return item.err
	}
	var derived domain.Classification
	if ref, err := domain.ParseStream(item.ev.Stream); err == nil {
		derived = s.derivedClass(ref)
	}
	v, ok, err := viewFor(f.principal, item.ev, derived)
	if err != nil {
		// One event whose envelope does not decode must not cut every
		// client off; it is logged for `ledger verify` to look into.
		s.log.Error("live feed: skipped an undecodable event", "err", err)
		return nil
	}
	if !ok || (f.operation != uuid.Nil && v.Envelope.OperationID != f.operation) {
		return nil
	}
	noteReleased(f.principal, domain.Strictest(v.Envelope.Classification, derived))
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "id: %d\nevent: %s\ndata: %s\n\n", v.Position, v.Type, data)
	w.Flush()
	return err
}

func startStream(w *echo.Response) {
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no") // nginx would otherwise hold events back
	w.WriteHeader(http.StatusOK)
	writeComment(w, "connected")
}

func writeComment(w *echo.Response, text string) {
	_, _ = fmt.Fprintf(w, ": %s\n\n", text)
	w.Flush()
}
