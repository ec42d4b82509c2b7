package domain

import (
	"slices"

	"github.com/google/uuid"
)

// Level of a coordination mechanism, lowest to highest.
type Level string

const (
	LevelTechnical   Level = "technical"
	LevelOperational Level = "operational"
	LevelStrategic   Level = "strategic"
)

// rank orders levels so that endorsement can require a higher one.
func (l Level) rank() int {
	return slices.Index([]Level{LevelTechnical, LevelOperational, LevelStrategic}, l)
}

// DecisionRule is how a mechanism decides.
type DecisionRule string

const (
	RuleConsensus DecisionRule = "consensus" // adopted when no member objects
	RuleMajority  DecisionRule = "majority"  // adopted when more members agree than object
)

// Mechanism is a standing coordination body.
type Mechanism struct {
	Base
	Name      string          `json:"name"`
	Level     Level           `json:"level"`
	Rule      DecisionRule    `json:"rule"`
	Quorum    int             `json:"quorum"`
	Members   List[uuid.UUID] `json:"members"`
	Dissolved bool            `json:"dissolved"`
}

func (m *Mechanism) apply(p Payload) {
	switch e := p.(type) {
	case MechanismEstablished:
		m.Name, m.Level, m.Rule, m.Quorum = e.Name, e.Level, e.DecisionRule, e.Quorum
	case MechanismMemberAdded:
		m.Members = append(m.Members, e.ComponentID)
	case MechanismMemberRemoved:
		m.Members = slices.DeleteFunc(slices.Clone(m.Members), func(id uuid.UUID) bool { return id == e.ComponentID })
	case MechanismDecisionRuleChanged:
		m.Rule, m.Quorum = e.DecisionRule, e.Quorum
	case MechanismDissolved:
		m.Dissolved = true
	}
}

// IsMember reports whether a component is a member.
func (m *Mechanism) IsMember(id uuid.UUID) bool { return slices.Contains(m.Members, id) }

// QuorumMet reports whether the member components present reach the quorum.
func (m *Mechanism) QuorumMet(present []uuid.UUID) bool {
	n := 0
	for _, id := range present {
		if m.IsMember(id) {
			n++
		}
	}
	return n >= m.Quorum
}
