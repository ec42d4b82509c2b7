package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
)

type badCase struct {
	name   string
	token  func(e *env) string // default: the officer
	method string              // default: POST
	path   string              // default: the command route of cmd
	cmd    string
	body   func(e *env) any
	header map[string]string
	status int
	code   string // expected problem code, if checked
	field  string // expected first field path, if checked
}

// badCases are requests an officer (or a client) gets wrong. Each must be a
// 4xx problem document naming what to fix; a 5xx would be a bug.
func badCases() []badCase {
	ap := func(extra map[string]any) func(e *env) any {
		return func(e *env) any {
			b := map[string]any{"operation_id": e.op, "title": "Deploy ORPs", "owner_component_id": e.hns}
			for k, v := range extra {
				b[k] = v
			}
			return b
		}
	}
	raw := func(s string) func(*env) any { return func(*env) any { return s } }
	rnd := uuid.NewString()
	reviewer := func(e *env) string { return e.reviewer }
	return []badCase{
		{name: "unknown command", cmd: "actionpoint.teleport", body: ap(nil), status: 404, code: "command.unknown"},
		{name: "text content type", cmd: "actionpoint.raise", body: ap(nil), header: map[string]string{"Content-Type": "text/plain"}, status: 415, code: "input.content_type"},
		{name: "form content type", cmd: "actionpoint.raise", body: raw("title=x"), header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, status: 415},
		{name: "malformed JSON", cmd: "actionpoint.raise", body: raw(`{"title":`), status: 400, code: "input.malformed_json"},
		{name: "array body", cmd: "actionpoint.raise", body: raw(`[]`), status: 400, code: "input.malformed_json"},
		{name: "string body", cmd: "actionpoint.raise", body: raw(`"raise it"`), status: 400, code: "input.malformed_json"},
		{name: "null body", cmd: "actionpoint.raise", body: raw(`null`), status: 400, code: "input.malformed_json"},
		{name: "two objects", cmd: "actionpoint.raise", body: raw(`{} {}`), status: 400, code: "input.malformed_json"},
		{name: "unknown field", cmd: "actionpoint.raise", body: ap(map[string]any{"colour": "red"}), status: 400, code: "input.invalid", field: "colour"},
		{name: "wrong type", cmd: "actionpoint.raise", body: ap(map[string]any{"title": 5}), status: 400, code: "input.invalid", field: "title"},
		{name: "malformed UUID", cmd: "actionpoint.raise", body: ap(map[string]any{"owner_component_id": "hns"}), status: 400, code: "input.invalid", field: "owner_component_id"},
		{name: "malformed date", cmd: "actionpoint.raise", body: ap(map[string]any{"due_at": "tomorrow"}), status: 400, code: "input.invalid", field: "due_at"},
		{name: "date without zone", cmd: "actionpoint.raise", body: ap(map[string]any{"due_at": "2026-03-01"}), status: 400, field: "due_at"},
		{name: "number as string", cmd: "actionpoint.report_progress", body: func(e *env) any { return map[string]any{"id": rnd, "percent": "50"} }, status: 400, field: "percent"},
		{name: "missing required field", cmd: "actionpoint.raise", body: ap(map[string]any{"title": ""}), status: 400, code: "input.required", field: "title"},
		{name: "actor in body", cmd: "actionpoint.raise", body: ap(map[string]any{"actor": map[string]any{"id": "me"}}), status: 400, code: "input.actor_not_allowed", field: "actor"},
		{name: "key mismatch", cmd: "actionpoint.raise", body: ap(map[string]any{"idempotency_key": "other"}), status: 400, code: "input.idempotency_key_mismatch", field: "idempotency_key"},
		{name: "no idempotency key", cmd: "actionpoint.raise", body: ap(nil), header: map[string]string{"Idempotency-Key": ""}, status: 400, code: "input.idempotency_key_required"},
		{name: "body over 1 MiB", cmd: "actionpoint.raise", body: ap(map[string]any{"title": strings.Repeat("x", 1<<20)}), status: 413, code: "input.too_large"},
		{name: "If-Match not a version", cmd: "actionpoint.block", body: func(e *env) any { return map[string]any{"id": rnd, "reason": "r"} }, header: map[string]string{"If-Match": "yesterday"}, status: 400, code: "input.if_match"},
		{name: "If-Match without id", cmd: "actionpoint.raise", body: ap(nil), header: map[string]string{"If-Match": "0"}, status: 400, code: "input.if_match", field: "id"},
		{name: "missing record id", cmd: "actionpoint.block", body: raw(`{"reason":"no fuel"}`), status: 400, code: "input.required", field: "id"},
		{name: "record not found", cmd: "actionpoint.block", body: func(e *env) any { return map[string]any{"id": rnd, "reason": "r"} }, status: 404, code: "record.not_found"},
		{name: "owner not in the operation", cmd: "actionpoint.raise", body: ap(map[string]any{"owner_component_id": rnd}), status: 404},
		{name: "occurred in the future", cmd: "actionpoint.raise", body: ap(map[string]any{"occurred_at": time.Now().Add(48 * time.Hour).UTC()}), status: 400, code: "input.occurred_in_future"},
		{name: "nested malformed UUID", cmd: "meeting.hold", body: raw(`{"id":"` + rnd + `","attendees":[{"person_id":"p-1"}]}`), status: 400, field: "attendees[0].person_id"},
		{name: "nested unknown field", cmd: "meeting.hold", body: raw(`{"id":"` + rnd + `","attendees":[{"colour":"red"}]}`), status: 400, field: "attendees[0].colour"},
		{name: "array expected", cmd: "decision.adopt", body: raw(`{"id":"` + rnd + `","agreed_by":"everyone"}`), status: 400, field: "agreed_by"},
		{name: "array item malformed", cmd: "decision.adopt", body: raw(`{"id":"` + rnd + `","agreed_by":["` + rnd + `","x"]}`), status: 400, field: "agreed_by[1]"},
		{name: "object expected", cmd: "correction.record", body: raw(`{"record":"decision-1"}`), status: 400, field: "record"},
		{name: "reviewer writes", token: func(e *env) string { return e.reviewer }, cmd: "actionpoint.raise", body: ap(nil), status: 403, code: "auth.forbidden"},
		{name: "no token", token: func(*env) string { return "" }, cmd: "actionpoint.raise", body: ap(nil), status: 401, code: "auth.unauthenticated"},
		{name: "bad token", token: func(*env) string { return "lgr_nope" }, cmd: "actionpoint.raise", body: ap(nil), status: 401, code: "auth.unauthenticated"},
		{name: "record of unknown kind", method: "GET", path: "/api/v1/records/spaceship/" + rnd, status: 404, code: "record.unknown_kind"},
		{name: "record id not a UUID", method: "GET", path: "/api/v1/records/decision/42", status: 400, field: "id"},
		{name: "record that does not exist", method: "GET", path: "/api/v1/records/decision/" + rnd, status: 404, code: "record.not_found"},
		{name: "stream name malformed", method: "GET", path: "/api/v1/streams/decision-42/events", status: 400, field: "stream"},
		{name: "stream that does not exist", method: "GET", path: "/api/v1/streams/decision-" + rnd + "/events", status: 404, code: "record.not_found"},
		{name: "page limit zero", method: "GET", path: "/api/v1/streams/decision-" + rnd + "/events?limit=0", status: 400, field: "limit"},
		{name: "page from not a number", method: "GET", path: "/api/v1/streams/decision-" + rnd + "/events?from=first", status: 400, field: "from"},
		{name: "live operation not a UUID", method: "GET", path: "/api/v1/events/live?operation=quake", status: 400, field: "operation"},
		{name: "live resume not a position", method: "GET", path: "/api/v1/events/live", header: map[string]string{"Last-Event-ID": "abc"}, status: 400, field: "Last-Event-ID"},
		{name: "register state unknown", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/action-points?state=done", status: 400, field: "state"},
		{name: "register owner not a UUID", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/action-points?owner=hns", status: 400, field: "owner"},
		{name: "register overdue date malformed", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/action-points?overdue_at=monday", status: 400, field: "overdue_at"},
		{name: "register operation not a UUID", method: "GET", path: "/api/v1/operations/quake/action-points", status: 400, field: "id"},
		{name: "timeline kind unknown", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/timeline?kind=spaceship", status: 400, field: "kind"},
		{name: "timeline level unknown", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/timeline?level=galactic", status: 400, field: "level"},
		{name: "timeline from malformed", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/timeline?from=yesterday", status: 400, field: "from"},
		{name: "audit of unknown kind", token: reviewer, method: "GET", path: "/api/v1/audit/spaceship/" + rnd, status: 404, code: "record.unknown_kind"},
		{name: "compliance severity unknown", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/compliance-issues?severity=dire", status: 400, field: "severity"},
		{name: "decisions in_force not a bool", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/decisions?in_force=maybe", status: 400, field: "in_force"},
		{name: "as_of malformed", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/decisions?as_of=last-week", status: 400, field: "as_of"},
		{name: "as_of basis unknown", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/decisions?as_of=2026-01-01T00:00:00Z&as_of_basis=guessed", status: 400, field: "as_of_basis"},
		{name: "timeline cursor overflow", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/timeline?cursor=18446744073709551615", status: 400, field: "cursor"},
		{name: "register cursor overflow", token: reviewer, method: "GET", path: "/api/v1/operations/" + rnd + "/lessons?cursor=9999999999999", status: 400, field: "cursor"},
		{name: "unknown route", method: "GET", path: "/api/v1/nowhere", status: 404, code: "route.not_found"},
		{name: "wrong method", method: "PUT", path: "/healthz", status: 405, code: "route.method_not_allowed"},
		{name: "token with unknown role", token: func(e *env) string { return e.admin }, path: "/api/v1/tokens", body: raw(`{"name":"x","role":"king"}`), status: 400, field: "role"},
		{name: "officer token without operations", token: func(e *env) string { return e.admin }, path: "/api/v1/tokens", body: raw(`{"name":"x","role":"officer"}`), status: 400, field: "operations"},
		{name: "revoke unknown token", token: func(e *env) string { return e.admin }, method: "DELETE", path: "/api/v1/tokens/nope", status: 404, code: "token.not_found"},
	}
}

func TestBadInputIsA4xxProblem(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := badCases()
	require.GreaterOrEqual(t, len(cases), 30)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.c.Do(tc.request(e))
			require.Equal(t, tc.status, r.Status, "%s", r.Body)
			p := httpapitest.ProblemOf(t, r)
			require.Equal(t, tc.status, p.Status)
			require.NotEmpty(t, p.Detail)
			require.Equal(t, "urn:movementcoord:ledger:problem:"+p.Code, p.Type)
			if tc.code != "" {
				require.Equal(t, tc.code, p.Code, "%s", r.Body)
			}
			if tc.field != "" {
				require.NotEmpty(t, p.Errors, "%s", r.Body)
				require.Equal(t, tc.field, p.Errors[0].Field, "%s", r.Body)
			}
		})
	}
}

func (tc badCase) request(e *env) httpapitest.Request {
	req := httpapitest.Request{Method: tc.method, Path: tc.path, Token: e.officer,
		Header: map[string]string{"Idempotency-Key": uuid.NewString()}}
	if tc.token != nil {
		req.Token = tc.token(e)
	}
	if req.Method == "" {
		req.Method = http.MethodPost
	}
	if req.Path == "" {
		req.Path = "/api/v1/commands/" + tc.cmd
	}
	if tc.body != nil {
		req.Body = tc.body(e)
	}
	for k, v := range tc.header {
		req.Header[k] = v
	}
	return req
}
