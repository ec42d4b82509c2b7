package views

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// ComplianceName is the checkpoint key of the compliance register.
const ComplianceName = "compliance"

// Issue is a row of the compliance register.
type Issue struct {
	Meta
	Category           domain.Category `json:"category"`
	RuleReference      string          `json:"rule_reference,omitempty"`
	SubjectComponentID uuid.UUID       `json:"subject_component_id"`
	Severity           domain.Severity `json:"severity"`
	Summary            string          `json:"summary,omitempty"`
	ReporterPersonID   uuid.UUID       `json:"reporter_person_id,omitzero" reporter:"true"` // tagged as in the catalogue
	ReporterName       string          `json:"reporter_name,omitempty" personal:"true" reporter:"true"`
	// ReportedBy is the actor who recorded the report; never served, it lets
	// the API show the reporter to that actor (and to reviewers) alone.
	ReportedBy      string            `json:"-"`
	ExternalCaseRef string            `json:"external_case_ref,omitempty"`
	State           domain.IssueState `json:"state"`
	TriagedAt       time.Time         `json:"triaged_at,omitzero"` // first triage
	ClosedAt        time.Time         `json:"closed_at,omitzero"`  // resolved or dismissed; zero when open
	Reopened        int               `json:"reopened"`
	Measures        []Measure         `json:"measures,omitempty"`
	Referrals       []Referral        `json:"referrals,omitempty"`
}

// Measure is a corrective measure of an issue.
type Measure struct {
	ID               uuid.UUID   `json:"id"`
	Description      string      `json:"description"`
	OwnerComponentID uuid.UUID   `json:"owner_component_id"`
	DueAt            time.Time   `json:"due_at,omitzero"`
	State            string      `json:"state"` // proposed, agreed or completed
	AgreedBy         []uuid.UUID `json:"agreed_by,omitempty"`
}

// Referral is an external reference: the case in a competent body's system.
type Referral struct {
	Body          string `json:"body"`
	CaseReference string `json:"case_reference"`
}

// Open reports whether the issue is neither resolved nor dismissed.
func (i *Issue) Open() bool {
	return i.State != domain.IssueResolved && i.State != domain.IssueDismissed
}

// Compliance is the compliance register.
type Compliance struct {
	sync.RWMutex
	rows perOp[Issue]
	byID map[uuid.UUID]*Issue
}

// NewCompliance returns an empty register.
func NewCompliance() *Compliance {
	return &Compliance{rows: perOp[Issue]{}, byID: map[uuid.UUID]*Issue{}}
}

func (*Compliance) Name() string { return ComplianceName }

// Apply implements projections.Projection.
func (v *Compliance) Apply(e *projections.Event) error {
	if person, ok := erased(e); ok {
		v.erase(person)
		return nil
	}
	if e.Ref.Kind != domain.KindCompliance {
		return nil
	}
	if p, ok := e.Payload.(domain.ComplianceReported); ok {
		i := &Issue{Meta: newMeta(e), Category: p.Category, RuleReference: p.RuleReference,
			SubjectComponentID: p.SubjectComponentID, Severity: p.Severity, Summary: p.Summary,
			ReporterPersonID: p.ReporterPersonID, ReporterName: p.ReporterName,
			ExternalCaseRef: p.ExternalCaseRef, State: domain.IssueReported, ReportedBy: e.Env.Actor.ID}
		v.rows.put(i.OperationID, i.ID, i)
		v.byID[i.ID] = i
		return nil
	}
	if i := v.byID[e.Ref.ID]; i != nil {
		i.touch(e)
		i.apply(e)
	}
	return nil
}

func (i *Issue) apply(e *projections.Event) {
	switch p := e.Payload.(type) {
	case domain.ComplianceTriaged:
		i.State, i.Severity = domain.IssueTriaged, p.Severity
		if i.TriagedAt.IsZero() {
			i.TriagedAt = e.Env.OccurredAt
		}
	case domain.ComplianceMeasureProposed:
		i.Measures = append(i.Measures, Measure{ID: p.MeasureID, Description: p.Description,
			OwnerComponentID: p.OwnerComponentID, DueAt: p.DueAt, State: "proposed"})
	case domain.ComplianceMeasureAgreed:
		i.measure(p.MeasureID, func(m *Measure) { m.State, m.AgreedBy = "agreed", p.AgreedBy })
	case domain.ComplianceMeasureCompleted:
		i.measure(p.MeasureID, func(m *Measure) { m.State = "completed" })
	case domain.ComplianceReferred:
		i.Referrals = append(i.Referrals, Referral{Body: p.Body, CaseReference: p.CaseReference})
	case domain.ComplianceResolved:
		i.State, i.ClosedAt = domain.IssueResolved, e.Env.OccurredAt
	case domain.ComplianceDismissed:
		i.State, i.ClosedAt = domain.IssueDismissed, e.Env.OccurredAt
	case domain.ComplianceReopened:
		// as in the aggregate's fold, a reopened issue is back at triaged
		i.State, i.ClosedAt, i.Reopened = domain.IssueTriaged, time.Time{}, i.Reopened+1
	case domain.CorrectionRecorded:
		correct(i, p, issueFeeds)
	}
}

func (i *Issue) measure(id uuid.UUID, f func(*Measure)) {
	for k := range i.Measures {
		if i.Measures[k].ID == id {
			f(&i.Measures[k])
		}
	}
}

// issueFeeds are the columns of the register that corrected fields feed.
// The severity that counts is the triage's once triaged: a correction of
// the report's severity then finds the column changed and leaves it.
var issueFeeds = []feed[Issue]{
	column(domain.ComplianceReported{}, "category", func(i *Issue) *domain.Category { return &i.Category }),
	column(domain.ComplianceReported{}, "rule_reference", func(i *Issue) *string { return &i.RuleReference }),
	column(domain.ComplianceReported{}, "subject_component_id", func(i *Issue) *uuid.UUID { return &i.SubjectComponentID }),
	column(domain.ComplianceReported{}, "summary", func(i *Issue) *string { return &i.Summary }),
	column(domain.ComplianceReported{}, "external_case_ref", func(i *Issue) *string { return &i.ExternalCaseRef }),
	column(domain.ComplianceReported{}, "severity", func(i *Issue) *domain.Severity { return &i.Severity }),
	occurred(domain.ComplianceReported{}, func(i *Issue) *time.Time { return &i.CreatedAt }),
	column(domain.ComplianceTriaged{}, "severity", func(i *Issue) *domain.Severity { return &i.Severity }),
	occurred(domain.ComplianceTriaged{}, func(i *Issue) *time.Time { return &i.TriagedAt }),
	occurred(domain.ComplianceResolved{}, func(i *Issue) *time.Time { return &i.ClosedAt }),
	occurred(domain.ComplianceDismissed{}, func(i *Issue) *time.Time { return &i.ClosedAt }),
}
