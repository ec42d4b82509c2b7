package web

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
)

// conflictRow is one conflict side by side: the value the record keeps
// (theirs) and the offline change that met it (mine), with who and when.
type conflictRow struct {
	Record     domain.Ref
	EventID    uuid.UUID
	Field      domain.ChangedField
	Mine       side
	Theirs     side
	Resolved   *domain.ConflictResolved
	ResolvedBy domain.Actor
	Key        string // the resolve form's idempotency key
}

// side is one value of a conflict.
type side struct {
	What string // a command name (mine) or an event type (theirs)
	Due  time.Time
	Text string // minutes, a reason or a note, as typed
	By   domain.Actor
	At   time.Time
}

type conflictsData struct {
	Open, Resolved []conflictRow
	Record         string // the record the list is narrowed to (?record=), if any
}

// conflictsPage lists the operation's conflicts, open ones first; ?record=
// narrows it to one record (the record's page links here).
func (w *Web) conflictsPage(c echo.Context) error { return w.renderConflicts(c, http.StatusOK, nil) }

// renderConflicts shows the list, with the problem a choice met, if any.
func (w *Web) renderConflicts(c echo.Context, status int, problem error) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	only, _ := uuid.Parse(c.QueryParam("record"))
	rows, err := w.conflicts(c.Request().Context(), set.Audit, pr, o.ID, only)
	if err != nil {
		return err
	}
	p := w.page(c, "conflicts.title")
	p.inOperation(o, c.Request().URL.Path)
	if problem != nil {
		p.Errors = []string{p.problem(problem)}
	}
	d := conflictsData{Record: c.QueryParam("record")}
	for _, r := range rows {
		if r.Resolved == nil {
			d.Open = append(d.Open, r)
		} else {
			d.Resolved = append(d.Resolved, r)
		}
	}
	p.Data = d
	return w.render(c, status, "conflicts", p)
}

// conflicts finds the records of the operation the reader sees that hold a
// conflict (the audit trail) and reads each one's conflicts from the record
// itself, through the application service.
func (w *Web) conflicts(ctx context.Context, trail *audit.Trail, pr auth.Principal, op, only uuid.UUID) ([]conflictRow, error) {
	var rows []conflictRow
	for _, ref := range recordsWithConflicts(trail, pr, op) {
		if only != uuid.Nil && ref.ID != only {
			continue
		}
		agg, err := w.cfg.Service.Load(ctx, ref)
		if err != nil {
			return nil, err
		}
		for _, k := range domain.Conflicts(agg) {
			rows = append(rows, rowOf(ref, k))
		}
	}
	return rows, nil
}

var conflictType = domain.ConflictRecorded{}.EventType()

// recordsWithConflicts walks the operation's trail once for conflict events.
func recordsWithConflicts(trail *audit.Trail, pr auth.Principal, op uuid.UUID) []domain.Ref {
	var refs []domain.Ref
	seen := map[domain.Ref]bool{}
	page := audit.Page{Limit: 5000, Sees: inOperation(pr, op)}
	for {
		res := trail.Window(time.Unix(0, 0), time.Unix(1<<33, 0), false, page) // every recorded time UnixNano can hold
		for _, r := range res.Records {
			if r.Type == conflictType && !seen[r.Record] {
				seen[r.Record] = true
				refs = append(refs, r.Record)
			}
		}
		if res.Next == 0 {
			return refs
		}
		page.After = res.Next
	}
}

func rowOf(ref domain.Ref, k domain.Conflict) conflictRow {
	r := k.Recorded
	row := conflictRow{Record: ref, EventID: k.Event.ID, Field: r.Field, Resolved: k.Resolved, ResolvedBy: k.By,
		Key:    newFormKey(),
		Mine:   sideOf(r.Command, r.Proposed, k.Event.Envelope.Actor, k.Event.Envelope.OccurredAt),
		Theirs: sideOf(r.TheirsType, r.Theirs, r.TheirsBy, r.TheirsAt)}
	return row
}

// sideOf reads the fields a person compares: the due date and the text.
func sideOf(what string, fields json.RawMessage, by domain.Actor, at time.Time) side {
	var v struct {
		DueAt   time.Time `json:"due_at"`
		To      time.Time `json:"to"`
		Minutes string    `json:"minutes"`
		Reason  string    `json:"reason"`
		Note    string    `json:"note"`
	}
	_ = json.Unmarshal(fields, &v) // decided valid; a field absent stays empty
	s := side{What: what, By: by, At: at, Due: v.DueAt, Text: v.Minutes}
	if s.Due.IsZero() {
		s.Due = v.To
	}
	for _, t := range []string{v.Reason, v.Note} {
		if s.Text == "" {
			s.Text = t
		}
	}
	return s
}
