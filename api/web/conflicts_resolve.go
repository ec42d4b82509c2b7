package web

import (
	"net/http"
	"net/url"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
)

// resolveConflict records an officer's choice of value (conflict.resolve).
func (w *Web) resolveConflict(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, err1 := uuid.Parse(c.FormValue("record_id"))
	conflict, err2 := uuid.Parse(c.FormValue("conflict_event_id"))
	if err1 != nil || err2 != nil {
		return ErrNotFound
	}
	ref := domain.Ref{Kind: domain.Kind(c.FormValue("record_kind")), ID: id}
	_, err = w.write(c.Request().Context(), pr, domain.ResolveConflict{Header: header(pr, o.ID, c.FormValue("key")),
		Record: ref, ConflictEventID: conflict, Keep: domain.Keep(c.FormValue("keep")), Reason: c.FormValue("reason")})
	if err != nil {
		return w.renderConflicts(c, http.StatusUnprocessableEntity, err)
	}
	return c.Redirect(http.StatusSeeOther, opPath(o.ID.String(), "/conflicts?record="+url.QueryEscape(id.String())))
}
