package views

import (
	"encoding/json"
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// DecisionsName is the checkpoint key of the decision register.
const DecisionsName = "decisions"

// Decision is a row of the decision register.
type Decision struct {
	Meta
	MechanismID  uuid.UUID            `json:"mechanism_id"`
	MeetingID    uuid.UUID            `json:"meeting_id,omitzero"`
	Title        string               `json:"title"`
	Text         string               `json:"text"`
	Rationale    string               `json:"rationale,omitempty"`
	State        domain.DecisionState `json:"state"`
	Procedure    domain.Procedure     `json:"procedure,omitempty"`
	AdoptedAt    time.Time            `json:"adopted_at,omitzero"`
	AgreedBy     []uuid.UUID          `json:"agreed_by,omitempty"`
	Objections   int                  `json:"objections"`
	EndorsedBy   []uuid.UUID          `json:"endorsed_by,omitempty"`
	Amendments   int                  `json:"amendments"`
	SupersededBy uuid.UUID            `json:"superseded_by,omitzero"`
	ActionPoints []LinkedAction       `json:"action_points,omitempty"`
}

// LinkedAction is the progress of an action point raised for a decision.
type LinkedAction struct {
	ID             uuid.UUID      `json:"id"`
	State          domain.APState `json:"state"`
	Percent        int            `json:"percent"`
	LastProgressAt time.Time      `json:"last_progress_at"` // occurred time of its last event
}

// InForce reports whether the decision binds now: adopted or endorsed, and
// neither superseded nor rescinded. An amended decision stays in force.
func (d *Decision) InForce() bool {
	return d.State == domain.DecAdopted || d.State == domain.DecEndorsed
}

// Decisions is the decision register with the progress of linked action points.
type Decisions struct {
	sync.RWMutex
	rows    perOp[Decision]
	byID    map[uuid.UUID]*Decision
	actions map[uuid.UUID]*Decision // action point -> the decision it carries out
}

// NewDecisions returns an empty register.
func NewDecisions() *Decisions {
	return &Decisions{rows: perOp[Decision]{}, byID: map[uuid.UUID]*Decision{}, actions: map[uuid.UUID]*Decision{}}
}

func (*Decisions) Name() string { return DecisionsName }

// Apply implements projections.Projection.
func (v *Decisions) Apply(e *projections.Event) error {
	switch e.Ref.Kind {
	case domain.KindDecision:
		v.applyDecision(e)
	case domain.KindActionPoint:
		v.applyAction(e)
	}
	return nil
}

func (v *Decisions) applyDecision(e *projections.Event) {
	if p, ok := e.Payload.(domain.DecisionProposed); ok {
		d := &Decision{Meta: newMeta(e), MechanismID: p.MechanismID, MeetingID: p.MeetingID,
			Title: p.Title, Text: p.Text, Rationale: p.Rationale, State: domain.DecProposed}
		v.rows.put(d.OperationID, d.ID, d)
		v.byID[d.ID] = d
		return
	}
	d := v.byID[e.Ref.ID]
	if d == nil {
		return // a record whose creation is outside this replay (as-of by occurred time)
	}
	d.touch(e)
	d.apply(e)
}

func (d *Decision) apply(e *projections.Event) {
	switch p := e.Payload.(type) {
	case domain.DecisionAdopted:
		d.State, d.Procedure, d.AdoptedAt = domain.DecAdopted, p.Procedure, e.Env.OccurredAt
		d.AgreedBy, d.Objections = p.AgreedBy, len(p.Objections)
		if p.MeetingID != uuid.Nil {
			d.MeetingID = p.MeetingID
		}
	case domain.DecisionEndorsed:
		d.State, d.EndorsedBy = domain.DecEndorsed, append(d.EndorsedBy, p.ByMechanismID)
	case domain.DecisionAmended:
		d.Text, d.Amendments = p.Text, d.Amendments+1
		if p.Rationale != "" {
			d.Rationale = p.Rationale
		}
	case domain.DecisionSuperseded:
		d.State, d.SupersededBy = domain.DecSuperseded, p.ByDecisionID
	case domain.DecisionRescinded:
		d.State = domain.DecRescinded
	case domain.CorrectionRecorded:
		correct(d, p, decisionFeeds)
	}
}

// decisionFeeds are the columns of the register that corrected fields feed.
var decisionFeeds = []feed[Decision]{
	column(domain.DecisionProposed{}, "title", func(d *Decision) *string { return &d.Title }),
	column(domain.DecisionProposed{}, "text", func(d *Decision) *string { return &d.Text }),
	column(domain.DecisionProposed{}, "rationale", func(d *Decision) *string { return &d.Rationale }),
	column(domain.DecisionProposed{}, "mechanism_id", func(d *Decision) *uuid.UUID { return &d.MechanismID }),
	column(domain.DecisionProposed{}, "meeting_id", func(d *Decision) *uuid.UUID { return &d.MeetingID }),
	occurred(domain.DecisionProposed{}, func(d *Decision) *time.Time { return &d.CreatedAt }),
	occurred(domain.DecisionAdopted{}, func(d *Decision) *time.Time { return &d.AdoptedAt }),
	column(domain.DecisionAdopted{}, "procedure", func(d *Decision) *domain.Procedure { return &d.Procedure }),
	column(domain.DecisionAdopted{}, "agreed_by", func(d *Decision) *[]uuid.UUID { return &d.AgreedBy }),
	column(domain.DecisionAdopted{}, "meeting_id", func(d *Decision) *uuid.UUID { return &d.MeetingID }),
	counted(domain.DecisionAdopted{}, "objections", func(d *Decision) *int { return &d.Objections }),
	column(domain.DecisionAmended{}, "text", func(d *Decision) *string { return &d.Text }),
	column(domain.DecisionAmended{}, "rationale", func(d *Decision) *string { return &d.Rationale }),
	column(domain.DecisionSuperseded{}, "by_decision_id", func(d *Decision) *uuid.UUID { return &d.SupersededBy }),
}

// applyAction follows action points that carry out a decision.
func (v *Decisions) applyAction(e *projections.Event) {
	if p, ok := e.Payload.(domain.ActionPointRaised); ok {
		d := v.byID[p.DecisionID]
		if p.DecisionID == uuid.Nil || d == nil {
			return
		}
		d.ActionPoints = append(d.ActionPoints, LinkedAction{ID: e.Ref.ID, State: domain.APOpen, LastProgressAt: e.Env.OccurredAt})
		v.actions[e.Ref.ID] = d
		return
	}
	if c, ok := e.Payload.(domain.CorrectionRecorded); ok {
		v.relink(e.Ref.ID, c)
		return
	}
	d := v.actions[e.Ref.ID]
	if d == nil {
		return
	}
	for i := range d.ActionPoints {
		if d.ActionPoints[i].ID == e.Ref.ID {
			d.ActionPoints[i].follow(e)
		}
	}
}

// relink moves an action point, with its progress, to the decision a
// correction of its raising names. One raised under no decision, which this
// register did not follow, is not linked afterwards.
func (v *Decisions) relink(ap uuid.UUID, c domain.CorrectionRecorded) {
	var changes struct {
		DecisionID *uuid.UUID `json:"decision_id"`
	}
	old := v.actions[ap]
	if c.CorrectsType != (domain.ActionPointRaised{}).EventType() || old == nil ||
		json.Unmarshal(c.Changes, &changes) != nil || changes.DecisionID == nil || *changes.DecisionID == old.ID {
		return
	}
	i := slices.IndexFunc(old.ActionPoints, func(l LinkedAction) bool { return l.ID == ap })
	if i < 0 {
		return
	}
	link := old.ActionPoints[i]
	old.ActionPoints = slices.Delete(slices.Clone(old.ActionPoints), i, i+1)
	delete(v.actions, ap)
	if d := v.byID[*changes.DecisionID]; d != nil {
		d.ActionPoints = append(slices.Clone(d.ActionPoints), link)
		v.actions[ap] = d
	}
}

func (a *LinkedAction) follow(e *projections.Event) {
	if _, reminded := e.Payload.(domain.ReminderSent); reminded {
		return // a reminder about the action point is not progress on it
	}
	a.State, a.Percent = domain.APStep(a.State, a.Percent, e.Payload)
	a.LastProgressAt = e.Env.OccurredAt
}
