package web

import (
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// actionPage is one action point: where it stands, a status change, and a
// correction.
func (w *Web) actionPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	a, ok := set.Actions.Get(id)
	if ok {
		a, ok = seeAction(pr, a)
	}
	if !ok || a.OperationID != o.ID {
		return ErrNotFound
	}
	p := w.page(c, "ap.page")
	p.inOperation(o, c.Request().URL.Path)
	if c.QueryParam("saved") != "" {
		p.Notice = "meeting.saved"
	}
	var decision *views.Decision
	if d, ok := set.Decisions.Get(a.DecisionID); ok {
		if d, ok = seeDecision(pr, d); ok {
			decision = &d
		}
	}
	p.Data = map[string]any{"Row": trackerRows([]views.ActionPoint{a}, p.Now)[0], "Names": componentNames(pr, set, o.ID),
		"Decision": decision, "V": trackerView{Names: componentNames(pr, set, o.ID), Moves: apMoves, Key: newFormKey()}}
	return w.render(c, http.StatusOK, "action", p)
}

// decisionPage is one decision with its action points.
func (w *Web) decisionPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	d, ok := set.Decisions.Get(id)
	if ok {
		d, ok = seeDecision(pr, d)
	}
	if !ok || d.OperationID != o.ID {
		return ErrNotFound
	}
	p := w.page(c, "decision.page")
	p.inOperation(o, c.Request().URL.Path)
	if c.QueryParam("saved") != "" {
		p.Notice = "meeting.saved"
	}
	rows := keepShown(pr, set.Actions.List(o.ID, views.ActionFilter{DecisionID: id}), seeAction)
	p.Data = map[string]any{"R": progressOf(d), "Actions": trackerRows(rows, p.Now), "Names": componentNames(pr, set, o.ID),
		"Mechanism": mechanismNames(pr, set, o.ID)[d.MechanismID]}
	return w.render(c, http.StatusOK, "decision", p)
}
