package readmodel_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// live drives real commands through the application service while a Runner
// follows the store, and reads the registers after each write.
type live struct {
	t      *testing.T
	svc    *recorder.Service
	runner *projections.Runner
	op     uuid.UUID
}

func newLive(t *testing.T) *live {
	store := memory.New()
	l := &live{t: t, svc: recorder.New(store, recorder.WithClock(func() time.Time { return now })), runner: readmodel.NewRunner(store)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- l.runner.Run(ctx) }()
	t.Cleanup(func() { cancel(); require.NoError(t, <-done) })
	return l
}

func (l *live) hdr(occurred time.Time) domain.Header {
	return domain.Header{Actor: domain.Actor{ID: "officer-1", Role: "officer"}, IdempotencyKey: uuid.NewString(),
		OperationID: l.op, OccurredAt: occurred, Classification: domain.ClassMovement}
}

// do executes cmd, waits until the views have applied it, and returns it.
func (l *live) do(cmd domain.Command) recorder.Result {
	l.t.Helper()
	res, err := l.svc.Execute(context.Background(), cmd, recorder.WriteOptions{})
	require.NoError(l.t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(l.t, l.runner.WaitFor(ctx, res.Position))
	return res
}

func (l *live) views() *readmodel.Set {
	s, err := readmodel.Current(l.runner)
	require.NoError(l.t, err)
	return s
}

func days(n int) time.Time { return now.Add(time.Duration(n) * 24 * time.Hour) }

func TestRegistersFollowRealCommands(t *testing.T) {
	t.Parallel()
	l := newLive(t)
	l.op = l.do(domain.OpenOperation{Header: l.hdr(days(-30)), Name: "Floods 2026", Country: "SDN", CrisisType: "disaster",
		StartedAt: days(-30), Severity: "high"}).Ref.ID
	hns := l.do(domain.JoinComponent{Header: l.hdr(days(-29)), ID: recorder.NewID(), Name: "Sudanese RC", Kind: domain.ComponentHNS}).Ref.ID
	pns := l.do(domain.JoinComponent{Header: l.hdr(days(-29)), ID: recorder.NewID(), Name: "Norwegian RC", Kind: domain.ComponentPNS}).Ref.ID
	l.do(domain.AssignConvener{Header: l.hdr(days(-28)), ID: l.op, ComponentID: hns})
	l.do(domain.SetEscalationLadder{Header: l.hdr(days(-28)), ID: l.op, Rungs: []domain.Rung{{Key: "twg", Name: "TWG"}, {Key: "opscom", Name: "Ops committee"}}})
	l.do(domain.AddContact{Header: l.hdr(days(-28)), ID: recorder.NewID(), PersonID: uuid.New(), GivenName: "Amina", FamilyName: "Hassan", Email: "amina@example.org", ComponentID: hns})
	mech := l.do(domain.EstablishMechanism{Header: l.hdr(days(-27)), ID: recorder.NewID(), Name: "Health TWG", Level: domain.LevelTechnical, TermsOfReference: "ToR"}).Ref.ID
	l.do(domain.AddMember{Header: l.hdr(days(-27)), ID: mech, ComponentID: hns})
	meet := l.do(domain.ScheduleMeeting{Header: l.hdr(days(-21)), ID: recorder.NewID(), MechanismID: mech, Title: "Weekly", ScheduledFor: days(-20)}).Ref.ID
	l.do(domain.HoldMeeting{Header: l.hdr(days(-20)), ID: meet, Attendees: []domain.Attendee{{PersonID: uuid.New(), Name: "Amina Hassan", ComponentID: hns}}})
	l.do(domain.CirculateMinutes{Header: l.hdr(days(-18)), ID: meet, Minutes: "agreed: distribution plan"})
	dec := l.do(domain.ProposeDecision{Header: l.hdr(days(-20)), ID: recorder.NewID(), MechanismID: mech, MeetingID: meet, Title: "Plan", Text: "Adopt plan"})
	l.do(domain.AdoptDecision{Header: l.hdr(days(-20)), ID: dec.Ref.ID, MeetingID: meet, AgreedBy: []uuid.UUID{hns}})
	ap := l.do(domain.RaiseActionPoint{Header: l.hdr(days(-20)), ID: recorder.NewID(), DecisionID: dec.Ref.ID, Title: "Deploy teams",
		Owner: domain.Owner{ComponentID: pns}, DueAt: days(-10)}).Ref.ID
	l.do(domain.ReportProgress{Header: l.hdr(days(-12)), ID: ap, Percent: 40, Note: "half"})
	issue := l.do(domain.ReportIssue{Header: l.hdr(days(-15)), ID: recorder.NewID(), Category: domain.CatEmblem, SubjectComponentID: pns,
		Severity: domain.SevHigh, Summary: "logo misuse", RuleReference: "Emblem regulations art. 3"}).Ref.ID
	l.do(domain.TriageIssue{Header: l.hdr(days(-14)), ID: issue, Severity: domain.SevCritical, Note: "confirmed"})
	esc := l.do(domain.RaiseEscalation{Header: l.hdr(days(-13)), ID: recorder.NewID(), SubjectKind: domain.KindCompliance, SubjectID: issue, Rung: "twg", Reason: "stuck"}).Ref.ID
	l.do(domain.RecordLesson{Header: l.hdr(days(-1)), ID: recorder.NewID(), Source: domain.SourceRTE, Observation: "late minutes", Recommendation: "48h rule"})
	// the decision's title was mistyped: correct its first event
	first := l.views().Audit.Entity(domain.Ref{Kind: domain.KindDecision, ID: dec.Ref.ID}, audit.Page{}).Records[0]
	fix := l.do(domain.CorrectEvent{Header: l.hdr(days(0)), Record: domain.Ref{Kind: domain.KindDecision, ID: dec.Ref.ID},
		EventID: first.EventID, Reason: "typo", Changes: json.RawMessage(`{"title":"Distribution plan"}`)})

	v := l.views()
	ds := v.Decisions.List(l.op, views.DecisionFilter{InForce: true})
	require.Len(t, ds, 1)
	require.Equal(t, "Distribution plan", ds[0].Title, "views show the corrected value")
	require.Equal(t, []views.LinkedAction{{ID: ap, State: domain.APInProgress, Percent: 40, LastProgressAt: days(-12)}}, ds[0].ActionPoints)

	overdue := v.Actions.List(l.op, views.ActionFilter{OverdueAt: now})
	require.Len(t, overdue, 1, "due ten days ago and still open")
	require.Equal(t, mech, overdue[0].MechanismID)
	require.Empty(t, v.Actions.List(l.op, views.ActionFilter{OverdueAt: days(-11)}), "not yet overdue eleven days ago")
	require.Len(t, v.Actions.ByOwner(l.op, views.ActionFilter{OpenOnly: true})[pns], 1)

	open := v.Compliance.OpenBySeverity(l.op)
	require.Len(t, open[domain.SevCritical], 1)
	require.Equal(t, 15*24*time.Hour, open[domain.SevCritical][0].AgeAt(now))

	pending := v.Escalations.PendingByBody(l.op)
	require.Len(t, pending["twg"], 1)
	require.Equal(t, esc, pending["twg"][0].ID)
	require.Equal(t, string(domain.CatEmblem), pending["twg"][0].Category)
	require.Equal(t, pns, pending["twg"][0].Component)

	comps := v.Components.Map(l.op)
	require.Len(t, comps, 2)
	require.Equal(t, "Norwegian RC", comps[0].Name)
	require.True(t, comps[1].Convener, "the HNS convenes")
	require.Len(t, v.Contacts.List(l.op, false), 1)
	meetings := v.Mechanisms.Meetings(l.op, mech)
	require.Len(t, meetings, 1)
	lag, ok := meetings[0].MinutesLag()
	require.True(t, ok)
	require.Equal(t, 2*24*time.Hour, lag)
	require.Len(t, v.Lessons.List(l.op, true), 1)

	trail := v.Audit.Entity(domain.Ref{Kind: domain.KindDecision, ID: dec.Ref.ID}, audit.Page{})
	require.Len(t, trail.Records, 3)
	require.Equal(t, []uint64{fix.Position}, trail.Records[0].CorrectedBy, "the audit trail links the original to its correction")
	require.Equal(t, trail.Records[0].Position, trail.Records[2].Corrects)
	require.Equal(t, "officer-1", trail.Records[2].Actor.ID)

	tl := v.Audit.Timeline(l.op, audit.TimelineFilter{Kinds: []domain.Kind{domain.KindCompliance, domain.KindEscalation}})
	require.Equal(t, 3, tl.Total)
	require.Equal(t, []string{"compliance.reported.v1", "compliance.triaged.v1", "escalation.raised.v1"},
		[]string{tl.Records[0].Type, tl.Records[1].Type, tl.Records[2].Type}, "in occurred order")
	require.Equal(t, pns, tl.Records[2].Component, "an escalation concerns its subject's component")
	tech := v.Audit.Timeline(l.op, audit.TimelineFilter{Level: domain.LevelTechnical, From: days(-20), To: days(-19)})
	require.Equal(t, 4, tech.Total, "on day -20 at technical level: the meeting held, the decision proposed and adopted, its action point raised")
}
