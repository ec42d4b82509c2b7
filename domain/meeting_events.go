package domain

import (
	"time"

	"github.com/google/uuid"
)

// MeetingScheduled plans a meeting of a mechanism.
type MeetingScheduled struct {
	MechanismID  uuid.UUID `json:"mechanism_id" doc:"mechanism that meets"`
	Title        string    `json:"title" doc:"title of the meeting"`
	ScheduledFor time.Time `json:"scheduled_for" doc:"planned start"`
	Location     string    `json:"location,omitempty" doc:"place or call link"`
	Agenda       string    `json:"agenda,omitempty" doc:"agenda"`
}

// MeetingHeld records that the meeting took place and who attended.
type MeetingHeld struct {
	HeldAt            time.Time   `json:"held_at" doc:"when it started"`
	Attendees         []Attendee  `json:"attendees" doc:"people present"`
	ComponentsPresent []uuid.UUID `json:"components_present" doc:"components represented"`
	QuorumMet         bool        `json:"quorum_met" doc:"whether enough member components attended under the mechanism's quorum"`
}

// MeetingCancelled records that a scheduled meeting will not take place.
type MeetingCancelled struct {
	Reason string `json:"reason" doc:"why it was cancelled"`
}

// MeetingMinutesCirculated sends (a new draft of) the minutes to members.
type MeetingMinutesCirculated struct {
	Minutes string `json:"minutes" doc:"text of the draft minutes"`
	Draft   int    `json:"draft" doc:"draft number, 1 for the first"`
}

// MeetingMinutesApproved freezes the minutes.
type MeetingMinutesApproved struct {
	Draft int    `json:"draft" doc:"draft number that was approved"`
	Note  string `json:"note,omitempty" doc:"how it was approved, e.g. 'at the next meeting'"`
}

// MeetingMinutesCorrected changes approved minutes, with a reason.
type MeetingMinutesCorrected struct {
	CorrectsEventID uuid.UUID `json:"corrects_event_id,omitzero" doc:"event whose minutes text is corrected, when known"`
	Minutes         string    `json:"minutes" doc:"corrected text of the minutes"`
	Reason          string    `json:"reason" doc:"why the approved minutes were corrected"`
}

func (MeetingScheduled) EventType() string { return "meeting.scheduled.v1" }

func (MeetingHeld) EventType() string { return "meeting.held.v1" }

func (MeetingCancelled) EventType() string { return "meeting.cancelled.v1" }

func (MeetingMinutesCirculated) EventType() string { return "meeting.minutes_circulated.v1" }

func (MeetingMinutesApproved) EventType() string { return "meeting.minutes_approved.v1" }

func (MeetingMinutesCorrected) EventType() string { return "meeting.minutes_corrected.v1" }

var meetingEvents = []eventSpec{
	spec[MeetingScheduled](KindMeeting, "A meeting of a mechanism was scheduled."),
	spec[MeetingHeld](KindMeeting, "The meeting took place."),
	spec[MeetingCancelled](KindMeeting, "The meeting was cancelled."),
	spec[MeetingMinutesCirculated](KindMeeting, "Draft minutes were circulated."),
	spec[MeetingMinutesApproved](KindMeeting, "The minutes were approved and frozen."),
	spec[MeetingMinutesCorrected](KindMeeting, "Approved minutes were corrected, with a reason."),
}
