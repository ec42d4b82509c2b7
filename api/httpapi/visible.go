package httpapi

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// The register rows a principal may see, and what of them. The JSON
// handlers and the web pages (api/web) both call these, so a page never
// shows what the API would withhold.

// Released is the classification gate (see released).
func Released(p auth.Principal, c domain.Classification) bool { return released(p, c) }

// VisibleOperation: officers see their operations only.
func VisibleOperation(p auth.Principal, o views.Operation) (views.Operation, bool) {
	return o, p.MayRead(o.ID) && released(p, o.Classification)
}

// VisibleActionPoint hides a named owner from roles that see no personal data.
func VisibleActionPoint(p auth.Principal, a views.ActionPoint) (views.ActionPoint, bool) {
	if !p.SeesPersonalData() {
		a.Owner.Name = ""
	}
	return a, released(p, a.Classification)
}

// VisibleDecision is the classification gate for a decision.
func VisibleDecision(p auth.Principal, d views.Decision) (views.Decision, bool) {
	return d, released(p, d.Classification)
}

// VisibleIssue hides the reporter from everyone but reviewers and whoever
// recorded the report; analysts see no reporter and no confidential issue.
func VisibleIssue(p auth.Principal, i views.Issue) (views.Issue, bool) {
	if !p.SeesPersonalData() || !p.SeesReporter(i.ReportedBy) {
		i.ReporterName, i.ReporterPersonID = "", uuid.Nil
	}
	return i, released(p, i.Classification)
}

// VisibleComponent is the classification gate for a component.
func VisibleComponent(p auth.Principal, x views.Component) (views.Component, bool) {
	return x, released(p, x.Classification)
}

// VisibleContact leaves the function and component, not the person, to
// roles that see no personal data.
func VisibleContact(p auth.Principal, x views.Contact) (views.Contact, bool) {
	if !p.SeesPersonalData() {
		x.GivenName, x.FamilyName, x.Email, x.Phone = "", "", "", ""
	}
	return x, released(p, x.Classification)
}

// VisibleEscalation is the classification gate for an escalation.
func VisibleEscalation(p auth.Principal, e views.Escalation) (views.Escalation, bool) {
	return e, released(p, e.Classification)
}

// VisibleMechanism is the classification gate for a mechanism.
func VisibleMechanism(p auth.Principal, m views.Mechanism) (views.Mechanism, bool) {
	return m, released(p, m.Classification)
}

// VisibleMeeting is the classification gate for a meeting.
func VisibleMeeting(p auth.Principal, m views.Meeting) (views.Meeting, bool) {
	return m, released(p, m.Classification)
}

// VisibleLesson is the classification gate for a lesson.
func VisibleLesson(p auth.Principal, l views.Lesson) (views.Lesson, bool) {
	return l, released(p, l.Classification)
}
