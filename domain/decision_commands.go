package domain

import (
	"slices"

	"github.com/google/uuid"
)

// ProposeDecision puts a decision before an existing, standing mechanism.
type ProposeDecision struct {
	Header
	ID          uuid.UUID `json:"id"`
	MechanismID uuid.UUID `json:"mechanism_id"`
	MeetingID   uuid.UUID `json:"meeting_id"`
	Title       string    `json:"title" required:"true"`
	Text        string    `json:"text" required:"true"`
	Rationale   string    `json:"rationale"`
}

func (c ProposeDecision) Target() Ref { return Ref{KindDecision, c.ID} }
func (ProposeDecision) creates()      {}

func (c ProposeDecision) decide(s *Scope) ([]Payload, error) {
	if _, err := s.activeMechanism(c.MechanismID, "mechanism_id"); err != nil {
		return nil, err
	}
	if err := meetingOf(s, c.MeetingID, c.MechanismID); err != nil {
		return nil, err
	}
	return one(DecisionProposed{MechanismID: c.MechanismID, MeetingID: c.MeetingID,
		Title: c.Title, Text: c.Text, Rationale: c.Rationale})
}

// meetingOf checks an optional meeting exists and is one of the mechanism's.
func meetingOf(s *Scope, meetingID, mechanismID uuid.UUID) error {
	m, err := optional[*Meeting](s, KindMeeting, meetingID, "meeting_id")
	if err != nil || m == nil {
		return err
	}
	if m.MechanismID != mechanismID {
		return ErrInvalid.at("meeting_id", "meeting %q is not a meeting of this decision's mechanism", m.Title)
	}
	return nil
}

// AdoptDecision records adoption under the mechanism's decision rule.
type AdoptDecision struct {
	Header
	ID         uuid.UUID   `json:"id"`
	Procedure  Procedure   `json:"procedure"` // defaults to meeting
	MeetingID  uuid.UUID   `json:"meeting_id"`
	AgreedBy   []uuid.UUID `json:"agreed_by"`
	Objections []Objection `json:"objections"`
}

func (c AdoptDecision) Target() Ref { return Ref{KindDecision, c.ID} }

func (c AdoptDecision) decide(s *Scope) ([]Payload, error) {
	d := self[*Decision](s)
	if d.State != DecProposed {
		return nil, ErrWrongState.withf("decision %s is %s; only a proposed decision can be adopted", d.Ref(), d.State)
	}
	if c.Procedure == "" {
		c.Procedure = ProcedureMeeting
	}
	mech, err := c.check(s, d)
	if err != nil {
		return nil, err
	}
	if err := mechanismRule(mech, len(c.AgreedBy), len(c.Objections)); err != nil {
		return nil, err
	}
	return one(DecisionAdopted{Procedure: c.Procedure, MeetingID: c.MeetingID, AgreedBy: c.AgreedBy,
		Objections: c.Objections, Rule: string(mech.Rule)})
}

func (c AdoptDecision) check(s *Scope, d *Decision) (*Mechanism, error) {
	if err := checkEnum("procedure", c.Procedure); err != nil {
		return nil, err
	}
	if len(c.AgreedBy) == 0 {
		return nil, ErrRequired.at("agreed_by", "list the components that agreed")
	}
	for _, o := range c.Objections {
		if slices.Contains(c.AgreedBy, o.ComponentID) {
			return nil, ErrInvalid.at("objections", "component %s both agreed and objected", o.ComponentID)
		}
	}
	if err := s.activeComponents(c.AgreedBy, "agreed_by"); err != nil {
		return nil, err
	}
	if err := meetingOf(s, c.MeetingID, d.MechanismID); err != nil {
		return nil, err
	}
	return s.activeMechanism(d.MechanismID, "mechanism_id")
}

// mechanismRule applies the mechanism's decision rule: under consensus any
// objection blocks adoption; under majority more must agree than object.
func mechanismRule(m *Mechanism, agreed, objections int) error {
	if m.Rule == RuleMajority && agreed <= objections {
		return ErrConsensusBroken.at("objections", "%d agreed and %d objected; %q decides by majority", agreed, objections, m.Name)
	}
	if m.Rule != RuleMajority && objections > 0 {
		return ErrConsensusBroken.at("objections", "%q decides by consensus and %d component(s) objected; resolve the objection or record the decision as not adopted", m.Name, objections)
	}
	return nil
}
