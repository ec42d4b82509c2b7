// Package readmodel bundles every view of the ledger: the registers, the
// audit trail and timelines. Set is one consistent collection of view
// instances (live from a Runner, or built for an as-of date); Factories
// registers them with a Runner.
//
// Usage from a server:
//
//	r := readmodel.NewRunner(store)
//	go r.Run(ctx)                        // catch up, then follow the log
//	r.NoteHead(res.Position)             // after an append, for honest lag
//	err := r.WaitFor(ctx, res.Position)  // read your own write (bounded by ctx)
//	set, err := readmodel.Current(r)     // once per request
//	set.Actions.List(op, views.ActionFilter{OverdueAt: time.Now()})
//	r.Status(); r.Ready()                // readiness and metrics
//	r.Rebuild(ctx, views.DecisionsName)  // replay one view from zero and swap it in
//
// As-of sets come from package asof; figures from package analysis.
package readmodel

import (
	"errors"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/views"
)

// Set holds one instance of every view.
type Set struct {
	Operations  *views.Operations
	Components  *views.Components
	Contacts    *views.Contacts
	Mechanisms  *views.Mechanisms
	Decisions   *views.Decisions
	Actions     *views.Actions
	Compliance  *views.Compliance
	Escalations *views.Escalations
	Lessons     *views.Lessons
	Audit       *audit.Trail
	FollowUp    *followup.View
}

// NewSet returns a set of empty views.
func NewSet() *Set {
	return &Set{
		Operations: views.NewOperations(), Components: views.NewComponents(), Contacts: views.NewContacts(),
		Mechanisms: views.NewMechanisms(), Decisions: views.NewDecisions(), Actions: views.NewActions(),
		Compliance: views.NewCompliance(), Escalations: views.NewEscalations(), Lessons: views.NewLessons(),
		Audit: audit.New(), FollowUp: followup.NewView(),
	}
}

// All lists the set's views as projections, in a fixed order.
func (s *Set) All() []projections.Projection {
	return []projections.Projection{s.Operations, s.Components, s.Contacts, s.Mechanisms, s.Decisions,
		s.Actions, s.Compliance, s.Escalations, s.Lessons, s.Audit, s.FollowUp}
}

// Factories makes a fresh view of each kind: what a Runner rebuilds from.
func Factories() []projections.Factory {
	return []projections.Factory{
		func() projections.Projection { return views.NewOperations() },
		func() projections.Projection { return views.NewComponents() },
		func() projections.Projection { return views.NewContacts() },
		func() projections.Projection { return views.NewMechanisms() },
		func() projections.Projection { return views.NewDecisions() },
		func() projections.Projection { return views.NewActions() },
		func() projections.Projection { return views.NewCompliance() },
		func() projections.Projection { return views.NewEscalations() },
		func() projections.Projection { return views.NewLessons() },
		func() projections.Projection { return audit.New() },
		func() projections.Projection { return followup.NewView() },
	}
}

// NewRunner returns a Runner that keeps every view of the ledger.
func NewRunner(store eventstore.Store) *projections.Runner {
	return projections.NewRunner(store, Factories()...)
}

// Current returns the instances a Runner serves right now. Take it once per
// request: a rebuild swaps instances, and a Set taken earlier keeps the old.
func Current(r *projections.Runner) (*Set, error) {
	var errs []error
	s := &Set{
		Operations:  get[*views.Operations](r, views.OperationsName, &errs),
		Components:  get[*views.Components](r, views.ComponentsName, &errs),
		Contacts:    get[*views.Contacts](r, views.ContactsName, &errs),
		Mechanisms:  get[*views.Mechanisms](r, views.MechanismsName, &errs),
		Decisions:   get[*views.Decisions](r, views.DecisionsName, &errs),
		Actions:     get[*views.Actions](r, views.ActionsName, &errs),
		Compliance:  get[*views.Compliance](r, views.ComplianceName, &errs),
		Escalations: get[*views.Escalations](r, views.EscalationsName, &errs),
		Lessons:     get[*views.Lessons](r, views.LessonsName, &errs),
		Audit:       get[*audit.Trail](r, audit.Name, &errs),
		FollowUp:    get[*followup.View](r, followup.Name, &errs),
	}
	return s, errors.Join(errs...)
}

func get[T projections.Projection](r *projections.Runner, name string, errs *[]error) T {
	v, err := projections.Get[T](r, name)
	if err != nil {
		*errs = append(*errs, err)
	}
	return v
}
