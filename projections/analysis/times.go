package analysis

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/projections/views"
)

// EscalationToResolution measures, for every resolved escalation of an
// operation, the occurred time from raising to resolution, grouped by the
// subject's category (the compliance category, or the subject kind), by the
// body that resolved it (its last rung) and by the component concerned.
func EscalationToResolution(esc *views.Escalations, op uuid.UUID) Breakdown {
	var samples []sample
	for _, x := range esc.List(op, false) {
		if x.Pending() {
			continue
		}
		samples = append(samples, sample{d: x.ResolvedAt.Sub(x.CreatedAt), category: x.Category,
			body: x.Rung, comp: componentKey(x.Component)})
	}
	return breakdown(samples)
}

// ReportToTriage measures, for every triaged compliance issue, the occurred
// time from the report to its first triage, by category and subject component.
func ReportToTriage(c *views.Compliance, op uuid.UUID) Breakdown {
	var samples []sample
	for _, i := range c.List(op, views.IssueFilter{}) {
		if i.TriagedAt.IsZero() {
			continue
		}
		samples = append(samples, sample{d: i.TriagedAt.Sub(i.CreatedAt), category: string(i.Category),
			comp: componentKey(i.SubjectComponentID)})
	}
	return breakdown(samples)
}

// MinutesLag measures, per mechanism, the time from a meeting to its first
// circulated minutes.
func MinutesLag(m *views.Mechanisms, op uuid.UUID) map[uuid.UUID]Durations {
	lags := map[uuid.UUID][]time.Duration{}
	for _, mt := range m.Meetings(op, uuid.Nil) {
		if lag, ok := mt.MinutesLag(); ok {
			lags[mt.MechanismID] = append(lags[mt.MechanismID], lag)
		}
	}
	out := make(map[uuid.UUID]Durations, len(lags))
	for id, ds := range lags {
		out[id] = Summarise(ds)
	}
	return out
}

// componentKey keys a group by component id; "none" when there is none.
func componentKey(id uuid.UUID) string {
	if id == uuid.Nil {
		return "none"
	}
	return id.String()
}
