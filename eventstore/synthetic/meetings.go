package synthetic

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// meetingsAndDecisions generates size meetings and the decisions they take.
func (o *opState) meetingsAndDecisions(size int) []Record {
	var out []Record
	for i := range size {
		mech := o.mechanisms[i%len(o.mechanisms)]
		m, held := o.meeting(mech, i)
		out = append(out, m)
		if !held {
			continue
		}
		for range 1 + o.g.rng.IntN(2) {
			out = append(out, o.decision(mech, m))
		}
	}
	return out
}

func (o *opState) meeting(mech uuid.UUID, i int) (Record, bool) {
	rng := o.g.rng
	r := o.later(domain.KindMeeting, 20+i)
	r.add(domain.MeetingScheduled{MechanismID: mech, Title: fmt.Sprintf("Weekly meeting %d", i), ScheduledFor: r.at, Location: "Port Sudan"})
	if chance(rng, 8) {
		r.add(domain.MeetingCancelled{Reason: "security"})
		return r.out, false
	}
	att := []domain.Attendee{{PersonID: o.g.id(), Name: "Amina Hassan", ComponentID: o.pick()}, {PersonID: o.g.id(), Name: "Jean Dupont", ComponentID: o.pick()}}
	r.add(domain.MeetingHeld{HeldAt: r.at, Attendees: att, ComponentsPresent: o.components[:3], QuorumMet: chance(rng, 90)})
	r.add(domain.MeetingMinutesCirculated{Minutes: "Minutes of the meeting: points 1 to 5 agreed.", Draft: 1})
	if chance(rng, 80) {
		r.add(domain.MeetingMinutesApproved{Draft: 1, Note: "at the next meeting"})
		if chance(rng, 5) {
			r.add(domain.MeetingMinutesCorrected{CorrectsEventID: r.out.Events[2].ID, Minutes: "Corrected minutes.", Reason: "wrong figure"})
		}
	}
	r.correct(`{"title":"Weekly coordination meeting"}`)
	o.meetings = append(o.meetings, r.ref.ID)
	o.meetingOf[r.ref.ID] = mech
	return r.out, true
}

// decision follows a decision through its lifecycle; meeting m was held.
func (o *opState) decision(mech uuid.UUID, m Record) Record {
	rng := o.g.rng
	mid, _ := domain.ParseStream(m.Stream)
	r := o.later(domain.KindDecision, 2)
	r.add(domain.DecisionProposed{MechanismID: mech, MeetingID: mid.ID, Title: "Joint distribution plan", Text: "Agree the plan.", Rationale: "avoid duplication"})
	if chance(rng, 10) {
		return r.out // still a proposal
	}
	r.add(domain.DecisionAdopted{Procedure: domain.ProcedureMeeting, MeetingID: mid.ID, AgreedBy: o.components[:2],
		Rule: string(domain.RuleConsensus)})
	switch n := rng.IntN(100); {
	case n < 15:
		r.add(domain.DecisionEndorsed{ByMechanismID: o.mechanisms[0], Note: "endorsed by the platform"})
	case n < 25:
		r.add(domain.DecisionAmended{Text: "Agree the revised plan.", Reason: "new figures"})
	case n < 30:
		r.add(domain.DecisionSuperseded{ByDecisionID: o.g.id(), Reason: "replaced"})
	case n < 33:
		r.add(domain.DecisionRescinded{Reason: "no longer needed"})
	}
	r.correct(`{"title":"Joint distribution plan (v2)"}`)
	o.decisions = append(o.decisions, r.ref.ID)
	return r.out
}
