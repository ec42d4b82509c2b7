package httpapi

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// The register rows a principal may see, and what of them. The JSON
// handlers and the web pages (api/web) both call these, so a page never
// shows what the API would withhold. Each is the visibility policy
// (domain/visibility) applied to one row: the record's operation and
// classification decide whether it is shown, the personal and reporter
// tags on the row's fields what is left out. A row that passes is counted
// as released (the access log); the registers filter with a principal that
// does not count and count the page they send.

// record is what the policy needs of a row: views.Meta gives its operation
// and classification.
type record interface {
	Record() (uuid.UUID, domain.Classification)
}

// row is a register row: a record with its place (views.Meta's OrderKey),
// which a cursor names.
type row interface {
	record
	OrderKey() views.Key
}

// seen applies the policy to one row; recordedBy is the actor who recorded
// the row's compliance report, if any.
func seen[T record](p auth.Principal, r T, recordedBy string) (T, bool) {
	reader := p.Reader()
	op, class := r.Record()
	if !reader.SeesRecord(op, class) {
		var zero T
		return zero, false
	}
	reader.Redact(&r, recordedBy)
	noteReleased(p, class)
	return r, true
}

// VisibleOperation: officers see their operations only.
func VisibleOperation(p auth.Principal, o views.Operation) (views.Operation, bool) {
	return seen(p, o, "")
}

// VisibleActionPoint hides a named owner from roles that see no personal data.
func VisibleActionPoint(p auth.Principal, a views.ActionPoint) (views.ActionPoint, bool) {
	return seen(p, a, "")
}

// VisibleDecision is the policy for a decision.
func VisibleDecision(p auth.Principal, d views.Decision) (views.Decision, bool) {
	return seen(p, d, "")
}

// VisibleIssue hides the reporter from everyone but reviewers and whoever
// recorded the report; analysts see no reporter and no confidential issue.
func VisibleIssue(p auth.Principal, i views.Issue) (views.Issue, bool) {
	return seen(p, i, i.ReportedBy)
}

// VisibleComponent is the policy for a component.
func VisibleComponent(p auth.Principal, x views.Component) (views.Component, bool) {
	return seen(p, x, "")
}

// VisibleContact leaves the function and component, not the person, to
// roles that see no personal data.
func VisibleContact(p auth.Principal, x views.Contact) (views.Contact, bool) {
	return seen(p, x, "")
}

// VisibleEscalation is the policy for an escalation, as restricted as its
// subject.
func VisibleEscalation(p auth.Principal, e views.Escalation) (views.Escalation, bool) {
	return seen(p, e, "")
}

// VisibleMechanism is the policy for a mechanism.
func VisibleMechanism(p auth.Principal, m views.Mechanism) (views.Mechanism, bool) {
	return seen(p, m, "")
}

// VisibleMeeting is the policy for a meeting.
func VisibleMeeting(p auth.Principal, m views.Meeting) (views.Meeting, bool) {
	return seen(p, m, "")
}

// VisibleLesson is the policy for a lesson.
func VisibleLesson(p auth.Principal, l views.Lesson) (views.Lesson, bool) {
	return seen(p, l, "")
}
