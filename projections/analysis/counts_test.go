package analysis_test

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/analysis"
)

func TestOverduePerComponentAtADate(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	a, b := uuid.New(), uuid.New()
	raise := func(owner uuid.UUID, due float64) uuid.UUID {
		return s.create(domain.KindActionPoint, T, domain.ActionPointRaised{Title: "x", Owner: domain.Owner{ComponentID: owner}, DueAt: day(due)})
	}
	raise(a, 10)       // AP1: open, due day 10
	raise(a, 30)       // AP2: due day 30
	ap3 := raise(a, 5) // AP3: completed day 15
	s.on(domain.KindActionPoint, ap3, day(15), domain.ActionPointCompleted{})
	ap4 := raise(b, 10) // AP4: due moved to day 25 on day 9: slipped 15 days
	s.on(domain.KindActionPoint, ap4, day(9), domain.ActionPointDueDateChanged{From: day(10), To: day(25), Reason: "access"})
	ap5 := raise(b, 3) // AP5: cancelled day 4
	s.on(domain.KindActionPoint, ap5, day(4), domain.ActionPointCancelled{Reason: "moot"})
	ap6 := raise(b, 8) // AP6: blocked, due day 8
	s.on(domain.KindActionPoint, ap6, day(6), domain.ActionPointBlocked{Reason: "fuel"})

	// day 20: A has AP1 (AP3 was closed on day 15); B has AP6 (AP4 now due day 25)
	require.Equal(t, map[uuid.UUID]analysis.ComponentActions{
		a: {Overdue: 1},
		b: {Overdue: 1, Slipped: 1, SlippageS: secs(15 * 24 * time.Hour)},
	}, s.figures(everyone).OverduePerComponent(day(20)))
	// day 12: A has AP1 and AP3 (due day 5, still open until day 15); B has AP6 only
	require.Equal(t, map[uuid.UUID]analysis.ComponentActions{
		a: {Overdue: 2},
		b: {Overdue: 1, Slipped: 1, SlippageS: secs(15 * 24 * time.Hour)},
	}, s.figures(everyone).OverduePerComponent(day(12)))
}

func TestCompletionPerMechanism(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	m1, m2 := uuid.New(), uuid.New()
	d1 := s.create(domain.KindDecision, T, domain.DecisionProposed{MechanismID: m1, Title: "d"})
	mt := s.create(domain.KindMeeting, T, domain.MeetingScheduled{MechanismID: m2, Title: "m"})
	ap := func(decision, meeting uuid.UUID, then domain.Payload) {
		id := s.create(domain.KindActionPoint, day(1), domain.ActionPointRaised{DecisionID: decision, MeetingID: meeting, Title: "x"})
		if then != nil {
			s.on(domain.KindActionPoint, id, day(2), then)
		}
	}
	ap(d1, uuid.Nil, domain.ActionPointCompleted{})
	ap(d1, uuid.Nil, domain.ActionPointVerified{})
	ap(d1, uuid.Nil, nil)
	ap(d1, uuid.Nil, domain.ActionPointCancelled{Reason: "moot"})
	ap(uuid.Nil, mt, nil)
	ap(uuid.Nil, mt, domain.ActionPointCompleted{})
	// m1: 2 done of 3 not cancelled; m2: 1 of 2
	require.Equal(t, map[uuid.UUID]analysis.Completion{
		m1: {Total: 3, Completed: 2, Rate: 0.667}, // 2 of 3, three decimals
		m2: {Total: 2, Completed: 1, Rate: 0.5},
	}, s.figures(everyone).CompletionPerMechanism())
}

func TestStalledDecisions(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	mech := uuid.New()
	adopted := func() uuid.UUID {
		id := s.create(domain.KindDecision, T, domain.DecisionProposed{MechanismID: mech, Title: "d"})
		s.on(domain.KindDecision, id, T, domain.DecisionAdopted{Procedure: domain.ProcedureMeeting})
		return id
	}
	withAction := func(d uuid.UUID, lastMove float64, final domain.Payload) {
		ap := s.create(domain.KindActionPoint, day(1), domain.ActionPointRaised{DecisionID: d, Title: "x"})
		if final == nil {
			final = domain.ActionPointProgressReported{Percent: 30, Note: "n"}
		}
		s.on(domain.KindActionPoint, ap, day(lastMove), final)
	}
	d1 := adopted() // in force, no action points
	d2 := adopted() // open action point, last moved day 10
	withAction(d2, 10, nil)
	d3 := adopted() // moved on day 25
	withAction(d3, 25, nil)
	d4 := adopted() // its only action point is completed
	withAction(d4, 5, domain.ActionPointCompleted{})
	s.create(domain.KindDecision, T, domain.DecisionProposed{MechanismID: mech, Title: "only proposed"})
	d6 := adopted()
	s.on(domain.KindDecision, d6, day(2), domain.DecisionRescinded{Reason: "moot"})

	// at day 30 with N = 7 the cutoff is day 23: d2 (day 10) is stalled, d3 (day 25) is not
	require.Equal(t, analysis.Stalled{NoActionPoints: []analysis.Named{{ID: d1, Title: "d"}}, NoProgress: []analysis.Named{{ID: d2, Title: "d"}}},
		s.figures(everyone).StalledDecisions(day(30), 7))
}

func TestRepeatIssuesAndUnansweredRecommendations(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	a, b, c := uuid.New(), uuid.New(), uuid.New()
	flag := func(subject uuid.UUID, cat domain.Category) {
		s.create(domain.KindCompliance, T, domain.ComplianceReported{Category: cat, SubjectComponentID: subject, Severity: domain.SevLow})
	}
	flag(a, domain.CatEmblem)
	flag(a, domain.CatEmblem)
	flag(a, domain.CatFraud)
	flag(b, domain.CatEmblem)
	flag(c, domain.CatFraud)
	flag(c, domain.CatFraud)
	flag(c, domain.CatFraud)
	// A: 3 issues in 2 categories -> 1 repeat; B: 1 -> 0; C: 3 in 1 -> 2
	require.Equal(t, map[uuid.UUID]analysis.Repeats{
		a: {Issues: 3, Repeats: 1, ByCategory: map[domain.Category]int{domain.CatEmblem: 2, domain.CatFraud: 1}},
		b: {Issues: 1, Repeats: 0, ByCategory: map[domain.Category]int{domain.CatEmblem: 1}},
		c: {Issues: 3, Repeats: 2, ByCategory: map[domain.Category]int{domain.CatFraud: 3}},
	}, s.figures(everyone).RepeatIssues())

	l1 := s.create(domain.KindLesson, T, domain.LessonRecorded{Observation: "o", Recommendation: "r"})
	l2 := s.create(domain.KindLesson, day(1), domain.LessonRecorded{Observation: "o", Recommendation: "r"})
	s.on(domain.KindLesson, l2, day(2), domain.LessonResponded{Response: domain.ResponseAccepted, Note: "ok"})
	s.create(domain.KindLesson, day(1), domain.LessonRecorded{Observation: "no recommendation"})
	got := s.figures(everyone).RecommendationsWithoutResponse()
	require.Len(t, got, 1)
	require.Equal(t, l1, got[0].ID)
}
