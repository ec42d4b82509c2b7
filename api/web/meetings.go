package web

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// meetingsPage lists the operation's meetings, newest first.
func (w *Web) meetingsPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "meetings.title")
	p.inOperation(o, c.Request().URL.Path)
	ms := allMeetings(pr, set, o.ID)
	slices.SortFunc(ms, func(a, b views.Meeting) int { return b.ScheduledFor.Compare(a.ScheduledFor) })
	p.Data = map[string]any{"Meetings": ms, "Mechanisms": mechanismNames(pr, set, o.ID)}
	return w.render(c, http.StatusOK, "meetings", p)
}

// newMeeting shows the record-a-meeting screen; first the mechanism.
func (w *Web) newMeeting(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	return w.showMeetingForm(c, o, set, readMeetingForm(c, w.cfg.Now()), http.StatusOK, nil)
}

func (w *Web) showMeetingForm(c echo.Context, o views.Operation, set *readmodel.Set, f meetingForm, status int, errs []string) error {
	pr, _ := principal(c)
	p := w.page(c, "meeting.record")
	p.inOperation(o, c.Request().URL.Path)
	p.Errors = errs
	f.Mechanisms = keepShown(pr, set.Mechanisms.List(o.ID), seeMechanism)
	if mech, ok := w.chosenMechanism(c, pr, set); ok {
		f.fill(c, mech, keepShown(pr, set.Contacts.List(o.ID, false), seeContact), activeComponents(pr, set, o.ID))
	}
	p.Data = f
	return w.render(c, status, "meeting_form", p)
}

func (w *Web) chosenMechanism(c echo.Context, pr auth.Principal, set *readmodel.Set) (views.Mechanism, bool) {
	id := formUUID(c, "mechanism")
	if id == uuid.Nil {
		id, _ = uuid.Parse(c.QueryParam("mechanism"))
	}
	m, ok := set.Mechanisms.Get(id)
	if !ok || m.Dissolved {
		return views.Mechanism{}, false
	}
	return seeMechanism(pr, m)
}

func activeComponents(pr auth.Principal, set *readmodel.Set, op uuid.UUID) []views.Component {
	return slices.DeleteFunc(keepShown(pr, set.Components.Map(op), seeComponent), func(x views.Component) bool { return x.Withdrawn })
}

// quorumPanel answers the htmx request sent when an attendee is ticked: the
// quorum as it now stands.
func (w *Web) quorumPanel(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	f := readMeetingForm(c, w.cfg.Now())
	mech, ok := w.chosenMechanism(c, pr, set)
	if !ok {
		return ErrNotFound
	}
	f.fill(c, mech, keepShown(pr, set.Contacts.List(o.ID, false), seeContact), activeComponents(pr, set, o.ID))
	p := w.page(c, "meeting.record")
	p.Data = f
	return w.renderFragment(c, http.StatusOK, "meeting_form", "quorum", p)
}

// recordMeeting writes the whole screen, in order: the meeting, its
// attendance, each decision (adopted by the components present) and its
// action points, then the minutes. Every command's key derives from the
// form's, so sending the form again after a refusal writes only what is
// missing.
func (w *Web) recordMeeting(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	f := readMeetingForm(c, w.cfg.Now())
	if more := c.FormValue("more"); more != "" {
		f.addRow(more) // "more rows" keeps what was typed and writes nothing
		return w.showMeetingForm(c, o, set, f, http.StatusOK, nil)
	}
	mech, ok := w.chosenMechanism(c, pr, set)
	if !ok {
		return w.showMeetingForm(c, o, set, f, http.StatusUnprocessableEntity, []string{w.page(c, "").T("meeting.pick_mechanism")})
	}
	f.fill(c, mech, keepShown(pr, set.Contacts.List(o.ID, false), seeContact), activeComponents(pr, set, o.ID))
	rec := meetingRecorder{w: w, ctx: c.Request().Context(), pr: pr, op: o.ID, f: &f, mech: mech.ID}
	meeting, err := rec.run()
	if err != nil {
		if !isRefusal(err) {
			return err
		}
		p := w.page(c, "")
		return w.showMeetingForm(c, o, set, f, http.StatusUnprocessableEntity, []string{p.problem(err)})
	}
	return c.Redirect(http.StatusSeeOther, fmt.Sprintf("/ops/%s/meetings/%s?saved=1", o.ID, meeting))
}

type meetingRecorder struct {
	w    *Web
	ctx  context.Context
	pr   auth.Principal
	op   uuid.UUID
	f    *meetingForm
	mech uuid.UUID
	err  error
}

// do runs one command unless an earlier one was refused.
func (r *meetingRecorder) do(cmd domain.Command) uuid.UUID {
	if r.err != nil {
		return uuid.Nil
	}
	res, err := r.w.write(r.ctx, r.pr, cmd)
	r.err = err
	return res.Ref.ID
}

func (r *meetingRecorder) h(suffix string) domain.Header {
	return header(r.pr, r.op, r.f.Key+suffix)
}

func (r *meetingRecorder) run() (uuid.UUID, error) {
	held := parseDateTime(r.f.HeldAt)
	if held.IsZero() {
		return uuid.Nil, errHeldAtRequired
	}
	meeting := r.f.Meeting
	if meeting == uuid.Nil {
		meeting = r.do(domain.ScheduleMeeting{Header: r.at(":schedule", held), MechanismID: r.mech, Title: r.f.Title,
			ScheduledFor: held, Location: r.f.Location})
	}
	r.do(domain.HoldMeeting{Header: r.at(":hold", held), ID: meeting, HeldAt: held, Attendees: r.f.attendees()})
	present := presentComponents(r.f.attendees())
	for _, d := range r.f.Decisions {
		r.decision(meeting, held, present, d)
	}
	r.minutes(meeting)
	return meeting, r.err
}

// at is a header whose occurred time is the meeting's: a decision taken on
// Monday and typed in on Wednesday says Monday.
func (r *meetingRecorder) at(suffix string, occurred time.Time) domain.Header {
	h := r.h(suffix)
	h.OccurredAt = occurred
	return h
}

func (r *meetingRecorder) decision(meeting uuid.UUID, held time.Time, present []uuid.UUID, d decisionSlot) {
	if d.Title == "" && d.Text == "" {
		return
	}
	k := fmt.Sprintf(":d%d", d.N)
	id := r.do(domain.ProposeDecision{Header: r.at(k, held), MechanismID: r.mech, MeetingID: meeting,
		Title: d.Title, Text: d.Text, Rationale: d.Note})
	r.do(domain.AdoptDecision{Header: r.at(k+":adopt", held), ID: id, Procedure: domain.ProcedureMeeting,
		MeetingID: meeting, AgreedBy: present})
	for _, a := range d.Actions {
		if a.Title == "" {
			continue
		}
		r.do(domain.RaiseActionPoint{Header: r.at(fmt.Sprintf("%s:a%d", k, a.N), held), DecisionID: id, MeetingID: meeting,
			Title: a.Title, Owner: domain.Owner{ComponentID: a.Owner}, DueAt: parseDue(a.Due)})
	}
}

func (r *meetingRecorder) minutes(meeting uuid.UUID) {
	if r.f.Minutes == "" || r.f.Step == "later" {
		return
	}
	r.do(domain.CirculateMinutes{Header: r.h(":minutes"), ID: meeting, Minutes: r.f.Minutes})
	if r.f.Step == "approve" {
		r.do(domain.ApproveMinutes{Header: r.h(":approve"), ID: meeting})
	}
}
