package views

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

func (v *Mechanisms) applyMeeting(e *projections.Event) {
	if p, ok := e.Payload.(domain.MeetingScheduled); ok {
		m := &Meeting{Meta: newMeta(e), MechanismID: p.MechanismID, Title: p.Title,
			ScheduledFor: p.ScheduledFor, Location: p.Location, State: domain.MtgScheduled}
		v.meetings.put(m.OperationID, m.ID, m)
		v.meeting[m.ID] = m
		return
	}
	m := v.meeting[e.Ref.ID]
	if m == nil {
		return
	}
	m.touch(e)
	m.apply(e)
}

func (m *Meeting) apply(e *projections.Event) {
	switch p := e.Payload.(type) {
	case domain.MeetingHeld:
		m.State, m.HeldAt, m.Attendees = domain.MtgHeld, p.HeldAt, len(p.Attendees)
		m.ComponentsPresent, m.QuorumMet = p.ComponentsPresent, p.QuorumMet
	case domain.MeetingCancelled:
		m.State = domain.MtgCancelled
	case domain.MeetingMinutesCirculated:
		m.State, m.Drafts = domain.MtgMinutesCirculated, p.Draft
		if m.MinutesCirculated.IsZero() {
			m.MinutesCirculated = e.Env.OccurredAt
		}
	case domain.MeetingMinutesApproved:
		m.State, m.MinutesApproved = domain.MtgMinutesApproved, e.Env.OccurredAt
	case domain.MeetingMinutesCorrected:
		m.MinutesCorrections++
	case domain.CorrectionRecorded:
		correct(m, p, meetingFeeds)
	}
}

// List returns an operation's mechanisms, oldest first.
func (v *Mechanisms) List(op uuid.UUID) []Mechanism {
	v.RLock()
	defer v.RUnlock()
	out := v.rows.rows(op)
	sortByCreation(out, func(m *Mechanism) *Meta { return &m.Meta })
	return out
}

// Get returns one mechanism.
func (v *Mechanisms) Get(id uuid.UUID) (Mechanism, bool) {
	v.RLock()
	defer v.RUnlock()
	m, ok := v.byID[id]
	if !ok {
		return Mechanism{}, false
	}
	return *m, true
}

// Meetings returns an operation's meetings, of one mechanism unless
// mechanism is uuid.Nil, oldest first.
func (v *Mechanisms) Meetings(op, mechanism uuid.UUID) []Meeting {
	v.RLock()
	defer v.RUnlock()
	var out []Meeting
	for _, m := range v.meetings[op] {
		if mechanism == uuid.Nil || m.MechanismID == mechanism {
			out = append(out, *m)
		}
	}
	sortByCreation(out, func(m *Meeting) *Meta { return &m.Meta })
	return out
}

// meetingFeeds are the columns corrected fields feed.
var meetingFeeds = []feed[Meeting]{
	column(domain.MeetingScheduled{}, "title", func(m *Meeting) *string { return &m.Title }),
	column(domain.MeetingScheduled{}, "scheduled_for", func(m *Meeting) *time.Time { return &m.ScheduledFor }),
	column(domain.MeetingScheduled{}, "location", func(m *Meeting) *string { return &m.Location }),
	column(domain.MeetingHeld{}, "held_at", func(m *Meeting) *time.Time { return &m.HeldAt }),
	column(domain.MeetingHeld{}, "quorum_met", func(m *Meeting) *bool { return &m.QuorumMet }),
	column(domain.MeetingHeld{}, "components_present", func(m *Meeting) *[]uuid.UUID { return &m.ComponentsPresent }),
	occurred(domain.MeetingMinutesCirculated{}, func(m *Meeting) *time.Time { return &m.MinutesCirculated }),
	occurred(domain.MeetingMinutesApproved{}, func(m *Meeting) *time.Time { return &m.MinutesApproved }),
}
