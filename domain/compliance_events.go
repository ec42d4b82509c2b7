package domain

import (
	"time"

	"github.com/google/uuid"
)

// ComplianceReported flags a suspected breach of Movement rules. For cases
// handled by a competent body's own system (SEA, fraud, harassment) only the
// category, subject component and external case reference are kept.
type ComplianceReported struct {
	Category           Category  `json:"category" doc:"rule family: fundamental_principles, roles_agreements, emblem, resource_mobilisation, communication_visibility, code_of_conduct, sea, fraud, harassment"`
	RuleReference      string    `json:"rule_reference,omitempty" doc:"the rule or clause concerned, e.g. 'Seville Agreement 2.0 art. 6'"`
	SubjectComponentID uuid.UUID `json:"subject_component_id" doc:"component whose conduct is in question"`
	Severity           Severity  `json:"severity" doc:"low, medium, high or critical"`
	Summary            string    `json:"summary,omitempty" doc:"what happened; never present for SEA, fraud or harassment"`
	ReporterPersonID   uuid.UUID `json:"reporter_person_id,omitzero" doc:"pseudonymous id of the reporter; shown to reviewers and whoever recorded the report" reporter:"true"`
	ReporterName       string    `json:"reporter_name,omitempty" doc:"reporter's name" personal:"true" reporter:"true"`
	ExternalCaseRef    string    `json:"external_case_ref,omitempty" doc:"case reference in the competent body's own system"`
}

// ComplianceTriaged records the first assessment.
type ComplianceTriaged struct {
	Severity Severity `json:"severity" doc:"severity after triage"`
	Note     string   `json:"note" doc:"triage assessment"`
}

// ComplianceMeasureProposed proposes a corrective measure.
type ComplianceMeasureProposed struct {
	MeasureID        uuid.UUID `json:"measure_id" doc:"id of the measure within the issue"`
	Description      string    `json:"description" doc:"what is to be corrected and how"`
	OwnerComponentID uuid.UUID `json:"owner_component_id" doc:"component that carries out the measure"`
	DueAt            time.Time `json:"due_at,omitzero" doc:"when it is due"`
}

// ComplianceMeasureAgreed records agreement on a proposed measure.
type ComplianceMeasureAgreed struct {
	MeasureID uuid.UUID   `json:"measure_id" doc:"measure agreed"`
	AgreedBy  []uuid.UUID `json:"agreed_by" doc:"components that agreed to it"`
}

// ComplianceMeasureCompleted records that an agreed measure was carried out.
type ComplianceMeasureCompleted struct {
	MeasureID uuid.UUID `json:"measure_id" doc:"measure carried out"`
	Note      string    `json:"note,omitempty" doc:"how"`
}

// ComplianceReferred records a referral to a competent body; only its case
// reference is kept, never the allegation.
type ComplianceReferred struct {
	Body          string `json:"body" doc:"competent body the case was referred to"`
	CaseReference string `json:"case_reference" doc:"case reference in that body's system"`
}

// ComplianceResolved closes the issue with a resolution note.
type ComplianceResolved struct {
	ResolutionNote string `json:"resolution_note" doc:"how the issue was resolved"`
}

// ComplianceDismissed closes the issue as unfounded or out of scope.
type ComplianceDismissed struct {
	Note string `json:"note" doc:"why it was dismissed"`
}

// ComplianceReopened reopens a resolved or dismissed issue.
type ComplianceReopened struct {
	Reason string `json:"reason" doc:"why it was reopened"`
}

func (ComplianceReported) EventType() string         { return "compliance.reported.v1" }
func (ComplianceTriaged) EventType() string          { return "compliance.triaged.v1" }
func (ComplianceMeasureProposed) EventType() string  { return "compliance.measure_proposed.v1" }
func (ComplianceMeasureAgreed) EventType() string    { return "compliance.measure_agreed.v1" }
func (ComplianceMeasureCompleted) EventType() string { return "compliance.measure_completed.v1" }
func (ComplianceReferred) EventType() string         { return "compliance.referred.v1" }
func (ComplianceResolved) EventType() string         { return "compliance.resolved.v1" }
func (ComplianceDismissed) EventType() string        { return "compliance.dismissed.v1" }
func (ComplianceReopened) EventType() string         { return "compliance.reopened.v1" }

var complianceEvents = []eventSpec{
	spec[ComplianceReported](KindCompliance, "A suspected breach of Movement rules was reported."),
	spec[ComplianceTriaged](KindCompliance, "The issue was triaged."),
	spec[ComplianceMeasureProposed](KindCompliance, "A corrective measure was proposed."),
	spec[ComplianceMeasureAgreed](KindCompliance, "A corrective measure was agreed."),
	spec[ComplianceMeasureCompleted](KindCompliance, "An agreed corrective measure was carried out."),
	spec[ComplianceReferred](KindCompliance, "The case was referred to a competent body (case reference only)."),
	spec[ComplianceResolved](KindCompliance, "The issue was resolved."),
	spec[ComplianceDismissed](KindCompliance, "The issue was dismissed."),
	spec[ComplianceReopened](KindCompliance, "A resolved or dismissed issue was reopened."),
}
