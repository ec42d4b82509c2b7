package httpapi_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// The length limit the OpenAPI document states for a field is the one the
// server enforces: a text of exactly the limit is accepted, one character
// more is a 400 problem naming the field.
func TestTheDocumentsLengthLimitsAreEnforced(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	doc := httpapitest.Decode[map[string]any](t, e.get("", "/api/openapi.json"))
	schema := doc["components"].(map[string]any)["schemas"].(map[string]any)["Command_actionpoint.raise"].(map[string]any)
	limit := int(schema["properties"].(map[string]any)["title"].(map[string]any)["maxLength"].(float64))
	require.Positive(t, limit)

	raise := func(title string) httpapitest.Reply {
		return e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(),
			"title": title, "owner_component_id": e.hns})
	}
	r := raise(strings.Repeat("ç", limit))
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)

	r = raise(strings.Repeat("ç", limit+1))
	require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
	p := httpapitest.ProblemOf(t, r)
	require.Equal(t, "input.too_long", p.Code)
	require.NotEmpty(t, p.Errors)
	require.Equal(t, "title", p.Errors[0].Field)
}
