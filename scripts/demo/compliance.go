package demo

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// compliance records two flags: a fundraising breach that is escalated twice
// and resolved, and an emblem report that is dismissed.
func (s *script) compliance(m bodies) uuid.UUID {
	h := func(key string, day, hour int) domain.Header {
		return s.header(key, s.at(day, hour), domain.ClassConfidential)
	}
	issue := s.do(domain.ReportIssue{Header: h("issue-fundraising", 9, 10), Category: domain.CatResourceMobilisation,
		RuleReference:      "Principles and Rules for Red Cross and Red Crescent Humanitarian Assistance, resource mobilisation in the host country",
		SubjectComponentID: m.nrc, Severity: domain.SevMedium,
		Summary:          "Public fundraising appeal in Kathmandu without agreement of the host National Society",
		ReporterPersonID: PersonID("hns-dm"), ReporterName: "Sita Gurung"})
	s.do(domain.TriageIssue{Header: h("triage-fundraising", 10, 9), ID: issue, Severity: domain.SevHigh, Note: "appeal still online"})
	s.do(domain.ProposeMeasure{Header: h("measure-fundraising", 10, 11), ID: issue,
		Description: "Take the appeal offline and agree a joint appeal through the NRCS", OwnerComponentID: m.nrc, DueAt: s.day(17, 17)})
	first := s.do(domain.RaiseEscalation{Header: h("escalate-fundraising-1", 12, 9), SubjectKind: domain.KindCompliance,
		SubjectID: issue, Rung: "ops_committee", Reason: "no answer from the component within 48 hours"})
	s.do(domain.AcknowledgeEscalation{Header: h("ack-fundraising-1", 12, 15), ID: first, Note: "on the agenda of week 2"})
	s.do(domain.EscalateFurther{Header: h("escalate-fundraising-2", 15, 9), ID: first, Rung: "platform",
		Reason: "the committee could not agree; the appeal is still running"})
	s.do(domain.AcknowledgeEscalation{Header: h("ack-fundraising-2", 15, 14), ID: first, Note: "heads of delegation to discuss"})
	s.do(domain.AnswerEscalation{Header: h("answer-fundraising", 17, 10), ID: first,
		Answer: "The appeal stops today; funds raised go to the joint appeal"})
	s.agreeAndResolve(m, issue, first)

	emblem := s.do(domain.ReportIssue{Header: h("issue-emblem", 14, 10), Category: domain.CatEmblem,
		RuleReference: "1991 Regulations on the use of the emblem", SubjectComponentID: m.brc, Severity: domain.SevLow,
		Summary:          "Emblem reported on a private truck hired for distributions",
		ReporterPersonID: PersonID("ifrc-hoo"), ReporterName: "Marco Bianchi"})
	s.do(domain.DismissIssue{Header: h("dismiss-emblem", 16, 10), ID: emblem,
		Note: "the truck carried the BRC logo under an agreed visibility plan, not the protective emblem"})
	return issue
}

func (s *script) agreeAndResolve(m bodies, issue, escalation uuid.UUID) {
	h := func(key string, day int) domain.Header { return s.header(key, s.at(day, 11), domain.ClassConfidential) }
	if s.err != nil {
		return
	}
	state, err := s.led.Load(s.ctx, domain.Ref{Kind: domain.KindCompliance, ID: issue})
	if err != nil {
		s.err = fmt.Errorf("demo: load compliance issue %s: %w", issue, err)
		return
	}
	var measure uuid.UUID
	if ci, ok := state.(*domain.ComplianceIssue); ok {
		for _, ms := range ci.Measures {
			measure = ms.ID
		}
	}
	s.do(domain.AgreeMeasure{Header: h("agree-fundraising", 17), ID: issue, MeasureID: measure, AgreedBy: []uuid.UUID{m.hns, m.nrc, m.ifrc}})
	s.do(domain.CompleteMeasure{Header: h("complete-fundraising", 19), ID: issue, MeasureID: measure, Note: "appeal taken offline; joint appeal launched"})
	s.do(domain.ResolveEscalation{Header: h("resolve-escalation-fundraising", 19), ID: escalation, Note: "answered and carried out"})
	s.do(domain.ResolveIssue{Header: h("resolve-fundraising", 20), ID: issue,
		ResolutionNote: "Appeal withdrawn; funds transferred to the joint emergency appeal"})
}

// lessons records the joint review's findings and a response.
func (s *script) lessons(m bodies, issue uuid.UUID) {
	h := func(key string, day int) domain.Header { return s.header(key, s.at(day, 14), domain.ClassMovement) }
	l1 := s.do(domain.RecordLesson{Header: h("lesson-fundraising", 35), Source: domain.SourceJointReview,
		Observation:    "Partner appeals started before the joint appeal was agreed",
		Recommendation: "Agree the resource mobilisation plan in the first operations committee"})
	s.do(domain.LinkLesson{Header: h("lesson-fundraising-link", 35), ID: l1, TargetKind: domain.KindCompliance, TargetID: issue})
	s.do(domain.RespondToLesson{Header: h("lesson-fundraising-response", 38), ID: l1, Response: domain.ResponseAccepted,
		Note: "added to the operations committee terms of reference", ResponderComponentID: m.hns})
	s.do(domain.RecordLesson{Header: h("lesson-minutes", 36), Source: domain.SourceRTE,
		Observation:    "Minutes of the shelter working group were never approved",
		Recommendation: "Approve minutes at the start of the next meeting"})
}
