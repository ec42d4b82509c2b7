package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/scripts/demo"
)

// TestErasureOverHTTPLiveViewsEqualRebuiltOnes: after the demo, an admin
// erases the HNS disaster manager through the API. Nothing of hers is in
// any register, timeline or audit page a reviewer can read, the others'
// data still is, and a restarted server, whose views are rebuilt from the
// log, serves exactly what the live views served.
func TestErasureOverHTTPLiveViewsEqualRebuiltOnes(t *testing.T) {
	dir := t.TempDir()
	out, err := run(t, "demo", "--data", dir)
	require.NoError(t, err)
	op := operationOf(t, out)
	noDigests := func(o *server.Options) { o.DigestEvery = 0 } // nothing written by the server itself
	srv := servertest.Start(t, dir, noDigests)
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	admin := strings.TrimSpace(string(raw))

	status, body := call(t, http.MethodPost, srv.Base+"/api/v1/tokens", admin, `{"name":"DPO review","role":"reviewer"}`)
	require.Equal(t, http.StatusCreated, status, body)
	var created struct{ Secret string }
	require.NoError(t, json.Unmarshal([]byte(body), &created))
	before := readEverything(t, srv.Base, created.Secret, op, 0)
	require.Contains(t, before["contacts"], "hns-dm@example.org", "readable until erased")
	require.Contains(t, before["compliance-issues"], "Sita Gurung", "as the reporter of a compliance issue too")
	asOf := fmt.Sprintf("%s/api/v1/operations/%s/contacts?as_of=2026-11-01T00:00:00Z&as_of_basis=occurred", srv.Base, op)
	status, body = call(t, http.MethodGet, asOf, created.Secret, "")
	require.Equal(t, http.StatusOK, status, body)
	require.Contains(t, body, "hns-dm@example.org", "the past as it stood, readable until erased")
	person := demo.PersonID("hns-dm").String()
	status, body = call(t, http.MethodPost, srv.Base+"/api/v1/persons/"+person+"/erase", admin,
		`{"reason":"data_subject_request","request_ref":"DSR-2026-014"}`)
	require.Equal(t, http.StatusCreated, status, body)
	var erased struct{ Position uint64 }
	require.NoError(t, json.Unmarshal([]byte(body), &erased))

	live := readEverything(t, srv.Base, created.Secret, op, erased.Position)
	for path, page := range live {
		for _, gone := range []string{"hns-dm@example.org", "Sita", "Gurung"} {
			require.NotContains(t, page, gone, "%s still shows the erased person", path)
		}
	}
	require.Contains(t, live["contacts"], "ifrc-hoo@example.org", "the others stay readable")
	require.Contains(t, live["contacts"], `"given_name":"[erased]"`, "the API shows her as erased")
	require.Contains(t, live["compliance-issues"], `"reporter_name":"[erased]"`)
	status, body = call(t, http.MethodGet, asOf, created.Secret, "")
	require.Equal(t, http.StatusOK, status, body)
	require.NotContains(t, body, "hns-dm@example.org", "an erasure reaches the past too")
	require.NoError(t, srv.Stop())

	rebuilt := readEverything(t, servertest.Start(t, dir, noDigests).Base, created.Secret, op, erased.Position)
	for path := range live {
		require.JSONEq(t, live[path], rebuilt[path], "%s: rebuilt views differ from live ones", path)
	}
}

// readEverything reads, as a reviewer, every register and the timeline of
// op and the whole audit trail, once the views have applied position.
func readEverything(t *testing.T, base, token, op string, position uint64) map[string]string {
	t.Helper()
	pages := map[string]string{}
	for _, view := range []string{"action-points", "decisions", "compliance-issues", "escalations", "components",
		"contacts", "mechanisms", "meetings", "lessons", "timeline"} {
		status, body := call(t, http.MethodGet, fmt.Sprintf("%s/api/v1/operations/%s/%s?limit=1000&at_least=%d",
			base, op, view, position), token, "")
		require.Equal(t, http.StatusOK, status, "%s: %s", view, body)
		require.NotContains(t, body, "next_cursor", "%s: one page holds it all", view)
		pages[view] = body
	}
	status, body := call(t, http.MethodGet, base+"/api/v1/audit?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=1000",
		token, "")
	require.Equal(t, http.StatusOK, status, body)
	require.NotContains(t, body, "next_cursor")
	require.Greater(t, strings.Count(body, `"stream"`), 100, "the audit trail holds the demo's events")
	pages["audit"] = body
	return pages
}

func call(t *testing.T, method, url, token, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", method+url)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(raw)
}
