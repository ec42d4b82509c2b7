package domain

import "github.com/google/uuid"

// ResolveIssue closes an issue. It needs a resolution note and no agreed
// corrective measure may still be open.
type ResolveIssue struct {
	Header
	ID             uuid.UUID `json:"id"`
	ResolutionNote string    `json:"resolution_note" required:"true"`
}

func (c ResolveIssue) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c ResolveIssue) decide(s *Scope) ([]Payload, error) {
	is, err := openIssue(s)
	if err != nil {
		return nil, err
	}
	if n := is.OpenAgreedMeasures(); n > 0 {
		return nil, ErrOpenMeasures.withf("issue %s has %d agreed corrective measure(s) not yet carried out; complete them before resolving", is.Ref(), n)
	}
	return one(ComplianceResolved{ResolutionNote: c.ResolutionNote})
}

// DismissIssue closes an issue as unfounded, with a note.
type DismissIssue struct {
	Header
	ID   uuid.UUID `json:"id"`
	Note string    `json:"note" required:"true"`
}

func (c DismissIssue) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c DismissIssue) decide(s *Scope) ([]Payload, error) {
	if _, err := openIssue(s); err != nil {
		return nil, err
	}
	return one(ComplianceDismissed{Note: c.Note})
}

// ReopenIssue reopens a resolved or dismissed issue.
type ReopenIssue struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c ReopenIssue) Target() Ref { return Ref{KindCompliance, c.ID} }

func (c ReopenIssue) decide(s *Scope) ([]Payload, error) {
	is := self[*ComplianceIssue](s)
	if is.Open() {
		return nil, ErrWrongState.withf("issue %s is still %s; there is nothing to reopen", is.Ref(), is.State)
	}
	return one(ComplianceReopened{Reason: c.Reason})
}
