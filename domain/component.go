package domain

// ComponentKind is the kind of organisation taking part.
type ComponentKind string

const (
	ComponentHNS      ComponentKind = "HNS"      // host National Society
	ComponentICRC     ComponentKind = "ICRC"     // International Committee of the Red Cross
	ComponentIFRC     ComponentKind = "IFRC"     // International Federation
	ComponentPNS      ComponentKind = "PNS"      // Partner National Society
	ComponentExternal ComponentKind = "external" // partner outside the Movement
)

func (k ComponentKind) check(field string) error {
	return checkEnum(field, k)
}

// Component is an organisation taking part in one operation.
type Component struct {
	Base
	Name            string                    `json:"name"`
	Kind            ComponentKind             `json:"kind"`
	AgreementSigned bool                      `json:"agreement_signed"`
	Withdrawn       bool                      `json:"withdrawn"`
	Staffing        ComponentStaffingReported `json:"staffing"`
}

func (c *Component) apply(p Payload) {
	switch e := p.(type) {
	case ComponentJoined:
		c.Name, c.Kind = e.Name, e.Kind
	case ComponentAgreementSigned:
		c.AgreementSigned = true
	case ComponentStaffingReported:
		c.Staffing = e
	case ComponentWithdrawn:
		c.Withdrawn = true
	}
}
