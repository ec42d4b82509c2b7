package httpapi

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

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

// streamEvents serves GET /api/v1/streams/{stream}/events?from=&limit=.
func (s *Server) streamEvents(c echo.Context) error {
	stream := c.Param("stream")
	if _, err := domain.ParseStream(stream); err != nil {
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
	events, more, err := s.reads.page(c.Request().Context(), stream, max(from, 1), limit)
	if errors.Is(err, eventstore.ErrStreamNotFound) {
		return errNotFound("record.not_found", "no record has this stream")
	}
	if err != nil {
		return err
	}
	page, err := s.viewPage(c, stream, events)
	if err != nil {
		return err
	}
	if more {
		next := events[len(events)-1].Version + 1
		page.Next = &next
	}
	return c.JSON(http.StatusOK, page)
}

// viewPage filters a page for the principal. A stream of an operation the
// principal may not read is refused as a whole; events of a classification it
// may not see are left out.
func (s *Server) viewPage(c echo.Context, stream string, events []eventstore.RecordedEvent) (EventPage, error) {
	page := EventPage{Stream: stream, Events: []EventView{}}
	p := principalOf(c)
	for _, ev := range events {
		v, vis, err := viewFor(p, ev)
		switch {
		case err != nil:
			return page, err
		case vis == hiddenOperation:
			return page, errForbidden("this record belongs to an operation your token is not assigned to")
		case vis == visible:
			page.Events = append(page.Events, v)
		}
	}
	return page, nil
}
