package analysis

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/projections/views"
)

// EscalationToResolution measures, for every resolved escalation the reader
// may see, the occurred time from raising to resolution, grouped by the
// subject's category (the compliance category, or the subject kind), by the
// body that resolved it (its last rung) and by the component concerned.
func (s Scope) EscalationToResolution() Breakdown { return breakdown(s.resolutions()) }

// EscalationResolutionTimes are the durations EscalationToResolution
// summarises, one per resolved escalation the reader may see, for a
// distribution (the analysts' histogram).
func (s Scope) EscalationResolutionTimes() []time.Duration {
	samples := s.resolutions()
	out := make([]time.Duration, len(samples))
	for i, x := range samples {
		out[i] = x.d
	}
	return out
}

// resolutions measures every resolved escalation the reader may see.
func (s Scope) resolutions() []sample {
	var samples []sample
	for _, x := range s.set.Escalations.List(s.op, false) {
		if x.Pending() || !s.sees(x.Record()) {
			continue
		}
		samples = append(samples, sample{d: x.ResolvedAt.Sub(x.CreatedAt), category: x.Category,
			body: x.Rung, bodyName: x.BodyName, comp: componentKey(x.Component), compName: s.name(x.Component)})
	}
	return samples
}

// ReportToTriage measures, for every triaged compliance issue the reader
// may see, the occurred time from the report to its first triage, by
// category and subject component.
func (s Scope) ReportToTriage() Breakdown {
	var samples []sample
	for _, i := range s.set.Compliance.List(s.op, views.IssueFilter{}) {
		if i.TriagedAt.IsZero() || !s.sees(i.Record()) {
			continue
		}
		samples = append(samples, sample{d: i.TriagedAt.Sub(i.CreatedAt), category: string(i.Category),
			comp: componentKey(i.SubjectComponentID), compName: s.name(i.SubjectComponentID)})
	}
	return breakdown(samples)
}

// MinutesLag measures, per mechanism, the time from a meeting the reader
// may see to its first circulated minutes.
func (s Scope) MinutesLag() map[uuid.UUID]Durations {
	lags := map[uuid.UUID][]time.Duration{}
	for _, mt := range s.set.Mechanisms.Meetings(s.op, uuid.Nil) {
		if lag, ok := mt.MinutesLag(); ok && s.sees(mt.Record()) {
			lags[mt.MechanismID] = append(lags[mt.MechanismID], lag)
		}
	}
	out := make(map[uuid.UUID]Durations, len(lags))
	for id, ds := range lags {
		d := Summarise(ds)
		d.Name = s.name(id)
		out[id] = d
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
