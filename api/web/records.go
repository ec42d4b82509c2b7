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
	a, err := recordIn(c, o.ID, set.Actions.Get, seeAction, func(a views.ActionPoint) uuid.UUID { return a.OperationID })
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.recordPage(c, o, "ap.page")
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
	d, err := recordIn(c, o.ID, set.Decisions.Get, seeDecision, func(d views.Decision) uuid.UUID { return d.OperationID })
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.recordPage(c, o, "decision.page")
	rows := keepShown(pr, set.Actions.List(o.ID, views.ActionFilter{DecisionID: d.ID}), seeAction)
	p.Data = map[string]any{"R": progressOf(d), "Actions": trackerRows(rows, p.Now), "Names": componentNames(pr, set, o.ID),
		"Mechanism": mechanismNames(pr, set, o.ID)[d.MechanismID]}
	return w.render(c, http.StatusOK, "decision", p)
}

// recordPage opens the page of one record of operation o, saying "saved"
// after a form on it was sent.
func (w *Web) recordPage(c echo.Context, o views.Operation, title string) *Page {
	p := w.page(c, title)
	p.inOperation(o, c.Request().URL.Path)
	if c.QueryParam("saved") != "" {
		p.Notice = "meeting.saved"
	}
	return p
}
