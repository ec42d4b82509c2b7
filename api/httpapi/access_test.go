package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/accesslog"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// TestConfidentialReadsAreLogged: reading a confidential record leaves a
// line (who, what, when) in the access log that reviewers query; reading
// nothing confidential leaves none; only reviewers and admins may query it.
func TestConfidentialReadsAreLogged(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	issue := e.confidential()
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "compliance.triage",
		map[string]any{"id": issue, "severity": "high", "note": "seen", "classification": "confidential"})).Position
	log := func(token string) []accesslog.Entry {
		r := e.get(token, "/api/v1/access-log")
		require.Equal(t, http.StatusOK, r.Status, string(r.Body))
		return httpapitest.Decode[httpapi.AccessPage](t, r).Entries
	}
	require.Empty(t, log(e.reviewer), "nothing read yet")

	register := fmt.Sprintf("/api/v1/operations/%s/compliance-issues?at_least=%d", e.op, pos)
	require.Equal(t, http.StatusOK, e.get(e.reviewer, register).Status)
	require.Equal(t, http.StatusOK, e.get(e.officer, fmt.Sprintf("/api/v1/operations/%s/action-points", e.op)).Status)
	require.Equal(t, http.StatusOK, e.get(e.officer, "/api/v1/records/compliance/"+issue.String()).Status)

	entries := log(e.admin)
	require.Len(t, entries, 2, "the two confidential reads, not the action points")
	require.Equal(t, "reviewer", entries[0].Role)
	require.Equal(t, register, entries[0].Path)
	require.Equal(t, int64(1), entries[0].Records)
	require.Equal(t, "officer", entries[1].Role)
	require.Equal(t, "/api/v1/records/compliance/"+issue.String(), entries[1].Path)
	require.False(t, entries[1].At.Before(entries[0].At))

	only := e.get(e.reviewer, "/api/v1/access-log?principal="+entries[1].Principal)
	require.Len(t, httpapitest.Decode[httpapi.AccessPage](t, only).Entries, 1)
	for _, who := range []string{e.officer, e.analyst} {
		require.Equal(t, http.StatusForbidden, e.get(who, "/api/v1/access-log").Status)
	}
}
