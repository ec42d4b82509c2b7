package domain

import (
	"slices"
	"time"

	"github.com/google/uuid"
)

// ScheduleMeeting plans a meeting of a standing mechanism.
type ScheduleMeeting struct {
	Header
	ID           uuid.UUID `json:"id"`
	MechanismID  uuid.UUID `json:"mechanism_id"`
	Title        string    `json:"title" required:"true"`
	ScheduledFor time.Time `json:"scheduled_for" required:"true"`
	Location     string    `json:"location"`
	Agenda       string    `json:"agenda"`
}

func (c ScheduleMeeting) Target() Ref { return Ref{KindMeeting, c.ID} }
func (ScheduleMeeting) creates()      {}

func (c ScheduleMeeting) decide(s *Scope) ([]Payload, error) {
	if _, err := s.activeMechanism(c.MechanismID, "mechanism_id"); err != nil {
		return nil, err
	}
	return one(MeetingScheduled{MechanismID: c.MechanismID, Title: c.Title,
		ScheduledFor: c.ScheduledFor.UTC(), Location: c.Location, Agenda: c.Agenda})
}

// HoldMeeting records that the meeting took place. Whether the quorum was met
// is computed from the mechanism's quorum and its members present, never
// typed in.
type HoldMeeting struct {
	Header
	ID        uuid.UUID  `json:"id"`
	HeldAt    time.Time  `json:"held_at"` // defaults to the occurred time
	Attendees []Attendee `json:"attendees"`
}

func (c HoldMeeting) Target() Ref { return Ref{KindMeeting, c.ID} }

func (c HoldMeeting) decide(s *Scope) ([]Payload, error) {
	m := self[*Meeting](s)
	if m.State != MtgScheduled {
		return nil, ErrWrongState.withf("meeting %q is %s; only a scheduled meeting can be held", m.Title, m.State)
	}
	if len(c.Attendees) == 0 {
		return nil, ErrRequired.at("attendees", "list who attended")
	}
	mech, err := load[*Mechanism](s, KindMechanism, m.MechanismID, "mechanism_id")
	if err != nil {
		return nil, err
	}
	present := componentsPresent(c.Attendees)
	if c.HeldAt.IsZero() {
		c.HeldAt = s.Occurred
	}
	return one(MeetingHeld{HeldAt: c.HeldAt.UTC(), Attendees: c.Attendees,
		ComponentsPresent: present, QuorumMet: mech.QuorumMet(present)})
}

func componentsPresent(as []Attendee) []uuid.UUID {
	var out []uuid.UUID
	for _, a := range as {
		if a.ComponentID != uuid.Nil && !slices.Contains(out, a.ComponentID) {
			out = append(out, a.ComponentID)
		}
	}
	return out
}

// CancelMeeting cancels a scheduled meeting.
type CancelMeeting struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c CancelMeeting) Target() Ref { return Ref{KindMeeting, c.ID} }

func (c CancelMeeting) decide(s *Scope) ([]Payload, error) {
	m := self[*Meeting](s)
	if m.State != MtgScheduled {
		return nil, ErrWrongState.withf("meeting %q is %s; only a scheduled meeting can be cancelled", m.Title, m.State)
	}
	return one(MeetingCancelled{Reason: c.Reason})
}
