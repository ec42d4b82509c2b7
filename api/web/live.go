package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// A page that lists records follows the ledger as others write: it holds a
// server-sent-events stream (htmx's sse extension) that says "changed" when
// the views move on. Read-only panels refresh themselves; the tracker, where
// someone may be typing, shows a link to refresh rather than moving rows
// under their hands.

// liveFor bounds one stream: the browser reconnects after it, so a server
// shutting down never waits on an open page for long.
const liveFor = 15 * time.Second

// live serves GET /ops/:op/live.
func (w *Web) live(c echo.Context) error {
	if _, _, err := w.operation(c); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	c.Response().WriteHeader(http.StatusOK)
	fmt.Fprintf(c.Response(), "retry: 2000\n\n")
	c.Response().Flush()
	ctx, cancel := context.WithTimeout(c.Request().Context(), liveFor)
	defer cancel()
	from := w.position()
	if seen, err := strconv.ParseUint(c.QueryParam("at"), 10, 64); err == nil && seen < from {
		from = seen // the page is older than the views: what came since is news already
	}
	if err := w.cfg.Runner.WaitForView(ctx, views.ActionsName, from+1); err != nil {
		return nil // nothing changed while the stream was open
	}
	p := w.page(c, "")
	link := template.HTMLEscapeString(p.T("live.changed"))
	fmt.Fprintf(c.Response(), "event: changed\ndata: <a href=\"%s\">%s</a>\n\n", template.HTMLEscapeString(safeNext(c.QueryParam("page"))), link)
	c.Response().Flush()
	return nil
}

// position is how far the tracker's view has applied the log.
func (w *Web) position() uint64 {
	for _, s := range w.cfg.Runner.Status() {
		if s.Name == views.ActionsName {
			return s.Position
		}
	}
	return 0
}
