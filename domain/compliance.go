package domain

import (
	"slices"

	"github.com/google/uuid"
)

// Category is the family of Movement rules a compliance issue is about.
type Category string

const (
	CatFundamentalPrinciples   Category = "fundamental_principles"
	CatRolesAgreements         Category = "roles_agreements"
	CatEmblem                  Category = "emblem"
	CatResourceMobilisation    Category = "resource_mobilisation"
	CatCommunicationVisibility Category = "communication_visibility"
	CatCodeOfConduct           Category = "code_of_conduct"
	CatSEA                     Category = "sea" // sexual exploitation and abuse
	CatFraud                   Category = "fraud"
	CatHarassment              Category = "harassment"
)

// HandledExternally reports whether the competent body's own case system
// holds the case, so the ledger keeps no allegation.
func (c Category) HandledExternally() bool {
	return c == CatSEA || c == CatFraud || c == CatHarassment
}

// Severity of a compliance issue.
type Severity string

const (
	SevLow      Severity = "low"
	SevMedium   Severity = "medium"
	SevHigh     Severity = "high"
	SevCritical Severity = "critical"
)

func (s Severity) check(field string) error {
	return checkEnum(field, s)
}

// IssueState is where a compliance issue stands.
type IssueState string

const (
	IssueReported  IssueState = "reported"
	IssueTriaged   IssueState = "triaged"
	IssueResolved  IssueState = "resolved"
	IssueDismissed IssueState = "dismissed"
)

// Measure is a corrective measure on an issue.
type Measure struct {
	ID        uuid.UUID `json:"id"`
	Agreed    bool      `json:"agreed"`
	Completed bool      `json:"completed"`
}

// ComplianceIssue is a flag raised about a suspected breach.
type ComplianceIssue struct {
	Base
	Category Category      `json:"category"`
	Subject  uuid.UUID     `json:"subject"`
	Severity Severity      `json:"severity"`
	State    IssueState    `json:"state"`
	Referred bool          `json:"referred"`
	Measures List[Measure] `json:"measures"`
}

func (c *ComplianceIssue) apply(p Payload) {
	switch e := p.(type) {
	case ComplianceReported:
		c.Category, c.Subject, c.Severity, c.State = e.Category, e.SubjectComponentID, e.Severity, IssueReported
	case ComplianceTriaged:
		c.Severity, c.State = e.Severity, IssueTriaged
	case ComplianceMeasureProposed:
		c.Measures = append(c.Measures, Measure{ID: e.MeasureID})
	case ComplianceMeasureAgreed:
		c.measure(e.MeasureID).Agreed = true
	case ComplianceMeasureCompleted:
		c.measure(e.MeasureID).Completed = true
	case ComplianceReferred:
		c.Referred = true
	case ComplianceResolved:
		c.State = IssueResolved
	case ComplianceDismissed:
		c.State = IssueDismissed
	case ComplianceReopened:
		c.State = IssueTriaged
	}
}

// measure returns the measure with the id; apply only sees valid ids, and a
// throwaway value keeps apply from ever failing if one were missing.
func (c *ComplianceIssue) measure(id uuid.UUID) *Measure {
	i := slices.IndexFunc(c.Measures, func(m Measure) bool { return m.ID == id })
	if i < 0 {
		return &Measure{}
	}
	return &c.Measures[i]
}

// Open reports whether the issue is still being handled.
func (c *ComplianceIssue) Open() bool {
	return c.State == IssueReported || c.State == IssueTriaged
}

// OpenAgreedMeasures counts agreed measures not yet carried out.
func (c *ComplianceIssue) OpenAgreedMeasures() int {
	n := 0
	for _, m := range c.Measures {
		if m.Agreed && !m.Completed {
			n++
		}
	}
	return n
}

// Ref is the human-facing reference, e.g. "CI-3F9C1A".
func (c *ComplianceIssue) Ref() string { return ShortRef("CI", c.ID) }
