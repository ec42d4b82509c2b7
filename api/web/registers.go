package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// decisionRow is a decision with the progress of its action points.
type decisionRow struct {
	D                 views.Decision
	Done, Total, Mean int
}

// decisionsPage is the decision register: each decision and how far its
// action points have got.
func (w *Web) decisionsPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	var rows []decisionRow
	for _, d := range keepShown(pr, set.Decisions.List(o.ID, views.DecisionFilter{InForce: c.QueryParam("in_force") != ""}), seeDecision) {
		rows = append(rows, progressOf(d))
	}
	p := w.page(c, "decisions.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = map[string]any{"Rows": rows, "Mechanisms": mechanismNames(pr, set, o.ID), "InForce": c.QueryParam("in_force") != ""}
	return w.render(c, http.StatusOK, "decisions", p)
}

// progressOf counts the linked action points done (completed or verified)
// and their mean reported percentage; cancelled ones do not count.
func progressOf(d views.Decision) decisionRow {
	r := decisionRow{D: d}
	sum := 0
	for _, a := range d.ActionPoints {
		switch a.State {
		case domain.APCancelled:
			continue
		case domain.APCompleted, domain.APVerified:
			r.Done++
			sum += 100
		default:
			sum += a.Percent
		}
		r.Total++
	}
	if r.Total > 0 {
		r.Mean = sum / r.Total
	}
	return r
}

// componentsPage is the component map.
func (w *Web) componentsPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "components.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = keepShown(pr, set.Components.Map(o.ID), seeComponent)
	return w.render(c, http.StatusOK, "components", p)
}

// contactsPage is the unified contact list (roles that see no personal
// data get functions and components only, as from the API).
func (w *Web) contactsPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "contacts.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = map[string]any{"Rows": keepShown(pr, set.Contacts.List(o.ID, false), seeContact), "Names": componentNames(pr, set, o.ID)}
	return w.render(c, http.StatusOK, "contacts", p)
}
