package domain

import "github.com/google/uuid"

// CirculateMinutes sends a draft of the minutes. Once approved, minutes are
// frozen: a change is a CorrectMinutes with a reason.
type CirculateMinutes struct {
	Header
	ID      uuid.UUID `json:"id"`
	Minutes string    `json:"minutes" required:"true"`
}

func (c CirculateMinutes) Target() Ref { return Ref{KindMeeting, c.ID} }

func (c CirculateMinutes) decide(s *Scope) ([]Payload, error) {
	m := self[*Meeting](s)
	switch m.State {
	case MtgMinutesApproved:
		return nil, ErrMinutesFrozen.withf("the minutes of %q are approved; record a correction with a reason instead", m.Title)
	case MtgHeld, MtgMinutesCirculated:
	default:
		return nil, ErrWrongState.withf("meeting %q is %s; minutes follow a meeting that was held", m.Title, m.State)
	}
	return one(MeetingMinutesCirculated{Minutes: c.Minutes, Draft: m.Drafts + 1})
}

// ApproveMinutes approves the latest circulated draft.
type ApproveMinutes struct {
	Header
	ID   uuid.UUID `json:"id"`
	Note string    `json:"note"`
}

func (c ApproveMinutes) Target() Ref { return Ref{KindMeeting, c.ID} }

func (c ApproveMinutes) decide(s *Scope) ([]Payload, error) {
	m := self[*Meeting](s)
	if m.State != MtgMinutesCirculated {
		return nil, ErrWrongState.withf("meeting %q is %s; circulate the minutes before approving them", m.Title, m.State)
	}
	return one(MeetingMinutesApproved{Draft: m.Drafts, Note: c.Note})
}

// CorrectMinutes changes approved minutes; it needs a reason.
type CorrectMinutes struct {
	Header
	ID              uuid.UUID `json:"id"`
	CorrectsEventID uuid.UUID `json:"corrects_event_id"` // optional: the minutes event being corrected
	Minutes         string    `json:"minutes" required:"true"`
	Reason          string    `json:"reason" required:"reason"`
}

func (c CorrectMinutes) Target() Ref { return Ref{KindMeeting, c.ID} }

// Correcting the record stays possible after the operation closes.
func (CorrectMinutes) allowedWhenClosed() {}

func (c CorrectMinutes) decide(s *Scope) ([]Payload, error) {
	m := self[*Meeting](s)
	if m.State != MtgMinutesApproved {
		return nil, ErrCorrectionOfMinutes.withf("the minutes of %q are not approved yet; circulate a new draft instead", m.Title)
	}
	if c.CorrectsEventID != uuid.Nil && !m.HasEvent(c.CorrectsEventID) {
		return nil, ErrEventNotInStream.at("corrects_event_id", "event %s is not part of meeting %q", c.CorrectsEventID, m.Title)
	}
	return one(MeetingMinutesCorrected{CorrectsEventID: c.CorrectsEventID, Minutes: c.Minutes, Reason: c.Reason})
}
