package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
)

// EventPage is one page of a stream's events. Next is the version to ask for
// the following page, absent on the last page.
type EventPage struct {
	Stream string      `json:"stream"`
	Events []EventView `json:"events"`
	Next   *uint64     `json:"next,omitempty"`
}

// streamEvents serves GET /api/v1/streams/{stream}/events?from=&limit=. A
// stream whose record the principal may not see is 404, like one that does
// not exist, so nobody learns what exists outside their reach.
func (s *Server) streamEvents(c echo.Context) error {
	stream := c.Param("stream")
	ref, err := domain.ParseStream(stream)
	if err != nil {
		return errBadParam("stream", "the stream must be <kind>-<uuid>, such as actionpoint-0196a3e0-7c4e-7a51-9a43-1c4b8a0e7d21")
	}
	from, err := uintParam(c, "from", 1)
	if err != nil {
		return err
	}
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	class, err := s.visibleRecord(c, p, ref)
	if err != nil {
		return err
	}
	events, more, err := s.reads.page(c.Request().Context(), stream, max(from, 1), limit)
	if err != nil {
		return err
	}
	page, err := viewPage(p, stream, events, class)
	if err != nil {
		return err
	}
	if more {
		next := events[len(events)-1].Version + 1
		page.Next = &next
	}
	return c.JSON(http.StatusOK, page)
}

// viewPage is a page of a record's events as the principal sees them; each
// event sent is counted for the access log.
func viewPage(p auth.Principal, stream string, events []eventstore.RecordedEvent, class domain.Classification) (EventPage, error) {
	page := EventPage{Stream: stream, Events: []EventView{}}
	for _, ev := range events {
		v, ok, err := viewFor(p, ev, class)
		if err != nil {
			return page, err
		}
		if ok {
			noteReleased(p, domain.Strictest(v.Envelope.Classification, class))
			page.Events = append(page.Events, v)
		}
	}
	return page, nil
}
