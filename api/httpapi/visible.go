package httpapi

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
	"github.com/movementcoord/ledger/projections/views"
)

// The register rows a principal may see, and what of them. The JSON
// handlers and the web pages (api/web) both call Visible, so a page never
// shows what the API would withhold. It is the visibility policy
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

// reported is a row about a report (a compliance issue): whoever recorded
// the report may know who made it.
type reported interface {
	RecordedBy() string
}

// Visible is the policy applied to one row, as principal p may see it.
func Visible[T record](p auth.Principal, r T) (T, bool) {
	return visibleTo(p, p.Reader(), r)
}

// visibleTo is Visible with the principal's reader worked out once.
func visibleTo[T record](p auth.Principal, reader visibility.Reader, r T) (T, bool) {
	if !released(p, reader, &r) {
		var zero T
		return zero, false
	}
	return r, true
}

// keepPage is the rows of a page the reader may see, as it may see them:
// rows the cut copied out, kept and redacted in place. An empty page is an
// empty list, never null.
func keepPage[T record](p auth.Principal, reader visibility.Reader, rows []T) []T {
	kept := make([]T, 0)
	if rows != nil {
		kept = rows[:0]
	}
	for i := range rows {
		if released(p, reader, &rows[i]) {
			kept = append(kept, rows[i])
		}
	}
	return kept
}

// released applies the policy to the row r points to: false if the reader
// may not see it, else it redacts the row and counts it as released.
func released[T record](p auth.Principal, reader visibility.Reader, r *T) bool {
	op, class := (*r).Record()
	if !reader.SeesRecord(op, class) {
		return false
	}
	recordedBy := ""
	if x, ok := any(r).(reported); ok {
		recordedBy = x.RecordedBy()
	}
	reader.Redact(r, recordedBy)
	noteReleased(p, class)
	return true
}

// The policy by register, under the names the web pages use.
var (
	VisibleOperation   = Visible[views.Operation]
	VisibleActionPoint = Visible[views.ActionPoint]
	VisibleDecision    = Visible[views.Decision]
	VisibleIssue       = Visible[views.Issue] // the reporter only to reviewers and whoever recorded the report
	VisibleComponent   = Visible[views.Component]
	VisibleContact     = Visible[views.Contact] // the function and component, not the person, to roles that see no personal data
	VisibleEscalation  = Visible[views.Escalation]
	VisibleMechanism   = Visible[views.Mechanism]
	VisibleMeeting     = Visible[views.Meeting]
	VisibleLesson      = Visible[views.Lesson]
)
