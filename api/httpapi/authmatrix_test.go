package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// endpoint is one kind of request; it returns the status the server gave.
type endpoint func(e *env, token string) int

func commandEndpoint(name string, body func(e *env) map[string]any) endpoint {
	return func(e *env, token string) int { return e.cmd(token, name, body(e)).Status }
}

func getEndpoint(path func(e *env) string) endpoint {
	return func(e *env, token string) int { return e.get(token, path(e)).Status }
}

// liveStatus opens the live feed and closes it as soon as it answers.
func liveStatus(e *env, token string) int {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, e.c.Base+"/api/v1/events/live?operation="+e.op.String(), nil)
	require.NoError(e.t, err)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(e.t, err)
	resp.Body.Close()
	return resp.StatusCode
}

// confidential reports a confidential compliance issue in the operation.
func (e *env) confidential() uuid.UUID {
	return e.created("compliance.report", map[string]any{"operation_id": e.op, "category": "emblem",
		"subject_component_id": e.pns, "severity": "high", "summary": "Logo on fundraising flyers",
		"rule_reference": "Emblem regulations art. 23",
		"reporter_name":  "Ayse Demir", "classification": "confidential"})
}

func TestAuthMatrix(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ap := e.raiseAP("Deploy ORPs")
	secret := e.confidential()
	head := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.block",
		map[string]any{"id": ap, "reason": "no fuel"})).Position
	tokens := map[string]string{"admin": e.admin, "officer": e.officer, "stranger": e.stranger,
		"reviewer": e.reviewer, "analyst": e.analyst, "none": ""}
	roles := []string{"admin", "officer", "stranger", "reviewer", "analyst", "none"}
	apBody := func(e *env) map[string]any {
		return map[string]any{"operation_id": e.op, "title": "t", "owner_component_id": e.hns}
	}
	matrix := []struct {
		name string
		call endpoint
		want []int // in the order of roles
	}{
		{"officer command in the operation", commandEndpoint("actionpoint.raise", apBody), []int{403, 201, 403, 403, 403, 401}},
		// A stranger writing to a record out of reach hears what it would for
		// a record that does not exist: 404, no probing by writes either.
		{"operation command", commandEndpoint("operation.change_severity", func(e *env) map[string]any {
			return map[string]any{"id": e.op, "severity": "medium", "reason": "aftershocks eased"}
		}), []int{200, 200, 404, 403, 403, 401}},
		{"open an operation", commandEndpoint("operation.open", func(e *env) map[string]any {
			return map[string]any{"name": "Drought", "country": "KEN", "crisis_type": "disaster", "severity": "high",
				"started_at": time.Now().Add(-time.Hour).UTC()}
		}), []int{201, 403, 403, 403, 403, 401}},
		// A record out of reach is 404, as one that does not exist: no probing.
		{"read a record", getEndpoint(func(e *env) string { return recordPath("actionpoint", ap) }), []int{200, 200, 404, 200, 200, 401}},
		{"read a record that does not exist", getEndpoint(func(e *env) string { return recordPath("actionpoint", uuid.New()) }), []int{404, 404, 404, 404, 404, 401}},
		{"read a stream", getEndpoint(func(e *env) string { return "/api/v1/streams/actionpoint-" + ap.String() + "/events" }), []int{200, 200, 404, 200, 200, 401}},
		{"read a stream that does not exist", getEndpoint(func(e *env) string { return "/api/v1/streams/actionpoint-" + uuid.NewString() + "/events" }), []int{404, 404, 404, 404, 404, 401}},
		{"read a confidential record", getEndpoint(func(e *env) string { return recordPath("compliance", secret) }), []int{200, 200, 404, 200, 404, 401}},
		{"read a confidential stream", getEndpoint(func(e *env) string { return "/api/v1/streams/compliance-" + secret.String() + "/events" }), []int{200, 200, 404, 200, 404, 401}},
		{"live feed of the operation", liveStatus, []int{200, 200, 403, 200, 200, 401}},
		{"read a register", getEndpoint(func(e *env) string { return "/api/v1/operations/" + e.op.String() + "/action-points" }), []int{200, 200, 403, 200, 200, 401}},
		{"read the timeline", getEndpoint(func(e *env) string { return "/api/v1/operations/" + e.op.String() + "/timeline" }), []int{200, 200, 403, 200, 200, 401}},
		{"read a record's audit trail", getEndpoint(func(e *env) string { return fmt.Sprintf("/api/v1/audit/actionpoint/%s?at_least=%d", ap, head) }), []int{200, 200, 404, 200, 403, 401}},
		{"read the audit trail of no record", getEndpoint(func(e *env) string { return fmt.Sprintf("/api/v1/audit/actionpoint/%s?at_least=%d", uuid.New(), head) }), []int{404, 404, 404, 404, 403, 401}},
		// Admins pass; this test server seals nothing, so the erasure itself is refused (409).
		{"erase a person", commandEndpoint("person.erase", func(e *env) map[string]any {
			return map[string]any{"id": e.hns, "reason": "data_subject_request", "operation_id": e.op}
		}), []int{409, 403, 403, 403, 403, 401}},
		{"create a token", func(e *env, token string) int {
			return e.c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/tokens", Token: token,
				Body: map[string]any{"name": "x", "role": "reviewer"}}).Status
		}, []int{201, 403, 403, 403, 403, 401}},
		{"list tokens", getEndpoint(func(*env) string { return "/api/v1/tokens" }), []int{200, 403, 403, 403, 403, 401}},
		{"who am I", getEndpoint(func(*env) string { return "/api/v1/me" }), []int{200, 200, 200, 200, 200, 401}},
		{"list commands", getEndpoint(func(*env) string { return "/api/v1/commands" }), []int{200, 200, 200, 200, 200, 401}},
		{"health", getEndpoint(func(*env) string { return "/healthz" }), []int{200, 200, 200, 200, 200, 200}},
		{"metrics", getEndpoint(func(*env) string { return "/metrics" }), []int{200, 200, 200, 200, 200, 200}},
	}
	for _, row := range matrix {
		for i, role := range roles {
			t.Run(row.name+"/"+role, func(t *testing.T) {
				require.Equal(t, row.want[i], row.call(e, tokens[role]))
			})
		}
	}
}

