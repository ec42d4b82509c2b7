package web

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// meetingForm is the one screen that records a meeting: who came, what was
// decided, the action points of each decision, and the minutes. Rendered
// empty, or again with what was typed when a rule refused part of it.
type meetingForm struct {
	Key        string
	Mechanisms []views.Mechanism
	Mechanism  *views.Mechanism
	Meeting    uuid.UUID // an existing scheduled meeting being recorded, if any
	Title      string
	HeldAt     string // datetime-local
	Location   string
	Contacts   []attendeeChoice
	Components []views.Component
	Names      map[uuid.UUID]string
	Quorum     quorum
	Decisions  []decisionSlot
	Minutes    string
	Step       string // "draft", "circulate" or "approve"
	Written    []string
}

type attendeeChoice struct {
	PersonID    uuid.UUID
	Name        string
	Function    string
	ComponentID uuid.UUID
	Checked     bool
}

// quorum is what the screen shows as attendees are ticked.
type quorum struct {
	Required, MembersPresent int
	Met                      bool
}

type decisionSlot struct {
	N                 int
	Title, Text, Note string
	Actions           []actionSlot
}

type actionSlot struct {
	N            int
	Title, Due   string
	Owner        uuid.UUID
	OwnerDefault bool
}

// Defaults and bounds of the inline rows: enough for a usual meeting, and
// "more rows" adds up to the maximum without JavaScript.
const (
	defaultDecisions, defaultActions = 2, 2
	maxRows                          = 12
)

func rowCount(c echo.Context, name string, def int) int {
	n, err := strconv.Atoi(c.QueryParam(name))
	if err != nil || n < 1 {
		n, err = strconv.Atoi(c.FormValue(name))
	}
	if err != nil || n < 1 {
		return def
	}
	return min(n, maxRows)
}

// readMeetingForm reads what was posted (or blank rows for a GET).
func readMeetingForm(c echo.Context, now time.Time) meetingForm {
	f := meetingForm{Key: formKey(c), Title: strings.TrimSpace(c.FormValue("title")),
		HeldAt: c.FormValue("held_at"), Location: strings.TrimSpace(c.FormValue("location")),
		Minutes: strings.TrimSpace(c.FormValue("minutes")), Step: c.FormValue("step"),
		Meeting: formUUID(c, "meeting")}
	if f.HeldAt == "" {
		f.HeldAt = now.UTC().Format("2006-01-02T15:04")
	}
	if f.Step == "" {
		f.Step = "circulate"
	}
	nd, na := rowCount(c, "decisions", defaultDecisions), rowCount(c, "actions", defaultActions)
	for i := 1; i <= nd; i++ {
		d := decisionSlot{N: i, Title: field(c, "d%d.title", i), Text: field(c, "d%d.text", i), Note: field(c, "d%d.rationale", i)}
		for j := 1; j <= na; j++ {
			d.Actions = append(d.Actions, actionSlot{N: j, Title: field(c, "d%d.a%d.title", i, j),
				Due: field(c, "d%d.a%d.due", i, j), Owner: formUUID(c, fmt.Sprintf("d%d.a%d.owner", i, j))})
		}
		f.Decisions = append(f.Decisions, d)
	}
	return f
}

// Existing reports whether the screen records a meeting already scheduled.
func (f meetingForm) Existing() bool { return f.Meeting != uuid.Nil }

// addRow adds an empty decision, or an action point row to every decision.
func (f *meetingForm) addRow(what string) {
	na := len(f.Decisions[0].Actions)
	switch {
	case what == "decision" && len(f.Decisions) < maxRows:
		d := decisionSlot{N: len(f.Decisions) + 1}
		for j := 1; j <= na; j++ {
			d.Actions = append(d.Actions, actionSlot{N: j})
		}
		f.Decisions = append(f.Decisions, d)
	case what == "action" && na < maxRows:
		for i := range f.Decisions {
			f.Decisions[i].Actions = append(f.Decisions[i].Actions, actionSlot{N: na + 1})
		}
	}
}

func field(c echo.Context, format string, args ...any) string {
	return strings.TrimSpace(c.FormValue(fmt.Sprintf(format, args...)))
}

// fill adds the choices: the mechanism's contacts and components, ticked
// as posted, and the quorum they reach.
func (f *meetingForm) fill(c echo.Context, mech views.Mechanism, contacts []views.Contact, comps []views.Component) {
	f.Mechanism, f.Components = &mech, comps
	ticked := map[uuid.UUID]bool{}
	for _, v := range c.Request().Form["attendee"] {
		if id, err := uuid.Parse(v); err == nil {
			ticked[id] = true
		}
	}
	f.Names = map[uuid.UUID]string{}
	for _, x := range comps {
		f.Names[x.ID] = x.Name
		if x.Acronym != "" {
			f.Names[x.ID] = x.Acronym
		}
	}
	for _, x := range contacts {
		f.Contacts = append(f.Contacts, attendeeChoice{PersonID: x.PersonID, Name: strings.TrimSpace(x.GivenName + " " + x.FamilyName),
			Function: x.Function, ComponentID: x.ComponentID, Checked: ticked[x.PersonID]})
	}
	f.Quorum = quorumOf(mech, f.attendees())
}

// attendees are the ticked contacts as the domain records them.
func (f *meetingForm) attendees() []domain.Attendee {
	var out []domain.Attendee
	for _, x := range f.Contacts {
		if x.Checked {
			out = append(out, domain.Attendee{PersonID: x.PersonID, Name: x.Name, ComponentID: x.ComponentID})
		}
	}
	return out
}

// quorumOf asks the domain's own rule (Mechanism.QuorumMet) whether the
// member components present reach the quorum.
func quorumOf(mech views.Mechanism, as []domain.Attendee) quorum {
	m := domain.Mechanism{Quorum: mech.Quorum, Members: mech.Members}
	present := presentComponents(as)
	q := quorum{Required: mech.Quorum, Met: m.QuorumMet(present)}
	for _, id := range present {
		if m.IsMember(id) {
			q.MembersPresent++
		}
	}
	return q
}

func presentComponents(as []domain.Attendee) []uuid.UUID {
	seen := map[uuid.UUID]bool{}
	var out []uuid.UUID
	for _, a := range as {
		if a.ComponentID != uuid.Nil && !seen[a.ComponentID] {
			seen[a.ComponentID] = true
			out = append(out, a.ComponentID)
		}
	}
	return out
}
