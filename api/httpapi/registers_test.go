package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/views"
)

func TestActionPointRegister(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.raiseAP("Deploy ORPs")
	e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Hygiene kits",
		"owner_component_id": e.pns, "owner_name": "Mehmet Yilmaz"})
	blocked := e.raiseAP("Water trucking")
	r := e.cmd(e.officer, "actionpoint.block", map[string]any{"id": blocked, "reason": "no fuel"})
	last := httpapitest.Decode[recorder.Result](t, r).Position
	base := fmt.Sprintf("/api/v1/operations/%s/action-points?at_least=%d", e.op, last)

	all := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, e.get(e.officer, base))
	require.Len(t, all.Items, 3, "the read waited for the views to reach the last write")
	require.Equal(t, "Mehmet Yilmaz", all.Items[1].Owner.Name)

	only := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, e.get(e.officer, base+"&state=blocked"))
	require.Len(t, only.Items, 1)
	require.Equal(t, blocked, only.Items[0].ID)

	page := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, e.get(e.officer, base+"&limit=2"))
	require.Len(t, page.Items, 2)
	rest := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, e.get(e.officer, base+"&limit=2&cursor="+page.NextCursor))
	require.Len(t, rest.Items, 1)
	require.Empty(t, rest.NextCursor)

	analyst := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, e.get(e.analyst, base))
	require.Empty(t, analyst.Items[1].Owner.Name, "no personal data for analysts")
	require.Equal(t, http.StatusForbidden, e.get(e.stranger, base).Status)
}

func TestOperationsListShowsWhatTheTokenMayRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// The officer's last write is after both operations were opened.
	last := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "title": "t"})).Position
	path := fmt.Sprintf("/api/v1/operations?at_least=%d", last)
	require.Len(t, httpapitest.Decode[httpapi.Register[views.Operation]](t, e.get(e.reviewer, path)).Items, 2)
	mine := httpapitest.Decode[httpapi.Register[views.Operation]](t, e.get(e.officer, path)).Items
	require.Len(t, mine, 1)
	require.Equal(t, e.op, mine[0].ID)
}

func TestDecisionRegister(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	dec := e.created("decision.propose", map[string]any{"operation_id": e.op, "mechanism_id": e.mech,
		"title": "Shelter lead", "text": "HNS leads shelter"})
	r := e.cmd(e.officer, "decision.adopt", map[string]any{"id": dec, "procedure": "written", "agreed_by": []any{e.hns, e.pns}})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	pos := httpapitest.Decode[recorder.Result](t, r).Position
	base := fmt.Sprintf("/api/v1/operations/%s/decisions?at_least=%d", e.op, pos)
	reg := httpapitest.Decode[httpapi.Register[views.Decision]](t, e.get(e.analyst, base+"&in_force=true"))
	require.Len(t, reg.Items, 1)
	require.Equal(t, dec, reg.Items[0].ID)
}

func TestComplianceRegisterHidesReportersAndConfidentialIssues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.confidential()
	open := e.created("compliance.report", map[string]any{"operation_id": e.op, "category": "resource_mobilisation",
		"subject_component_id": e.pns, "severity": "medium", "rule_reference": "Seville Agreement 2.0 art. 9",
		"summary": "Fundraising without agreement", "reporter_name": "Ayse Demir", "classification": "movement"})
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "compliance.triage",
		map[string]any{"id": open, "severity": "high", "note": "confirmed", "classification": "movement"})).Position
	base := fmt.Sprintf("/api/v1/operations/%s/compliance-issues?at_least=%d", e.op, pos)

	require.Len(t, httpapitest.Decode[httpapi.Register[views.Issue]](t, e.get(e.reviewer, base)).Items, 2)
	analyst := httpapitest.Decode[httpapi.Register[views.Issue]](t, e.get(e.analyst, base)).Items
	require.Len(t, analyst, 1, "no confidential issue for analysts")
	require.Empty(t, analyst[0].ReporterName)

	subject := e.token(auth.Spec{Name: "PNS officer", Role: auth.RoleOfficer, Operations: []uuid.UUID{e.op}, Component: e.pns})
	seen := httpapitest.Decode[httpapi.Register[views.Issue]](t, e.get(subject, base+"&category=resource_mobilisation&severity=high")).Items
	require.Len(t, seen, 1)
	require.Equal(t, open, seen[0].ID)
	require.Empty(t, seen[0].ReporterName, "the subject component never sees who reported it")

	other := e.token(auth.Spec{Name: "IFRC officer", Role: auth.RoleOfficer, Operations: []uuid.UUID{e.op}})
	reporterSeenBy := func(token string) string {
		for _, i := range httpapitest.Decode[httpapi.Register[views.Issue]](t, e.get(token, base)).Items {
			if i.ID == open {
				return i.ReporterName
			}
		}
		t.Fatalf("issue %s not in the register", open)
		return ""
	}
	require.Equal(t, "Ayse Demir", reporterSeenBy(e.reviewer), "reviewers see the reporter")
	require.Equal(t, "Ayse Demir", reporterSeenBy(e.officer), "so does whoever recorded the report")
	require.Empty(t, reporterSeenBy(other), "another officer of the operation does not")
	require.Empty(t, reporterSeenBy(e.admin), "nor does an admin")

	events := "/api/v1/streams/compliance-" + open.String() + "/events"
	require.NotContains(t, string(e.get(other, events).Body), "Ayse Demir", "nor in the raw events")
	require.Contains(t, string(e.get(e.reviewer, events).Body), "Ayse Demir")
}

func TestRegisterWaitsAtMostALittle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.get(e.officer, fmt.Sprintf("/api/v1/operations/%s/escalations?at_least=999999", e.op))
	require.Equal(t, http.StatusServiceUnavailable, r.Status)
	require.Equal(t, "views.behind", httpapitest.ProblemOf(t, r).Code)
}

// A register with nothing to show answers an empty list, not null, whether
// its page comes from an ordered list, a bounded pick or a copied list.
func TestAnEmptyRegisterIsAnEmptyList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, register := range []string{"action-points?state=verified", "decisions?in_force=true", "compliance-issues", "lessons", "escalations"} {
		r := e.get(e.officer, fmt.Sprintf("/api/v1/operations/%s/%s", e.op, register))
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", register, r.Body)
		require.Contains(t, string(r.Body), `"items":[]`, register)
	}
}
