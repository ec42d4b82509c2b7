package domain

import (
	"github.com/google/uuid"
)

// MeetingState is where a meeting stands.
type MeetingState string

const (
	MtgScheduled         MeetingState = "scheduled"
	MtgHeld              MeetingState = "held"
	MtgMinutesCirculated MeetingState = "minutes_circulated"
	MtgMinutesApproved   MeetingState = "minutes_approved"
	MtgCancelled         MeetingState = "cancelled"
)

// Attendee is a person at a meeting. Name is personal; PersonID is its key.
type Attendee struct {
	PersonID    uuid.UUID `json:"person_id" doc:"pseudonymous id of the attendee"`
	Name        string    `json:"name" doc:"attendee's name" personal:"true"`
	ComponentID uuid.UUID `json:"component_id,omitzero" doc:"component the attendee represented"`
}

// Meeting is one meeting of a mechanism.
type Meeting struct {
	Base
	MechanismID uuid.UUID    `json:"mechanism_id"`
	Title       string       `json:"title"`
	State       MeetingState `json:"state"`
	Drafts      int          `json:"drafts"`
	Minutes     string       `json:"minutes"`
}

func (m *Meeting) apply(p Payload) {
	switch e := p.(type) {
	case MeetingScheduled:
		m.MechanismID, m.Title, m.State = e.MechanismID, e.Title, MtgScheduled
	case MeetingHeld:
		m.State = MtgHeld
	case MeetingCancelled:
		m.State = MtgCancelled
	case MeetingMinutesCirculated:
		m.State, m.Drafts, m.Minutes = MtgMinutesCirculated, e.Draft, e.Minutes
	case MeetingMinutesApproved:
		m.State = MtgMinutesApproved
	case MeetingMinutesCorrected:
		m.Minutes = e.Minutes
	}
}
