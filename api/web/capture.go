package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// captureData is what the capture forms need offline: the registers an
// officer picks from (open action points with the version they saw,
// decisions in force), rendered into the page the service worker keeps.
type captureData struct {
	Actions    []views.ActionPoint
	Decisions  []views.Decision
	Mechanisms []views.Mechanism
	Contacts   []views.Contact   // attendees to tick
	Components []views.Component // who agreed to a decision
	Key        string            // a fresh idempotency key per form opening; the outbox script makes the next ones
}

// capturePage serves the forms that work offline: each submit becomes an
// outbox item (outbox.js) sent to /outbox when the connection allows.
func (w *Web) capturePage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "capture.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = captureData{
		Actions:    keepShown(pr, set.Actions.List(o.ID, views.ActionFilter{OpenOnly: true}), seeAction),
		Decisions:  keepShown(pr, set.Decisions.List(o.ID, views.DecisionFilter{InForce: true}), seeDecision),
		Mechanisms: slices.DeleteFunc(keepShown(pr, set.Mechanisms.List(o.ID), seeMechanism), func(m views.Mechanism) bool { return m.Dissolved }),
		Contacts:   keepShown(pr, set.Contacts.List(o.ID, false), seeContact),
		Components: activeComponents(pr, set, o.ID),
		Key:        newFormKey(),
	}
	return w.render(c, http.StatusOK, "capture", p)
}
