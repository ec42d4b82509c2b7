package domain

import "time"

// ComponentJoined records an organisation joining the operation.
type ComponentJoined struct {
	Name    string        `json:"name" doc:"name of the organisation"`
	Acronym string        `json:"acronym,omitempty" doc:"short name, e.g. 'SRCS'"`
	Kind    ComponentKind `json:"kind" doc:"HNS, ICRC, IFRC, PNS or external"`
	Country string        `json:"country,omitempty" doc:"ISO 3166-1 alpha-3 country of a National Society"`
}

// ComponentAgreementSigned records the coordination agreement signature.
type ComponentAgreementSigned struct {
	AgreementRef string    `json:"agreement_ref" doc:"reference of the signed coordination agreement"`
	SignedAt     time.Time `json:"signed_at" doc:"when it was signed"`
}

// ComponentStaffingReported records staffing figures at a date.
type ComponentStaffingReported struct {
	AsOf               time.Time `json:"as_of" doc:"date the figures describe"`
	NationalStaff      int       `json:"national_staff" doc:"national staff in the operation"`
	InternationalStaff int       `json:"international_staff" doc:"international staff in the operation"`
	Volunteers         int       `json:"volunteers" doc:"active volunteers in the operation"`
}

// ComponentWithdrawn records a component leaving the operation (final).
type ComponentWithdrawn struct {
	Reason string `json:"reason" doc:"why the component withdrew"`
}

func (ComponentJoined) EventType() string { return "component.joined.v1" }

func (ComponentAgreementSigned) EventType() string { return "component.agreement_signed.v1" }

func (ComponentStaffingReported) EventType() string { return "component.staffing_reported.v1" }

func (ComponentWithdrawn) EventType() string { return "component.withdrawn.v1" }

var componentEvents = []eventSpec{
	spec[ComponentJoined](KindComponent, "An organisation joined the operation."),
	spec[ComponentAgreementSigned](KindComponent, "The component signed the coordination agreement."),
	spec[ComponentStaffingReported](KindComponent, "The component reported its staffing figures."),
	spec[ComponentWithdrawn](KindComponent, "The component withdrew from the operation."),
}