func TestAnalystSeesNoPersonalData(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Hygiene kits",
		"owner_component_id": e.hns, "owner_name": "Mehmet Yilmaz"})
	path := "/api/v1/streams/actionpoint-" + id.String() + "/events"

	seen := httpapitest.Decode[map[string]any](t, e.get(e.reviewer, path))
	hidden := httpapitest.Decode[map[string]any](t, e.get(e.analyst, path))
	data := func(page map[string]any) map[string]any {
		return page["events"].([]any)[0].(map[string]any)["data"].(map[string]any)
	}
	require.Equal(t, "Mehmet Yilmaz", data(seen)["owner_name"])
	require.NotContains(t, data(hidden), "owner_name")
	require.Equal(t, "Hygiene kits", data(hidden)["title"])

	state := httpapitest.Decode[map[string]any](t, e.get(e.analyst, recordPath("actionpoint", id)))["state"].(map[string]any)
	owner := state["owner"].(map[string]any)
	require.Equal(t, e.hns.String(), owner["owner_component_id"])
	require.NotContains(t, owner, "owner_name")
}

func TestRevokedTokenIsRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	created := httpapitest.Decode[map[string]any](t, e.c.Do(httpapitest.Request{Method: http.MethodPost,
		Path: "/api/v1/tokens", Token: e.admin, Body: map[string]any{"name": "temp", "role": "reviewer"}}))
	secret := created["secret"].(string)
	id := created["token"].(map[string]any)["id"].(string)
	require.Equal(t, http.StatusOK, e.get(secret, "/api/v1/me").Status)
	r := e.c.Do(httpapitest.Request{Method: http.MethodDelete, Path: "/api/v1/tokens/" + id, Token: e.admin})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Equal(t, http.StatusUnauthorized, e.get(secret, "/api/v1/me").Status)
}
