package remind_test

import (
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

var errRelayDown = errors.New("relay down")

// day0 is a Monday; the scheduler ticks every day at 09:00.
var day0 = time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)

func tick(d int) time.Time { return day0.Add(time.Duration(d)*24*time.Hour + 9*time.Hour) }

func at(d, hour int) time.Time {
	return day0.Add(time.Duration(d)*24*time.Hour + time.Duration(hour)*time.Hour)
}

// scenario is an operation's week: its records, people and rules.
type scenario struct {
	rules             domain.FollowUpRules
	op, hns, pns      uuid.UUID
	amina, ben, carl  uuid.UUID // persons: HNS focal point (fr), PNS focal point, PNS contact without a function
	aminaContact      uuid.UUID
	meeting, decision uuid.UUID
	ap1, ap2, esc     uuid.UUID
	ap1Due, ap2Due    time.Time
	created           time.Time // when every record above was made (day 0, 08:00)
	ap2Completed      time.Time
	benErased         time.Time
}

func (w *world) scenario() *scenario {
	s := &scenario{rules: domain.FollowUpRules{RemindBeforeDays: 2, OverdueEveryDays: 3, AcknowledgeDays: 1,
		AnswerDays: 4, MinutesDays: 2, DecisionIdleDays: 5},
		amina: uuid.New(), ben: uuid.New(), carl: uuid.New(), created: at(0, 8),
		ap1Due: at(3, 12), ap2Due: at(1, 12), ap2Completed: at(4, 12), benErased: at(5, 12)}
	w.clock.Set(s.created)
	s.op = w.run(domain.OpenOperation{Header: w.hdr(uuid.Nil), Name: "Floods 2026", Country: "SDN",
		CrisisType: "disaster", StartedAt: at(0, 0), Severity: "high"})
	w.run(domain.SetConveningRule{Header: w.hdr(s.op), ID: s.op, AllOf: []domain.ComponentKind{domain.ComponentHNS}, Description: "Seville 2.0"})
	w.run(domain.SetEscalationLadder{Header: w.hdr(s.op), ID: s.op, Rungs: []domain.Rung{{Key: "opc", Name: "Operations committee"}}})
	s.hns = w.run(domain.JoinComponent{Header: w.hdr(s.op), ID: uuid.New(), Name: "Sudanese RC", Kind: domain.ComponentHNS})
	s.pns = w.run(domain.JoinComponent{Header: w.hdr(s.op), ID: uuid.New(), Name: "Norwegian RC", Kind: domain.ComponentPNS})
	w.run(domain.AssignConvener{Header: w.hdr(s.op), ID: s.op, ComponentID: s.hns})
	s.aminaContact = w.run(domain.AddContact{Header: w.hdr(s.op), ID: uuid.New(), PersonID: s.amina, GivenName: "Amina",
		Email: "amina@hns.example", Function: "Movement coordinator", ComponentID: s.hns})
	w.run(domain.SetContactLanguage{Header: w.hdr(s.op), ID: s.aminaContact, Language: domain.LangFrench})
	w.run(domain.AddContact{Header: w.hdr(s.op), ID: uuid.New(), PersonID: s.ben, GivenName: "Ben",
		Email: "ben@nrc.example", Function: "Health delegate", ComponentID: s.pns})
	w.run(domain.AddContact{Header: w.hdr(s.op), ID: uuid.New(), PersonID: s.carl, GivenName: "Carl",
		Email: "carl@nrc.example", ComponentID: s.pns}) // no function: not a focal point
	r := s.rules
	w.run(domain.SetFollowUpRules{Header: w.hdr(s.op), ID: s.op, RemindBeforeDays: r.RemindBeforeDays,
		OverdueEveryDays: r.OverdueEveryDays, AcknowledgeDays: r.AcknowledgeDays, AnswerDays: r.AnswerDays,
		MinutesDays: r.MinutesDays, DecisionIdleDays: r.DecisionIdleDays, Reason: "emergency phase"})
	mech := w.run(domain.EstablishMechanism{Header: w.hdr(s.op), ID: uuid.New(), Name: "Health TWG",
		Level: domain.LevelTechnical, TermsOfReference: "ToR"})
	w.run(domain.AddMember{Header: w.hdr(s.op), ID: mech, ComponentID: s.hns})
	w.run(domain.AddMember{Header: w.hdr(s.op), ID: mech, ComponentID: s.pns})
	s.meeting = w.run(domain.ScheduleMeeting{Header: w.hdr(s.op), ID: uuid.New(), MechanismID: mech, Title: "TWG 1", ScheduledFor: s.created})
	w.run(domain.HoldMeeting{Header: w.hdr(s.op), ID: s.meeting, Attendees: []domain.Attendee{{PersonID: s.amina, Name: "Amina", ComponentID: s.hns}}})
	s.decision = w.run(domain.ProposeDecision{Header: w.hdr(s.op), ID: uuid.New(), MechanismID: mech, Title: "Cholera kits", Text: "Pre-position kits"})
	w.run(domain.AdoptDecision{Header: w.hdr(s.op), ID: s.decision, Procedure: domain.ProcedureWritten, AgreedBy: []uuid.UUID{s.hns, s.pns}})
	s.ap1 = w.run(domain.RaiseActionPoint{Header: w.hdr(s.op), ID: uuid.New(), MeetingID: s.meeting, Title: "Truck fuel plan",
		Owner: domain.Owner{ComponentID: s.pns}, DueAt: s.ap1Due})
	s.ap2 = w.run(domain.RaiseActionPoint{Header: w.hdr(s.op), ID: uuid.New(), MeetingID: s.meeting, Title: "Volunteer roster",
		Owner: domain.Owner{ComponentID: s.hns}, DueAt: s.ap2Due})
	s.esc = w.run(domain.RaiseEscalation{Header: w.hdr(s.op), ID: uuid.New(), SubjectKind: domain.KindActionPoint,
		SubjectID: s.ap1, Rung: "opc", Reason: "no fuel at the depot"})
	return s
}

// happen runs what the scenario does between ticks d-1 and d.
func (w *world) happen(s *scenario, d int) {
	if s.ap2Completed.After(tick(d-1)) && s.ap2Completed.Before(tick(d)) {
		w.clock.Set(s.ap2Completed)
		w.run(domain.CompleteActionPoint{Header: w.hdr(s.op), ID: s.ap2, Note: "roster shared"})
	}
	if s.benErased.After(tick(d-1)) && s.benErased.Before(tick(d)) {
		w.clock.Set(s.benErased)
		h := w.hdr(uuid.Nil)
		h.Actor.Role = "admin"
		w.run(domain.ErasePerson{Header: h, ID: s.ben, Reason: domain.ErasureDataSubjectRequest})
	}
}
