package views

import (
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// MechanismsName is the checkpoint key of the mechanisms and meetings view.
const MechanismsName = "mechanisms"

// Mechanism is a standing coordination body.
type Mechanism struct {
	Meta
	Name             string              `json:"name"`
	Level            domain.Level        `json:"level"`
	TermsOfReference string              `json:"terms_of_reference"`
	DecisionRule     domain.DecisionRule `json:"decision_rule"`
	Quorum           int                 `json:"quorum"`
	Members          []uuid.UUID         `json:"members"`
	Dissolved        bool                `json:"dissolved"`
}

// Meeting is one meeting of a mechanism with its attendance and minutes.
// The minutes text stays in the log; the view keeps their status.
type Meeting struct {
	Meta
	MechanismID        uuid.UUID           `json:"mechanism_id"`
	Title              string              `json:"title"`
	ScheduledFor       time.Time           `json:"scheduled_for"`
	Location           string              `json:"location,omitempty"`
	State              domain.MeetingState `json:"state"`
	HeldAt             time.Time           `json:"held_at,omitzero"`
	Attendees          int                 `json:"attendees"`
	ComponentsPresent  []uuid.UUID         `json:"components_present,omitempty"`
	QuorumMet          bool                `json:"quorum_met"`
	Drafts             int                 `json:"drafts"`
	MinutesCirculated  time.Time           `json:"minutes_circulated_at,omitzero"` // first draft
	MinutesApproved    time.Time           `json:"minutes_approved_at,omitzero"`
	MinutesCorrections int                 `json:"minutes_corrections"`
}

// MinutesLag is the time from the meeting to its first circulated minutes;
// ok is false until both happened.
func (m *Meeting) MinutesLag() (lag time.Duration, ok bool) {
	if m.HeldAt.IsZero() || m.MinutesCirculated.IsZero() {
		return 0, false
	}
	return m.MinutesCirculated.Sub(m.HeldAt), true
}

// Mechanisms holds each operation's mechanisms and meetings.
type Mechanisms struct {
	sync.RWMutex
	rows     perOp[Mechanism]
	byID     map[uuid.UUID]*Mechanism
	meetings perOp[Meeting]
	meeting  map[uuid.UUID]*Meeting
}

// NewMechanisms returns an empty view.
func NewMechanisms() *Mechanisms {
	return &Mechanisms{rows: perOp[Mechanism]{}, byID: map[uuid.UUID]*Mechanism{},
		meetings: perOp[Meeting]{}, meeting: map[uuid.UUID]*Meeting{}}
}

func (*Mechanisms) Name() string { return MechanismsName }

// Apply implements projections.Projection.
func (v *Mechanisms) Apply(e *projections.Event) error {
	switch e.Ref.Kind {
	case domain.KindMechanism:
		v.applyMechanism(e)
	case domain.KindMeeting:
		v.applyMeeting(e)
	}
	return nil
}

func (v *Mechanisms) applyMechanism(e *projections.Event) {
	if p, ok := e.Payload.(domain.MechanismEstablished); ok {
		m := &Mechanism{Meta: newMeta(e), Name: p.Name, Level: p.Level, TermsOfReference: p.TermsOfReference,
			DecisionRule: p.DecisionRule, Quorum: p.Quorum}
		v.rows.put(m.OperationID, m.ID, m)
		v.byID[m.ID] = m
		return
	}
	m := v.byID[e.Ref.ID]
	if m == nil {
		return
	}
	m.touch(e)
	switch p := e.Payload.(type) {
	case domain.MechanismMemberAdded:
		m.Members = append(slices.Clone(m.Members), p.ComponentID)
	case domain.MechanismMemberRemoved:
		m.Members = slices.DeleteFunc(slices.Clone(m.Members), func(id uuid.UUID) bool { return id == p.ComponentID })
	case domain.MechanismTermsUpdated:
		m.TermsOfReference = p.TermsOfReference
	case domain.MechanismDecisionRuleChanged:
		m.DecisionRule, m.Quorum = p.DecisionRule, p.Quorum
	case domain.MechanismDissolved:
		m.Dissolved = true
	}
}
