package web

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// This file is the one place the pages ask what a principal may see. It
// calls the API's own row filters (api/httpapi/visible.go), so a page never
// shows what GET /api/v1/... would withhold, and confidential rows count
// towards the access log the same way.

// keep filters rows through one of the API's visibility functions without
// counting them toward the access log: a page that cuts or narrows the
// rows counts only those it sends, with shown.
func keep[T any](p auth.Principal, rows []T, visible func(auth.Principal, T) (T, bool)) []T {
	quiet := p.WithReadCounter(nil)
	out := make([]T, 0, len(rows))
	for _, r := range rows {
		if v, ok := visible(quiet, r); ok {
			out = append(out, v)
		}
	}
	return out
}

// shown counts the confidential rows a page sends toward the access log, as
// the API counts the rows of the page it answers, and returns them.
func shown[T any](p auth.Principal, rows []T, visible func(auth.Principal, T) (T, bool)) []T {
	for _, r := range rows {
		visible(p, r)
	}
	return rows
}

// keepShown is keep for a page that sends every row it keeps.
func keepShown[T any](p auth.Principal, rows []T, visible func(auth.Principal, T) (T, bool)) []T {
	return shown(p, keep(p, rows, visible), visible)
}

// Visibility functions, by register.
var (
	seeOperation  = httpapi.VisibleOperation
	seeAction     = httpapi.VisibleActionPoint
	seeDecision   = httpapi.VisibleDecision
	seeIssue      = httpapi.VisibleIssue
	seeComponent  = httpapi.VisibleComponent
	seeContact    = httpapi.VisibleContact
	seeEscalation = httpapi.VisibleEscalation
	seeMechanism  = httpapi.VisibleMechanism
	seeMeeting    = httpapi.VisibleMeeting
)

// views returns the views serving now.
func (w *Web) views() (*readmodel.Set, error) { return readmodel.Current(w.cfg.Runner) }

// operation is the operation in the path, if the principal may see it, with
// the views to read it from. Not found and forbidden look the same, so a
// page does not confirm that an operation exists.
func (w *Web) operation(c echo.Context) (views.Operation, *readmodel.Set, error) {
	p, _ := principal(c)
	id, err := uuid.Parse(c.Param("op"))
	if err != nil {
		return views.Operation{}, nil, ErrNotFound
	}
	set, err := w.viewsFor(c) // today's views, or as they stood on ?as_of=
	if err != nil {
		return views.Operation{}, nil, err
	}
	o, ok := set.Operations.Get(id)
	if !ok {
		return views.Operation{}, nil, ErrNotFound
	}
	if o, ok = seeOperation(p, o); !ok {
		return views.Operation{}, nil, ErrNotFound
	}
	return o, set, nil
}

// recordIn is the record the path's {id} names, if the principal may see it
// and it belongs to operation op; otherwise ErrNotFound, exactly as for a
// record that does not exist.
func recordIn[T any](c echo.Context, op uuid.UUID, get func(uuid.UUID) (T, bool),
	see func(auth.Principal, T) (T, bool), opOf func(T) uuid.UUID) (T, error) {
	var zero T
	pr, _ := principal(c)
	id, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return zero, ErrNotFound
	}
	r, ok := get(id)
	if ok {
		r, ok = see(pr, r)
	}
	if !ok || opOf(r) != op {
		return zero, ErrNotFound
	}
	return r, nil
}
