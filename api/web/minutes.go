package web

import (
	"net/http"
	"slices"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// minutesView is a meeting's minutes and record of decisions, for print.
type minutesView struct {
	Meeting   views.Meeting
	Mechanism string
	Minutes   string // the last circulated or corrected text; "" before any draft
	Present   []string
	Decisions []views.Decision
	Actions   []views.ActionPoint
	Names     map[uuid.UUID]string
}

// minutesPage is the printable minutes and record of decisions of one
// meeting, in the reader's language, laid out for A4 (app.css, @page).
func (w *Web) minutesPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	meetings := allMeetings(pr, set, o.ID)
	i := slices.IndexFunc(meetings, func(m views.Meeting) bool { return m.ID == id })
	if i < 0 {
		return ErrNotFound
	}
	m := meetings[i]
	names := componentNames(pr, set, o.ID)
	v := minutesView{Meeting: m, Mechanism: mechanismNames(pr, set, o.ID)[m.MechanismID], Names: names}
	for _, c := range m.ComponentsPresent {
		if n, ok := names[c]; ok {
			v.Present = append(v.Present, n)
		}
	}
	v.Decisions = shown(pr, slices.DeleteFunc(keep(pr, set.Decisions.List(o.ID, views.DecisionFilter{MechanismID: m.MechanismID}), seeDecision),
		func(d views.Decision) bool { return d.MeetingID != m.ID }), seeDecision)
	v.Actions = shown(pr, slices.DeleteFunc(keep(pr, set.Actions.List(o.ID, views.ActionFilter{}), seeAction),
		func(a views.ActionPoint) bool { return a.MeetingID != m.ID }), seeAction)
	if v.Minutes, err = w.minutesText(c, m.ID); err != nil {
		return err
	}
	p := w.page(c, "min.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = v
	return w.render(c, http.StatusOK, "minutes", p)
}

// minutesText is the meeting's minutes as the record holds them now (the
// views keep only their dates), as the API's record route would show them.
func (w *Web) minutesText(c echo.Context, id uuid.UUID) (string, error) {
	if w.cfg.API == nil {
		return "", nil
	}
	pr, _ := principal(c)
	agg, err := w.cfg.API.ReadRecord(c.Request().Context(), pr, domain.Ref{Kind: domain.KindMeeting, ID: id})
	if err != nil {
		return "", err
	}
	if m, ok := agg.(*domain.Meeting); ok {
		return m.Minutes, nil
	}
	return "", nil
}
