package domain

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestExternallyHandledCasesKeepNoAllegation(t *testing.T) {
	t.Parallel()
	for _, cat := range []Category{CatSEA, CatFraud, CatHarassment} {
		cases := []struct {
			name  string
			edit  func(*ReportIssue)
			want  *Error
			field string
		}{
			{"case reference only", func(*ReportIssue) {}, nil, ""},
			{"with allegation", func(c *ReportIssue) { c.Summary = "what happened" }, ErrAllegationForbidden, "summary"},
			{"with reporter", func(c *ReportIssue) { c.ReporterName = "X" }, ErrAllegationForbidden, "reporter_name"},
			{"without case reference", func(c *ReportIssue) { c.ExternalCaseRef = "" }, ErrRequired, "external_case_ref"},
		}
		for _, tc := range cases {
			t.Run(string(cat)+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				f := standard(t)
				cmd := ReportIssue{Header: f.hdr(), ID: uuid.New(), Category: cat, SubjectComponentID: f.pns,
					Severity: SevHigh, ExternalCaseRef: "IFRC-IC-2026-0042"}
				tc.edit(&cmd)
				evs, err := f.when(cmd)
				if tc.want == nil {
					e := thenOne[ComplianceReported](t, evs, err)
					require.Empty(t, e.Summary)
					return
				}
				de := thenRefused(t, evs, err, tc.want)
				require.Equal(t, tc.field, de.Field)
			})
		}
	}
}

func TestReportNeedsKnownSubject(t *testing.T) {
	t.Parallel()
	f := standard(t)
	cmd := ReportIssue{Header: f.hdr(), ID: uuid.New(), Category: CatResourceMobilisation, RuleReference: "Movement fundraising principles",
		SubjectComponentID: uuid.New(), Severity: SevMedium, Summary: "street fundraising without HNS agreement"}
	evs, err := f.when(cmd)
	thenRefused(t, evs, err, ErrNotFound)
	cmd.SubjectComponentID = f.gone // a withdrawn component can still be the subject
	evs, err = f.when(cmd)
	thenOne[ComplianceReported](t, evs, err)
}

// givenIssue is a triaged emblem issue about the PNS.
func (f *fixture) givenIssue(events ...Payload) uuid.UUID {
	id := uuid.New()
	f.given(Ref{KindCompliance, id}, append([]Payload{
		ComplianceReported{Category: CatEmblem, SubjectComponentID: f.pns, Severity: SevMedium, Summary: "s"},
		ComplianceTriaged{Severity: SevMedium, Note: "n"},
	}, events...)...)
	return id
}

func TestResolveNeedsNoteAndNoOpenAgreedMeasures(t *testing.T) {
	t.Parallel()
	m1 := uuid.New()
	cases := []struct {
		name  string
		given []Payload
		note  string
		want  *Error
	}{
		{"no note", nil, "", ErrRequired},
		{"plain", nil, "logo removed", nil},
		{"proposed measure not agreed", []Payload{ComplianceMeasureProposed{MeasureID: m1}}, "ok", nil},
		{"agreed measure open", []Payload{ComplianceMeasureProposed{MeasureID: m1}, ComplianceMeasureAgreed{MeasureID: m1}}, "ok", ErrOpenMeasures},
		{"agreed measure done", []Payload{ComplianceMeasureProposed{MeasureID: m1}, ComplianceMeasureAgreed{MeasureID: m1},
			ComplianceMeasureCompleted{MeasureID: m1}}, "ok", nil},
		{"already resolved", []Payload{ComplianceResolved{ResolutionNote: "x"}}, "ok", ErrWrongState},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			id := f.givenIssue(tc.given...)
			evs, err := f.when(ResolveIssue{Header: f.hdr(), ID: id, ResolutionNote: tc.note})
			if tc.want != nil {
				thenRefused(t, evs, err, tc.want)
				return
			}
			thenOne[ComplianceResolved](t, evs, err)
		})
	}
}

func TestCorrectiveMeasureFlow(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenIssue()
	evs, err := f.when(ProposeMeasure{Header: f.hdr(), ID: id, Description: "remove logo", OwnerComponentID: f.pns})
	proposed := thenOne[ComplianceMeasureProposed](t, evs, err)
	f.given(Ref{KindCompliance, id}, proposed)

	evs, err = f.when(CompleteMeasure{Header: f.hdr(), ID: id, MeasureID: proposed.MeasureID})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(AgreeMeasure{Header: f.hdr(), ID: id, MeasureID: uuid.New(), AgreedBy: []uuid.UUID{f.pns}})
	thenRefused(t, evs, err, ErrMeasureUnknown)
	evs, err = f.when(AgreeMeasure{Header: f.hdr(), ID: id, MeasureID: proposed.MeasureID, AgreedBy: []uuid.UUID{f.pns, f.hns}})
	f.given(Ref{KindCompliance, id}, thenOne[ComplianceMeasureAgreed](t, evs, err))
	evs, err = f.when(CompleteMeasure{Header: f.hdr(), ID: id, MeasureID: proposed.MeasureID})
	thenOne[ComplianceMeasureCompleted](t, evs, err)
}

func TestReferDismissReopen(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenIssue()
	evs, err := f.when(ReferIssue{Header: f.hdr(), ID: id, Body: "IFRC integrity line"})
	thenRefused(t, evs, err, ErrRequired)
	evs, err = f.when(ReferIssue{Header: f.hdr(), ID: id, Body: "IFRC integrity line", CaseReference: "C-1"})
	thenOne[ComplianceReferred](t, evs, err)

	evs, err = f.when(DismissIssue{Header: f.hdr(), ID: id})
	thenRefused(t, evs, err, ErrRequired)
	evs, err = f.when(DismissIssue{Header: f.hdr(), ID: id, Note: "logo was authorised"})
	f.given(Ref{KindCompliance, id}, thenOne[ComplianceDismissed](t, evs, err))

	evs, err = f.when(TriageIssue{Header: f.hdr(), ID: id, Severity: SevLow, Note: "n"})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(ReopenIssue{Header: f.hdr(), ID: id})
	thenRefused(t, evs, err, ErrReasonRequired)
	evs, err = f.when(ReopenIssue{Header: f.hdr(), ID: id, Reason: "new evidence"})
	thenOne[ComplianceReopened](t, evs, err)
}
