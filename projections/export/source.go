package export

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// Source is where an export reads its rows. The command line reads every
// record of the views (AllRows) and lets the audience decide; the HTTP API
// passes the rows its reader may see, filtered and redacted by the same
// functions its registers use, so an export never shows more, or less, than
// the register it was downloaded from.
type Source interface {
	ActionPoints() []views.ActionPoint
	Decisions() []views.Decision
	Issues() []views.Issue
	Escalations() []views.Escalation
	Contacts() []views.Contact
	Components() []views.Component
	Timeline() []audit.Record
}

// AllRows is every record of operation op in the views, unfiltered.
func AllRows(set *readmodel.Set, op uuid.UUID) Source { return allRows{set, op} }

type allRows struct {
	set *readmodel.Set
	op  uuid.UUID
}

func (a allRows) ActionPoints() []views.ActionPoint {
	return a.set.Actions.List(a.op, views.ActionFilter{})
}
func (a allRows) Decisions() []views.Decision {
	return a.set.Decisions.List(a.op, views.DecisionFilter{})
}
func (a allRows) Issues() []views.Issue {
	return a.set.Compliance.List(a.op, views.IssueFilter{})
}
func (a allRows) Escalations() []views.Escalation { return a.set.Escalations.List(a.op, false) }
func (a allRows) Contacts() []views.Contact       { return a.set.Contacts.List(a.op, false) }
func (a allRows) Components() []views.Component   { return a.set.Components.Map(a.op) }
func (a allRows) Timeline() []audit.Record {
	return WholeTimeline(a.set.Audit, a.op, audit.TimelineFilter{})
}

// WholeTimeline is every record of the timeline that matches f, whatever
// f's page: an export is the filtered view, not one screen of it.
func WholeTimeline(trail *audit.Trail, op uuid.UUID, f audit.TimelineFilter) []audit.Record {
	var out []audit.Record
	f.Offset, f.Limit = 0, 1000
	for {
		page := trail.Timeline(op, f)
		out = append(out, page.Records...)
		if f.Offset += len(page.Records); len(page.Records) == 0 || f.Offset >= page.Total {
			return out
		}
	}
}

// admitAll is the gate of rows a caller already filtered for its reader.
func admitAll(domain.Classification) bool { return true }
