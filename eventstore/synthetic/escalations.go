package synthetic

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// escalationsAndLessons escalates some issues and action points and
// records the lessons of the operation.
func (o *opState) escalationsAndLessons() []Record {
	rng := o.g.rng
	var out []Record
	for _, id := range o.issues {
		if chance(rng, 40) {
			out = append(out, o.escalation(domain.KindCompliance, id))
		}
	}
	for _, id := range o.actions {
		if chance(rng, 5) {
			out = append(out, o.escalation(domain.KindActionPoint, id))
		}
	}
	for range 1 + len(o.decisions)/5 {
		out = append(out, o.lesson())
	}
	if len(o.persons) > 0 && chance(rng, 30) {
		out = append(out, o.erasure(o.persons[rng.IntN(len(o.persons))]))
	}
	return out
}

// erasure erases a contact's personal data; it belongs to no operation.
func (o *opState) erasure(person uuid.UUID) Record {
	r := o.later(domain.KindPerson, 90)
	r.ref.ID, r.out.Stream, r.opID = person, domain.Ref{Kind: domain.KindPerson, ID: person}.Stream(), uuid.Nil
	r.add(domain.PersonErased{Reason: "data subject's request", RequestRef: "DPR-1"})
	return r.out
}

func (o *opState) escalation(kind domain.Kind, subject uuid.UUID) Record {
	rng := o.g.rng
	r := o.later(domain.KindEscalation, 60)
	rung := rng.IntN(2)
	r.add(domain.EscalationRaised{SubjectKind: kind, SubjectID: subject, Rung: o.ladder[rung].Key,
		BodyName: o.ladder[rung].Name, Reason: "not solved at working level"})
	if chance(rng, 75) {
		r.add(domain.EscalationAcknowledged{Note: "on the agenda"})
	}
	if chance(rng, 25) {
		r.add(domain.EscalationEscalated{FromRung: o.ladder[rung].Key, Rung: o.ladder[rung+1].Key,
			BodyName: o.ladder[rung+1].Name, Reason: "no agreement"})
	}
	if chance(rng, 60) {
		r.add(domain.EscalationAnswered{Answer: "the appeal is withdrawn"})
		if chance(rng, 80) {
			r.add(domain.EscalationResolved{Note: "closed"})
		}
	}
	r.correct(`{"reason":"could not be solved at working level"}`)
	return r.out
}

var sources = []domain.LessonSource{domain.SourceJointReview, domain.SourceRTE, domain.SourceQuestionnaire}

var responses = domain.Values[domain.Response]()

func (o *opState) lesson() Record {
	rng := o.g.rng
	r := o.later(domain.KindLesson, 90)
	r.add(domain.LessonRecorded{Source: sources[rng.IntN(len(sources))], Observation: "Meetings too long",
		Recommendation: "Circulate papers 48 hours ahead"})
	if len(o.decisions) > 0 {
		r.add(domain.LessonLinked{TargetKind: domain.KindDecision, TargetID: o.decisions[rng.IntN(len(o.decisions))]})
	}
	if chance(rng, 60) {
		r.add(domain.LessonResponded{Response: responses[rng.IntN(3)], Note: "will do", ResponderComponentID: o.pick()})
	}
	return r.out
}
