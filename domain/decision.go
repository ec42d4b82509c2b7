package domain

import "github.com/google/uuid"

// DecisionState is where a decision stands. Adopted, endorsed and amended
// decisions are in force; superseded and rescinded ones are final.
type DecisionState string

const (
	DecProposed   DecisionState = "proposed"
	DecAdopted    DecisionState = "adopted"
	DecEndorsed   DecisionState = "endorsed"
	DecSuperseded DecisionState = "superseded"
	DecRescinded  DecisionState = "rescinded"
)

// Procedure is how a decision was taken.
type Procedure string

const (
	ProcedureMeeting Procedure = "meeting"
	ProcedureWritten Procedure = "written" // written procedure, outside a meeting
)

// Objection is a component's noted objection.
type Objection struct {
	ComponentID uuid.UUID `json:"component_id" doc:"component that objected"`
	Note        string    `json:"note" doc:"the objection as noted"`
}

// Decision is one decision of a mechanism.
type Decision struct {
	Base
	MechanismID uuid.UUID     `json:"mechanism_id"`
	Title       string        `json:"title"`
	State       DecisionState `json:"state"`
	Amendments  int           `json:"amendments"`
}

func (d *Decision) apply(p Payload) {
	switch e := p.(type) {
	case DecisionProposed:
		d.MechanismID, d.Title, d.State = e.MechanismID, e.Title, DecProposed
	case DecisionAdopted:
		d.State = DecAdopted
	case DecisionEndorsed:
		d.State = DecEndorsed
	case DecisionAmended:
		d.Amendments++
	case DecisionSuperseded:
		d.State = DecSuperseded
	case DecisionRescinded:
		d.State = DecRescinded
	}
}

// InForce reports whether the decision binds now.
func (d *Decision) InForce() bool {
	return d.State == DecAdopted || d.State == DecEndorsed
}

// Ref is the human-facing reference, e.g. "DEC-3F9C1A".
func (d *Decision) Ref() string { return ShortRef("DEC", d.ID) }
