package analysis_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/analysis"
)

func TestEscalationToResolution(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	a, b := uuid.New(), uuid.New()
	i1 := s.create(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatEmblem, SubjectComponentID: a, Severity: domain.SevLow})
	i2 := s.create(domain.KindCompliance, T, domain.ComplianceReported{Category: domain.CatFraud, SubjectComponentID: b, Severity: domain.SevHigh})
	ap := s.create(domain.KindActionPoint, T, domain.ActionPointRaised{Title: "x", Owner: domain.Owner{ComponentID: a}})
	raise := func(kind domain.Kind, subject uuid.UUID, at float64) uuid.UUID {
		return s.create(domain.KindEscalation, day(at), domain.EscalationRaised{SubjectKind: kind, SubjectID: subject, Rung: "twg", BodyName: "TWG"})
	}
	resolve := func(id uuid.UUID, at float64) {
		s.on(domain.KindEscalation, id, day(at), domain.EscalationResolved{Note: "ok"})
	}

	e1 := raise(domain.KindCompliance, i1, 0) // emblem, twg, A: 48h
	resolve(e1, 2)
	e2 := raise(domain.KindCompliance, i1, 0) // emblem, opscom, A: 120h
	s.on(domain.KindEscalation, e2, day(1), domain.EscalationEscalated{FromRung: "twg", Rung: "opscom", BodyName: "Ops"})
	resolve(e2, 5)
	e3 := raise(domain.KindCompliance, i2, 1) // fraud, twg, B: 24h
	resolve(e3, 2)
	e4 := raise(domain.KindActionPoint, ap, 0) // actionpoint, twg, A: 240h
	resolve(e4, 10)
	raise(domain.KindCompliance, i2, 0) // pending: not measured

	got := s.figures(everyone).EscalationToResolution()
	d := func(n int, med, p90 int) analysis.Durations {
		return analysis.Durations{Count: n, MedianS: secs(hours(med)), P90S: secs(hours(p90))}
	}
	// all sorted 24,48,120,240: median rank 2 -> 48; p90 rank ceil(3.6)=4 -> 240
	require.Equal(t, d(4, 48, 240), got.All)
	// emblem 48,120: median rank 1 -> 48; p90 rank ceil(1.8)=2 -> 120
	require.Equal(t, map[string]analysis.Durations{"emblem": d(2, 48, 120), "fraud": d(1, 24, 24), "actionpoint": d(1, 240, 240)}, got.ByCategory)
	// twg 24,48,240: median rank 2 -> 48; p90 rank ceil(2.7)=3 -> 240
	named := func(d analysis.Durations, name string) analysis.Durations { d.Name = name; return d }
	require.Equal(t, map[string]analysis.Durations{"twg": named(d(3, 48, 240), "TWG"), "opscom": named(d(1, 120, 120), "Ops")}, got.ByBody)
	// A 48,120,240: median rank 2 -> 120; p90 rank 3 -> 240
	require.Equal(t, map[string]analysis.Durations{a.String(): d(3, 120, 240), b.String(): d(1, 24, 24)}, got.ByComponent)
}

func TestReportToTriage(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	a, b := uuid.New(), uuid.New()
	report := func(cat domain.Category, subject uuid.UUID, at float64) uuid.UUID {
		return s.create(domain.KindCompliance, day(at), domain.ComplianceReported{Category: cat, SubjectComponentID: subject, Severity: domain.SevLow})
	}
	triage := func(id uuid.UUID, at float64) {
		s.on(domain.KindCompliance, id, day(at), domain.ComplianceTriaged{Severity: domain.SevMedium, Note: "seen"})
	}
	i1 := report(domain.CatEmblem, a, 0)
	triage(i1, 0.25) // 6h
	triage(i1, 1.25) // a second triage does not count
	i2 := report(domain.CatFraud, b, 1)
	triage(i2, 1.75)               // 18h
	report(domain.CatEmblem, b, 0) // never triaged: not measured
	i4 := report(domain.CatEmblem, a, 2)
	triage(i4, 2+2.0/24) // 2h

	got := s.figures(everyone).ReportToTriage()
	d := func(n int, med, p90 int) analysis.Durations {
		return analysis.Durations{Count: n, MedianS: secs(hours(med)), P90S: secs(hours(p90))}
	}
	// all 2,6,18: median rank 2 -> 6; p90 rank 3 -> 18
	require.Equal(t, d(3, 6, 18), got.All)
	// emblem 2,6: median rank 1 -> 2; p90 rank 2 -> 6
	require.Equal(t, map[string]analysis.Durations{"emblem": d(2, 2, 6), "fraud": d(1, 18, 18)}, got.ByCategory)
	require.Equal(t, map[string]analysis.Durations{a.String(): d(2, 2, 6), b.String(): d(1, 18, 18)}, got.ByComponent)
	require.Nil(t, got.ByBody)
}

func TestMinutesLag(t *testing.T) {
	t.Parallel()
	s := newScenario(t)
	mech := uuid.New()
	meeting := func(held float64, circulated float64) {
		id := s.create(domain.KindMeeting, day(held), domain.MeetingScheduled{MechanismID: mech, Title: "w"})
		s.on(domain.KindMeeting, id, day(held), domain.MeetingHeld{HeldAt: day(held)})
		if circulated > 0 {
			s.on(domain.KindMeeting, id, day(circulated), domain.MeetingMinutesCirculated{Minutes: "m", Draft: 1})
		}
	}
	meeting(0, 2)  // 48h
	meeting(7, 8)  // 24h
	meeting(14, 0) // no minutes yet: not measured
	// 24,48: median rank 1 -> 24; p90 rank 2 -> 48
	require.Equal(t, map[uuid.UUID]analysis.Durations{mech: {Count: 2, MedianS: secs(hours(24)), P90S: secs(hours(48))}},
		s.figures(everyone).MinutesLag())
}
