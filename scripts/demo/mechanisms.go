package demo

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// bodies are the coordination mechanisms at the three levels.
type bodies struct {
	parties
	platform, opsCommittee, shelterTWG uuid.UUID
}

func (s *script) mechanisms(p parties) bodies {
	m := bodies{parties: p}
	m.platform = s.mechanism("platform", "Movement platform", domain.LevelStrategic, 1, p.hns, p.ifrc, p.icrc, p.jrcs, p.nrc, p.brc)
	m.opsCommittee = s.mechanism("ops", "Movement operations committee", domain.LevelOperational, 2, p.all()...)
	m.shelterTWG = s.mechanism("twg-shelter", "Shelter technical working group", domain.LevelTechnical, 3, p.hns, p.ifrc, p.jrcs, p.brc)
	return m
}

func (s *script) mechanism(key, name string, level domain.Level, day int, members ...uuid.UUID) uuid.UUID {
	id := s.do(domain.EstablishMechanism{Header: s.header("mechanism-"+key, s.at(day, 9), domain.ClassMovement),
		Name: name, Level: level, TermsOfReference: "Terms of reference agreed at the first meeting of the " + name,
		DecisionRule: domain.RuleConsensus, Quorum: max(2, len(members)/2+1)})
	for i, member := range members {
		s.do(domain.AddMember{Header: s.header(key+"-member-"+string(rune('a'+i)), s.at(day, 10), domain.ClassMovement), ID: id, ComponentID: member})
	}
	return id
}

// meeting schedules, holds and minutes one meeting; approved says whether
// the minutes were approved (and how many days after the meeting).
func (s *script) meeting(key string, mechanism uuid.UUID, title string, day int, attendees []uuid.UUID, approvedAfter int) uuid.UUID {
	id := s.do(domain.ScheduleMeeting{Header: s.header("meeting-"+key, s.at(day-2, 9), domain.ClassMovement),
		MechanismID: mechanism, Title: title, ScheduledFor: s.at(day, 10), Location: "Surkhet coordination hub",
		Agenda: "1. Situation update 2. Gaps 3. Decisions 4. Action points"})
	var people []domain.Attendee
	for i, c := range attendees {
		k := key + "-attendee-" + string(rune('a'+i))
		people = append(people, domain.Attendee{PersonID: PersonID(k), Name: "Delegate " + string(rune('A'+i)), ComponentID: c})
	}
	s.do(domain.HoldMeeting{Header: s.header("held-"+key, s.at(day, 12), domain.ClassMovement), ID: id, HeldAt: s.at(day, 10), Attendees: people})
	s.do(domain.CirculateMinutes{Header: s.header("minutes-"+key, s.at(day+1, 15), domain.ClassMovement), ID: id,
		Minutes: "Minutes of " + title + ": situation, gaps and the decisions below."})
	if approvedAfter > 0 {
		s.do(domain.ApproveMinutes{Header: s.header("approve-"+key, s.at(day+approvedAfter, 11), domain.ClassMovement), ID: id, Note: "approved without changes"})
	}
	return id
}

// decide proposes a decision at a meeting and adopts it by consensus.
func (s *script) decide(key string, m uuid.UUID, meeting uuid.UUID, day int, title, text string, agreed []uuid.UUID) uuid.UUID {
	id := s.do(domain.ProposeDecision{Header: s.header("propose-"+key, s.at(day, 10), domain.ClassMovement),
		MechanismID: m, MeetingID: meeting, Title: title, Text: text, Rationale: "Agreed in discussion; see minutes."})
	s.do(domain.AdoptDecision{Header: s.header("adopt-"+key, s.at(day, 11), domain.ClassMovement), ID: id,
		Procedure: domain.ProcedureMeeting, MeetingID: meeting, AgreedBy: agreed})
	return id
}
