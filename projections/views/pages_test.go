package views_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// A page of the unordered registers (decisions, compliance issues) must be
// the next rows of the register as List orders it: walking every page, a
// few rows at a time, gives the rows a full scan gives, whatever the filter
// and the reader's policy.

var notConfidential views.Sees = func(_ uuid.UUID, c domain.Classification) bool { return c != domain.ClassConfidential }

var everything views.Sees = func(uuid.UUID, domain.Classification) bool { return true }

// walk follows every page of limit rows from the start and returns the ids.
func walk[T any](t *testing.T, limit int, page func(after views.Key) ([]T, bool), key func(T) views.Key, id func(T) uuid.UUID) []uuid.UUID {
	t.Helper()
	var out []uuid.UUID
	after := views.Key{}
	for range 1000 {
		rows, more := page(after)
		require.LessOrEqual(t, len(rows), limit)
		for _, r := range rows {
			out = append(out, id(r))
		}
		if !more {
			return out
		}
		require.NotEmpty(t, rows, "more follow, so the page holds rows")
		after = key(rows[len(rows)-1])
	}
	t.Fatal("the pages never ended")
	return nil
}

// seenIDs is a full scan filtered by the reader's policy.
func seenIDs[T interface {
	Record() (uuid.UUID, domain.Classification)
}](rows []T, sees views.Sees, id func(T) uuid.UUID) []uuid.UUID {
	var out []uuid.UUID
	for _, r := range rows {
		if sees(r.Record()) {
			out = append(out, id(r))
		}
	}
	return out
}

var classes = []domain.Classification{domain.ClassPublic, domain.ClassMovement, domain.ClassConfidential}

func TestDecisionPagesAreTheFullScanPageByPage(t *testing.T) {
	t.Parallel()
	v := views.NewDecisions()
	f := newFold(t, v)
	rng := rand.New(rand.NewPCG(1, 2))
	mechs := []uuid.UUID{uuid.New(), uuid.New()}
	for i := range 60 {
		when := day(rng.IntN(10)) // many share a creation time: the id breaks the tie
		id, _ := f.new(domain.KindDecision, when, domain.DecisionProposed{MechanismID: mechs[i%2], Title: "t", Text: "x"})
		if i%3 == 0 {
			f.on(domain.KindDecision, id, day(11), classes[rng.IntN(len(classes))], domain.DecisionAdopted{Procedure: domain.ProcedureMeeting})
		}
	}
	filters := []views.DecisionFilter{{}, {InForce: true}, {MechanismID: mechs[1]}, {InForce: true, MechanismID: mechs[0]}}
	id := func(d views.Decision) uuid.UUID { return d.ID }
	for _, filter := range filters {
		for _, sees := range []views.Sees{everything, notConfidential} {
			for _, limit := range []int{1, 7, 100} {
				want := seenIDs(v.List(f.op, filter), sees, id)
				got := walk(t, limit, func(after views.Key) ([]views.Decision, bool) {
					return v.Page(f.op, filter, after, limit, sees)
				}, views.Decision.OrderKey, id)
				require.Equal(t, want, got, "filter %+v, limit %d", filter, limit)
			}
		}
	}
}

func TestCompliancePagesAreTheFullScanPageByPage(t *testing.T) {
	t.Parallel()
	v := views.NewCompliance()
	f := newFold(t, v)
	rng := rand.New(rand.NewPCG(3, 4))
	severities := domain.Values[domain.Severity]()
	subjects := []uuid.UUID{uuid.New(), uuid.New()}
	for i := range 60 {
		id, _ := f.new(domain.KindCompliance, day(rng.IntN(10)), domain.ComplianceReported{Category: domain.CatFraud,
			SubjectComponentID: subjects[i%2], Severity: severities[rng.IntN(len(severities))]})
		if i%4 == 0 { // triaged to another severity, and restricted
			f.on(domain.KindCompliance, id, day(11), classes[rng.IntN(len(classes))],
				domain.ComplianceTriaged{Severity: severities[rng.IntN(len(severities))], Note: "n"})
		}
	}
	filters := []views.IssueFilter{{}, {Severity: domain.SevHigh}, {SubjectComponent: subjects[0]}, {OpenOnly: true, Category: domain.CatFraud}}
	id := func(i views.Issue) uuid.UUID { return i.ID }
	for _, filter := range filters {
		for _, sees := range []views.Sees{everything, notConfidential} {
			for _, limit := range []int{1, 7, 100} {
				want := seenIDs(v.List(f.op, filter), sees, id)
				got := walk(t, limit, func(after views.Key) ([]views.Issue, bool) {
					return v.Page(f.op, filter, after, limit, sees)
				}, views.Issue.OrderKey, id)
				require.Equal(t, want, got, "filter %+v, limit %d", filter, limit)
			}
		}
	}
	all := v.List(f.op, views.IssueFilter{})
	for i := 1; i < len(all); i++ {
		require.GreaterOrEqual(t, views.SeverityRank(all[i-1].Severity), views.SeverityRank(all[i].Severity), "most severe first")
	}
}

// Given a page of two decisions, when one is proposed back-dated before the
// page's end and another after it, then the next page holds the rest and
// the new one: nothing repeated, nothing skipped.
func TestDecisionCursorSurvivesInsertsAndBackDating(t *testing.T) {
	t.Parallel()
	v := views.NewDecisions()
	f := newFold(t, v)
	propose := func(when time.Time) uuid.UUID {
		id, _ := f.new(domain.KindDecision, when, domain.DecisionProposed{MechanismID: uuid.New(), Title: "t", Text: "x"})
		return id
	}
	one, two, three := propose(day(1)), propose(day(2)), propose(day(3))
	page, more := v.Page(f.op, views.DecisionFilter{}, views.Key{}, 2, everything)
	require.True(t, more)
	require.Equal(t, []uuid.UUID{one, two}, []uuid.UUID{page[0].ID, page[1].ID})
	propose(day(0)) // back-dated: before the cursor
	four := propose(day(4))
	rest, more := v.Page(f.op, views.DecisionFilter{}, page[1].OrderKey(), 2, everything)
	require.False(t, more)
	require.Equal(t, []uuid.UUID{three, four}, []uuid.UUID{rest[0].ID, rest[1].ID})
}
