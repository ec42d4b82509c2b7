package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/domain"
)

func TestOpenAPIDocumentIsServed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.get("", "/api/openapi.json")
	require.Equal(t, http.StatusOK, r.Status)
	doc := httpapitest.Decode[map[string]any](t, r)
	paths := doc["paths"].(map[string]any)
	for _, name := range domain.CommandNames() {
		require.Contains(t, paths, "/api/v1/commands/"+name)
	}
}

// The checker itself must catch drift, or every other test proves nothing.
func TestOpenAPICheckCatchesDrift(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	header := http.Header{"Content-Type": {"application/json"}}
	cases := map[string]struct {
		req   httpapitest.Request
		reply httpapitest.Reply
	}{
		"unknown response field": {httpapitest.Request{Method: "GET", Path: "/healthz"},
			httpapitest.Reply{Status: 200, Header: header, Body: []byte(`{"status":"ok","extra":1}`)}},
		"wrong response type": {httpapitest.Request{Method: "GET", Path: "/api/v1/commands"},
			httpapitest.Reply{Status: 200, Header: header, Body: []byte(`{"commands":"all"}`)}},
		"undocumented route answered": {httpapitest.Request{Method: "GET", Path: "/api/v1/nowhere"},
			httpapitest.Reply{Status: 200, Header: header, Body: []byte(`{}`)}},
		"accepted body with unknown field": {httpapitest.Request{Method: "POST", Path: "/api/v1/commands/actionpoint.block",
			Body: map[string]any{"id": e.op, "reason": "x", "colour": "red"}},
			httpapitest.Reply{Status: 200, Header: header, Body: []byte(`{}`)}},
		"problem with wrong media type": {httpapitest.Request{Method: "GET", Path: "/api/v1/me"},
			httpapitest.Reply{Status: 401, Header: header, Body: []byte(`{"type":"x","title":"x","status":401,"code":"x"}`)}},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			require.Error(t, e.c.Check(tc.req, tc.reply))
		})
	}
}
