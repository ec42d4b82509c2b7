package web

import (
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// meetingView is one meeting with what it decided and raised.
type meetingView struct {
	Meeting   views.Meeting
	Mechanism string
	Decisions []views.Decision
	Actions   []views.ActionPoint
	Names     map[uuid.UUID]string
	Key       string
}

// meetingPage shows a meeting, its decisions and action points, and the
// next step of its minutes.
func (w *Web) meetingPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	var m views.Meeting
	found := false
	for _, x := range allMeetings(pr, set, o.ID) {
		if x.ID == id {
			m, found = x, true
		}
	}
	if !found {
		return ErrNotFound
	}
	v := meetingView{Meeting: m, Mechanism: mechanismNames(pr, set, o.ID)[m.MechanismID], Names: componentNames(pr, set, o.ID), Key: newFormKey()}
	v.Decisions = shown(pr, slices.DeleteFunc(keep(pr, set.Decisions.List(o.ID, views.DecisionFilter{MechanismID: m.MechanismID}), seeDecision),
		func(d views.Decision) bool { return d.MeetingID != m.ID }), seeDecision)
	v.Actions = shown(pr, slices.DeleteFunc(keep(pr, set.Actions.List(o.ID, views.ActionFilter{}), seeAction),
		func(a views.ActionPoint) bool { return a.MeetingID != m.ID }), seeAction)
	shown(pr, []views.Meeting{m}, seeMeeting)
	p := w.recordPage(c, o, "meeting.page")
	p.Data = v
	return w.render(c, http.StatusOK, "meeting", p)
}

// minutesStep circulates a draft of the minutes or approves the last one.
func (w *Web) minutesStep(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	h := header(pr, o.ID, formKey(c))
	var cmd domain.Command = domain.CirculateMinutes{Header: h, ID: id, Minutes: strings.TrimSpace(c.FormValue("minutes"))}
	if c.FormValue("step") == "approve" {
		cmd = domain.ApproveMinutes{Header: h, ID: id, Note: strings.TrimSpace(c.FormValue("note"))}
	}
	if _, err := w.write(c.Request().Context(), pr, cmd); err != nil {
		return w.refusedOrFail(c, err, fmt.Sprintf("/ops/%s/meetings/%s", o.ID, id))
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ops/%s/meetings/%s?saved=1", o.ID, id))
}

// refusedOrFail shows a refused write as a page that says why, with a way
// back; anything else is an error.
func (w *Web) refusedOrFail(c echo.Context, err error, back string) error {
	if !isRefusal(err) {
		return err
	}
	p := w.page(c, "error.refused")
	p.Errors = []string{p.problem(err)}
	p.Data = safeNext(back)
	return w.render(c, http.StatusUnprocessableEntity, "refused", p)
}
