package domain

import "github.com/google/uuid"

// ReportIssue flags a suspected breach. For SEA, fraud and harassment the
// command refuses any allegation text or reporter: those cases live in the
// competent body's system and the ledger keeps only its case reference.
type ReportIssue struct {
	Header
	ID                 uuid.UUID `json:"id"`
	Category           Category  `json:"category"`
	RuleReference      string    `json:"rule_reference"`
	SubjectComponentID uuid.UUID `json:"subject_component_id"`
	Severity           Severity  `json:"severity"`
	Summary            string    `json:"summary"`
	ReporterPersonID   uuid.UUID `json:"reporter_person_id"`
	ReporterName       string    `json:"reporter_name"`
	ExternalCaseRef    string    `json:"external_case_ref"`
}

func (c ReportIssue) Target() Ref { return Ref{KindCompliance, c.ID} }
func (ReportIssue) creates()      {}

func (c ReportIssue) decide(s *Scope) ([]Payload, error) {
	if err := firstErr(checkEnum("category", c.Category), c.Severity.check("severity")); err != nil {
		return nil, err
	}
	if err := c.checkContent(); err != nil {
		return nil, err
	}
	// A withdrawn component can still be the subject of an issue about its past conduct.
	if _, err := load[*Component](s, KindComponent, c.SubjectComponentID, "subject_component_id"); err != nil {
		return nil, err
	}
	return one(ComplianceReported{Category: c.Category, RuleReference: c.RuleReference,
		SubjectComponentID: c.SubjectComponentID, Severity: c.Severity, Summary: c.Summary,
		ReporterPersonID: c.ReporterPersonID, ReporterName: c.ReporterName, ExternalCaseRef: c.ExternalCaseRef})
}

func (c ReportIssue) checkContent() error {
	if !c.Category.HandledExternally() {
		return firstErr(required("summary", c.Summary), required("rule_reference", c.RuleReference))
	}
	switch {
	case c.Summary != "":
		return ErrAllegationForbidden.at("summary", "%s cases are handled by the competent body; record only its case reference, never the allegation", c.Category)
	case c.ReporterName != "" || c.ReporterPersonID != uuid.Nil:
		return ErrAllegationForbidden.at("reporter_name", "%s cases are handled by the competent body; do not record who reported it", c.Category)
	}
	return required("external_case_ref", c.ExternalCaseRef)
}

// TriageIssue records the first assessment of a reported issue.
type TriageIssue struct {
	Header
	ID       uuid.UUID `json:"id"`
	Severity Severity  `json:"severity"`
	Note     string    `json:"note" required:"true"`
}

func (c TriageIssue) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c TriageIssue) decide(s *Scope) ([]Payload, error) {
	is := self[*ComplianceIssue](s)
	if is.State != IssueReported {
		return nil, ErrWrongState.withf("issue %s is %s; only a newly reported issue is triaged", is.Ref(), is.State)
	}
	if err := c.Severity.check("severity"); err != nil {
		return nil, err
	}
	return one(ComplianceTriaged{Severity: c.Severity, Note: c.Note})
}

// ReferIssue refers the case to a competent body, keeping only its case reference.
type ReferIssue struct {
	Header
	ID            uuid.UUID `json:"id"`
	Body          string    `json:"body" required:"true"`
	CaseReference string    `json:"case_reference" required:"true"`
}

func (c ReferIssue) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c ReferIssue) decide(s *Scope) ([]Payload, error) {
	if _, err := openIssue(s); err != nil {
		return nil, err
	}
	return one(ComplianceReferred{Body: c.Body, CaseReference: c.CaseReference})
}

func openIssue(s *Scope) (*ComplianceIssue, error) {
	is := self[*ComplianceIssue](s)
	if !is.Open() {
		return nil, ErrWrongState.withf("issue %s is %s; reopen it first", is.Ref(), is.State)
	}
	return is, nil
}
