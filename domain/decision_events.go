package domain

import "github.com/google/uuid"

// DecisionProposed puts a decision before a mechanism.
type DecisionProposed struct {
	MechanismID uuid.UUID `json:"mechanism_id" doc:"mechanism that takes the decision"`
	MeetingID   uuid.UUID `json:"meeting_id,omitzero" doc:"meeting where it was proposed, if any"`
	Title       string    `json:"title" doc:"short title"`
	Text        string    `json:"text" doc:"what is decided"`
	Rationale   string    `json:"rationale,omitempty" doc:"why"`
}

// DecisionAdopted records adoption, who agreed and objections noted.
type DecisionAdopted struct {
	Procedure  Procedure   `json:"procedure" doc:"meeting or written procedure"`
	MeetingID  uuid.UUID   `json:"meeting_id,omitzero" doc:"meeting where it was adopted"`
	AgreedBy   []uuid.UUID `json:"agreed_by" doc:"components that agreed"`
	Objections []Objection `json:"objections,omitempty" doc:"objections noted"`
	Rule       string      `json:"rule" doc:"decision rule the mechanism applied (consensus or majority)"`
}

// DecisionEndorsed records endorsement by a higher-level mechanism.
type DecisionEndorsed struct {
	ByMechanismID uuid.UUID `json:"by_mechanism_id" doc:"higher-level mechanism that endorsed it"`
	Note          string    `json:"note,omitempty" doc:"endorsement note"`
}

// DecisionAmended changes the text of a decision in force.
type DecisionAmended struct {
	Text      string `json:"text" doc:"new text"`
	Rationale string `json:"rationale,omitempty" doc:"new rationale"`
	Reason    string `json:"reason" doc:"why it was amended"`
}

// DecisionSuperseded replaces a decision by another (final).
type DecisionSuperseded struct {
	ByDecisionID uuid.UUID `json:"by_decision_id" doc:"decision that replaces it"`
	Reason       string    `json:"reason" doc:"why"`
}

// DecisionRescinded withdraws a decision (final).
type DecisionRescinded struct {
	Reason string `json:"reason" doc:"why it was rescinded"`
}

func (DecisionProposed) EventType() string { return "decision.proposed.v1" }

func (DecisionAdopted) EventType() string { return "decision.adopted.v1" }

func (DecisionEndorsed) EventType() string { return "decision.endorsed.v1" }

func (DecisionAmended) EventType() string { return "decision.amended.v1" }

func (DecisionSuperseded) EventType() string { return "decision.superseded.v1" }

func (DecisionRescinded) EventType() string { return "decision.rescinded.v1" }

var decisionEvents = []eventSpec{
	spec[DecisionProposed](KindDecision, "A decision was put before a mechanism."),
	spec[DecisionAdopted](KindDecision, "The mechanism adopted the decision."),
	spec[DecisionEndorsed](KindDecision, "A higher-level mechanism endorsed the decision."),
	spec[DecisionAmended](KindDecision, "The decision's text was amended."),
	spec[DecisionSuperseded](KindDecision, "Another decision replaced this one."),
	spec[DecisionRescinded](KindDecision, "The decision was rescinded."),
}
