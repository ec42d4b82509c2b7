package httpapi_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// Figures are shared between requests at one position of the views, never
// across positions or readers: given figures read once, when an overdue
// action point (confidential) is raised, then the officer's next figures
// count it within the same minute and the analyst's never do.
func TestFiguresFollowEveryWriteAndEveryReader(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := "/api/v1/operations/" + e.op.String() + "/figures"
	overdue := func(token string, pos uint64) int {
		r := e.get(token, fmt.Sprintf("%s?at_least=%d", path, pos))
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		return httpapitest.Decode[httpapi.Figures](t, r).OverduePerComponent[e.hns].Overdue
	}
	raise := func(class string) uint64 {
		r := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Overdue already",
			"owner_component_id": e.hns, "due_at": time.Now().Add(-48 * time.Hour).UTC(), "classification": class})
		require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
		return httpapitest.Decode[recorder.Result](t, r).Position
	}
	pos := raise("movement")
	require.Equal(t, 1, overdue(e.officer, pos))
	require.Equal(t, 1, overdue(e.analyst, pos))
	for want := 2; want <= 4; want++ {
		pos = raise("confidential")
		require.Equal(t, want, overdue(e.officer, pos), "the write is counted at once")
		require.Equal(t, 1, overdue(e.analyst, pos), "an analyst's figures hold no confidential record")
	}
}

// The figures a reader shares are the encoding of the figures it would get
// alone: the same bytes, as JSON, once again from the cache, and indented
// when asked with ?pretty.
func TestSharedFiguresAreTheirOwnJSON(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := "/api/v1/operations/" + e.op.String() + "/figures?at=2026-03-01T00:00:00Z"
	first := e.get(e.officer, path)
	require.Equal(t, http.StatusOK, first.Status, "%s", first.Body)
	again := e.get(e.officer, path)
	require.Equal(t, string(first.Body), string(again.Body))
	require.Equal(t, "application/json", first.Header.Get("Content-Type"))
	f := httpapitest.Decode[httpapi.Figures](t, first)
	var buf bytes.Buffer
	require.NoError(t, json.NewEncoder(&buf).Encode(f))
	require.Equal(t, buf.String(), string(first.Body))
	pretty := e.get(e.officer, path+"&pretty")
	require.Contains(t, string(pretty.Body), "\n  \"operation_id\"")
	require.Equal(t, f, httpapitest.Decode[httpapi.Figures](t, pretty))
}
