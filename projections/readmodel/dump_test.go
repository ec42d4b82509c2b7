package readmodel_test

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// dump is everything the views answer, through their query methods, so
// that two sets of views can be compared as a reader would see them.
type dump struct {
	Operations []views.Operation
	PerOp      map[uuid.UUID]opDump
	Trail      audit.Result
}

type opDump struct {
	Decisions   []views.Decision
	Actions     []views.ActionPoint
	Issues      []views.Issue
	Escalations []views.Escalation
	Components  []views.Component
	Contacts    []views.Contact
	Mechanisms  []views.Mechanism
	Meetings    []views.Meeting
	Lessons     []views.Lesson
	Timeline    audit.Timeline
}

func dumpOf(s *readmodel.Set) dump {
	d := dump{Operations: s.Operations.List(), PerOp: map[uuid.UUID]opDump{}}
	for _, o := range d.Operations {
		d.PerOp[o.ID] = opDump{
			Decisions:   s.Decisions.List(o.ID, views.DecisionFilter{}),
			Actions:     s.Actions.List(o.ID, views.ActionFilter{}),
			Issues:      s.Compliance.List(o.ID, views.IssueFilter{}),
			Escalations: s.Escalations.List(o.ID, false),
			Components:  s.Components.Map(o.ID),
			Contacts:    s.Contacts.List(o.ID, true),
			Mechanisms:  s.Mechanisms.List(o.ID),
			Meetings:    s.Mechanisms.Meetings(o.ID, uuid.Nil),
			Lessons:     s.Lessons.List(o.ID, false),
			Timeline:    s.Audit.Timeline(o.ID, audit.TimelineFilter{Limit: 1 << 30}),
		}
	}
	d.Trail = s.Audit.Window(zeroTime, farFuture, false, audit.Page{Limit: 1 << 30})
	return d
}
