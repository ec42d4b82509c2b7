package web

import (
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// outboxRoutes: the outbox's door (one item per request, in the outbox's
// order) and the conflicts pages.
func (w *Web) outboxRoutes(op, writes *echo.Group) {
	writes.POST("/outbox", w.outboxSend)
	op.GET("/conflicts", w.conflictsPage)
	writes.POST("/conflicts/resolve", w.resolveConflict)
	writes.GET("/capture", w.capturePage)
}

// outboxSend writes one outbox item and answers JSON the outbox reads:
// {outcome, record, version, conflict_event_id} or {code, field, message}.
func (w *Web) outboxSend(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	it, err := readOutboxItem(c, w.cfg.Now())
	if err != nil {
		return outboxRefused(c, err)
	}
	pr, _ := principal(c)
	a, err := w.sync(c.Request().Context(), pr, o.ID, it)
	if err != nil {
		return outboxRefused(c, err)
	}
	return c.JSON(http.StatusOK, a)
}

// readOutboxItem reads the form the outbox posts; the key may come as the
// Idempotency-Key header, as the API takes it.
func readOutboxItem(c echo.Context, now time.Time) (outboxItem, error) {
	it := outboxItem{Key: c.Request().Header.Get("Idempotency-Key"), Command: c.FormValue("command"),
		Body: json.RawMessage(c.FormValue("body")), Device: c.FormValue("device")}
	if it.Key == "" {
		it.Key = c.FormValue("key")
	}
	if strings.TrimSpace(it.Key) == "" {
		return it, errOutboxKey
	}
	if s := c.FormValue("seen_version"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			return it, errOutboxSeen
		}
		it.Seen = &v
	}
	it.CapturedAt = now
	if s := c.FormValue("captured_at"); s != "" {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			return it, errOutboxCaptured
		}
		it.CapturedAt = t
	}
	return it, nil
}

// outboxRefused answers an item the ledger refused, so the outbox can show
// it as needing attention with the ledger's own words.
func outboxRefused(c echo.Context, err error) error {
	var de *domain.Error
	switch {
	case errors.As(err, &de):
		return c.JSON(domainStatus(de.Kind), de)
	case errors.Is(err, recorder.ErrKeyReused):
		return c.JSON(http.StatusConflict, map[string]string{"code": "idempotency.key_reused", "message": err.Error()})
	}
	return err // not signed in, forbidden, a store failure: the page's own error handling
}

func domainStatus(k domain.ErrorKind) int {
	switch k {
	case domain.KindNotFound:
		return http.StatusNotFound
	case domain.KindConflict:
		return http.StatusConflict
	case domain.KindForbidden:
		return http.StatusForbidden
	}
	return http.StatusUnprocessableEntity
}
