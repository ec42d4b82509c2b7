package httpapi_test

import (
	"context"
	"fmt"
	"github.com/movementcoord/ledger/api/accesslog"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/openapi"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// env is a running API over an in-memory store with one token per role and
// an operation with two components and a mechanism, all made over HTTP.
type env struct {
	t                                  *testing.T
	c                                  *httpapitest.Client
	srv                                *httpapi.Server
	tokens                             *auth.Store
	admin, officer, stranger, reviewer string
	analyst                            string
	op, otherOp, hns, pns, mech        uuid.UUID
}

func newEnv(t *testing.T) *env {
	t.Helper()
	store := memory.New()
	tokens, err := auth.OpenStore(t.TempDir())
	require.NoError(t, err)
	doc, err := openapi.JSON()
	require.NoError(t, err)
	runner := readmodel.NewRunner(store)
	ctx, stopViews := context.WithCancel(context.Background())
	viewsDone := make(chan struct{})
	go func() { defer close(viewsDone); _ = runner.Run(ctx) }()
	access, err := accesslog.Open(t.TempDir())
	require.NoError(t, err)
	t.Cleanup(func() { _ = access.Close() })
	srv := httpapi.New(httpapi.Config{Service: recorder.New(store), Store: store, Tokens: tokens, OpenAPI: doc, Runner: runner,
		Logger: slog.New(slog.DiscardHandler), Access: access})
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() { srv.Closing(); ts.Close(); stopViews(); <-viewsDone; _ = store.Close() })
	e := &env{t: t, c: httpapitest.New(t, ts.URL), srv: srv, tokens: tokens}
	e.admin = e.token(auth.Spec{Name: "admin", Role: auth.RoleAdmin})
	e.reviewer = e.token(auth.Spec{Name: "reviewer", Role: auth.RoleReviewer})
	e.analyst = e.token(auth.Spec{Name: "analyst", Role: auth.RoleAnalyst})
	e.op = e.openOperation("Earthquake response")
	e.otherOp = e.openOperation("Floods response")
	e.officer = e.token(auth.Spec{Name: "mco", Role: auth.RoleOfficer, Operations: []uuid.UUID{e.op}})
	e.stranger = e.token(auth.Spec{Name: "other mco", Role: auth.RoleOfficer, Operations: []uuid.UUID{e.otherOp}})
	e.hns = e.created("component.join", map[string]any{"operation_id": e.op, "name": "Turkish Red Crescent", "kind": "HNS"})
	e.pns = e.created("component.join", map[string]any{"operation_id": e.op, "name": "Norwegian RC", "kind": "PNS"})
	e.mech = e.created("mechanism.establish", map[string]any{"operation_id": e.op, "name": "Health TWG",
		"level": "technical", "terms_of_reference": "ToR v1"})
	return e
}

func (e *env) token(spec auth.Spec) string {
	_, secret, err := e.tokens.Create(spec)
	require.NoError(e.t, err)
	return secret
}

func (e *env) openOperation(name string) uuid.UUID {
	r := e.cmd(e.admin, "operation.open", map[string]any{"name": name, "country": "TUR",
		"crisis_type": "disaster", "started_at": time.Now().Add(-72 * time.Hour).UTC(), "severity": "high"})
	require.Equal(e.t, http.StatusCreated, r.Status, "%s", r.Body)
	return httpapitest.Decode[recorder.Result](e.t, r).Ref.ID
}

// created runs a creating command as the officer and returns the new id.
func (e *env) created(name string, body map[string]any) uuid.UUID {
	e.t.Helper()
	r := e.cmd(e.officer, name, body)
	require.Equal(e.t, http.StatusCreated, r.Status, "%s: %s", name, r.Body)
	return httpapitest.Decode[recorder.Result](e.t, r).Ref.ID
}

// cmd posts a command with a fresh idempotency key unless headers set one.
func (e *env) cmd(token, name string, body map[string]any, headers ...string) httpapitest.Reply {
	e.t.Helper()
	h := map[string]string{"Idempotency-Key": uuid.NewString()}
	for i := 0; i+1 < len(headers); i += 2 {
		h[headers[i]] = headers[i+1]
	}
	return e.c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/" + name,
		Token: token, Body: body, Header: h})
}

func (e *env) get(token, path string) httpapitest.Reply {
	e.t.Helper()
	return e.c.Do(httpapitest.Request{Method: http.MethodGet, Path: path, Token: token})
}

// raiseAP raises an action point owned by the HNS.
func (e *env) raiseAP(title string) uuid.UUID {
	return e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(),
		"title": title, "owner_component_id": e.hns})
}

func recordPath(kind string, id uuid.UUID) string {
	return fmt.Sprintf("/api/v1/records/%s/%s", kind, id)
}
