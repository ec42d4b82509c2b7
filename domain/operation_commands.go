package domain

import (
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
)

// OpenOperation starts a response. ID may be zero: the service then chooses it.
type OpenOperation struct {
	Header
	ID          uuid.UUID `json:"id"`
	Name        string    `json:"name" required:"true"`
	Country     string    `json:"country"`
	CrisisType  string    `json:"crisis_type" required:"true"`
	Glide       string    `json:"glide"`
	ExternalID  string    `json:"external_id"`
	StartedAt   time.Time `json:"started_at" required:"true"`
	Phase       Phase     `json:"phase"` // defaults to emergency
	Severity    string    `json:"severity" required:"true"`
	Description string    `json:"description"`
}

func (c OpenOperation) Target() Ref { return Ref{KindOperation, c.ID} }
func (OpenOperation) creates()      {}

func (c OpenOperation) decide(s *Scope) ([]Payload, error) {
	if c.Phase == "" {
		c.Phase = PhaseEmergency
	}
	err := firstErr(countryCode(c.Country), oneOf("phase", c.Phase, PhaseEmergency, PhaseRecovery))
	if err != nil {
		return nil, err
	}
	return one(OperationOpened{Name: c.Name, Country: strings.ToUpper(c.Country), CrisisType: c.CrisisType,
		Glide: c.Glide, ExternalID: c.ExternalID, StartedAt: c.StartedAt.UTC(), Phase: c.Phase,
		Severity: c.Severity, Description: c.Description})
}

func countryCode(code string) error {
	if len(code) != 3 || strings.ToUpper(code) != strings.Map(upperLetter, code) {
		return ErrInvalid.at("country", "country %q is not an ISO 3166-1 alpha-3 code such as SDN or UKR", code)
	}
	return nil
}

func upperLetter(r rune) rune {
	if r >= 'a' && r <= 'z' {
		return r - 'a' + 'A'
	}
	if r >= 'A' && r <= 'Z' {
		return r
	}
	return -1
}

// ChangeSeverity records a new severity assessment.
type ChangeSeverity struct {
	Header
	ID       uuid.UUID `json:"id"`
	Severity string    `json:"severity" required:"true"`
	Reason   string    `json:"reason" required:"reason"`
}

func (c ChangeSeverity) Target() Ref { return Ref{KindOperation, c.ID} }

func (c ChangeSeverity) decide(s *Scope) ([]Payload, error) {
	return one(OperationSeverityChanged{Severity: c.Severity, Reason: c.Reason})
}

// ChangePhase moves the operation to another phase; closing is final.
type ChangePhase struct {
	Header
	ID     uuid.UUID `json:"id"`
	Phase  Phase     `json:"phase"`
	Reason string    `json:"reason" required:"reason"`
}

func (c ChangePhase) Target() Ref { return Ref{KindOperation, c.ID} }

func (c ChangePhase) decide(s *Scope) ([]Payload, error) {
	err := checkEnum("phase", c.Phase)
	if err != nil {
		return nil, err
	}
	if c.Phase == s.Op.Phase {
		return nil, ErrWrongState.at("phase", "operation %q is already in phase %s", s.Op.Name, c.Phase)
	}
	return one(OperationPhaseChanged{From: s.Op.Phase, To: c.Phase, Reason: c.Reason})
}

// SetConveningRule sets the data-driven rule for who convenes.
type SetConveningRule struct {
	Header
	ID          uuid.UUID       `json:"id"`
	AllOf       []ComponentKind `json:"all_of"`
	AnyOf       []ComponentKind `json:"any_of"`
	Description string          `json:"description" required:"true"`
}

func (c SetConveningRule) Target() Ref { return Ref{KindOperation, c.ID} }

func (c SetConveningRule) decide(s *Scope) ([]Payload, error) {
	if len(c.AllOf)+len(c.AnyOf) == 0 {
		return nil, ErrRequired.at("all_of", "name at least one component kind that convenes")
	}
	if err := firstErr(kindsValid("all_of", c.AllOf), kindsValid("any_of", c.AnyOf)); err != nil {
		return nil, err
	}
	return one(OperationConveningRuleSet{AllOf: c.AllOf, AnyOf: c.AnyOf, Description: c.Description})
}

func kindsValid(field string, kinds []ComponentKind) error {
	for _, k := range kinds {
		if err := k.check(field); err != nil {
			return err
		}
	}
	return nil
}

// SetEscalationLadder sets the ordered bodies escalations climb, lowest first.
type SetEscalationLadder struct {
	Header
	ID    uuid.UUID `json:"id"`
	Rungs []Rung    `json:"rungs"`
}

func (c SetEscalationLadder) Target() Ref { return Ref{KindOperation, c.ID} }

func (c SetEscalationLadder) decide(s *Scope) ([]Payload, error) {
	if len(c.Rungs) == 0 {
		return nil, ErrRequired.at("rungs", "a ladder needs at least one body")
	}
	seen := map[string]bool{}
	for _, r := range c.Rungs {
		if r.Key == "" || r.Name == "" || seen[r.Key] {
			return nil, ErrInvalid.at("rungs", "every rung needs a unique key and a name (%q is missing or repeated)", r.Key)
		}
		seen[r.Key] = true
	}
	return one(OperationEscalationLadderSet{Rungs: slices.Clone(c.Rungs)})
}
