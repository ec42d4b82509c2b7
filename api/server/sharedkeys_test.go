package server_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/verify"
	"github.com/movementcoord/ledger/projections/views"
)

// node is one ledger server of a deployment that shares a KurrentDB and a
// key service; each has its own data directory, but the tokens are the
// ledger's, in the shared store: the first server's first-run admin token
// works on every server.
type node struct {
	*running
	dir, admin, officer string
}

func startNode(t *testing.T, db *esdbtest.Server, keys *keyservicetest.Service, first *node) *node {
	t.Helper()
	dir := t.TempDir()
	r := startWith(t, dir, func(o *server.Options) {
		o.Store = db.ConnString()
		o.Keys = keystore.RemoteConfig{URL: keys.URL, Token: keys.Token}
		if first != nil { // one signing identity per ledger: the first's key
			o.KeyPath = filepath.Join(first.dir, verify.KeyFileName)
		}
	})
	require.Contains(t, r.out.String(), "keys: key service "+keys.URL)
	require.NotContains(t, r.out.String(), "on this machine only", "no warning when the keys are shared")
	if first != nil {
		require.NoFileExists(t, filepath.Join(dir, "admin-token"), "the ledger has tokens already: no new admin")
		return &node{running: r, dir: dir, admin: first.admin}
	}
	return &node{running: r, dir: dir, admin: adminToken(t, dir, r.out.String())}
}

func (n *node) command(t *testing.T, token, path string, body map[string]any) httpapitest.Reply {
	t.Helper()
	return n.c.Do(httpapitest.Request{Method: http.MethodPost, Path: path, Token: token, Body: body,
		Header: map[string]string{"Idempotency-Key": uuid.NewString()}})
}

func (n *node) ok(t *testing.T, token, path string, body map[string]any) recorder.Result {
	t.Helper()
	r := n.command(t, token, path, body)
	require.Contains(t, []int{200, 201}, r.Status, "%s: %s", path, r.Body)
	return httpapitest.Decode[recorder.Result](t, r)
}

func (n *node) contacts(t *testing.T, op uuid.UUID, atLeast uint64) []views.Contact {
	t.Helper()
	return httpapitest.Decode[httpapi.Register[views.Contact]](t, n.c.Do(httpapitest.Request{Method: http.MethodGet,
		Path: fmt.Sprintf("/api/v1/operations/%s/contacts?at_least=%d", op, atLeast), Token: n.officer})).Items
}

// TestServersOnOneKurrentDBShareTheKeys: a contact recorded through one
// server reads in clear through another; an erasure asked of the second
// closes the person's data on the first, which then refuses new data
// about them.
func TestServersOnOneKurrentDBShareTheKeys(t *testing.T) {
	db := esdbtest.Start(t, esdbtest.Options{})
	keysDir := t.TempDir()
	keys := keyservicetest.Start(t, keysDir)
	a := startNode(t, db, keys, nil)
	b := startNode(t, db, keys, a)

	op := a.ok(t, a.admin, "/api/v1/operations", map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}).Ref.ID
	for _, n := range []*node{a, b} {
		n.officer = httpapitest.Decode[httpapi.TokenCreated](t, n.c.Do(httpapitest.Request{Method: http.MethodPost,
			Path: "/api/v1/tokens", Token: n.admin, Body: map[string]any{"name": "MCO", "role": "officer",
				"operations": []uuid.UUID{op}}})).Secret
	}
	const email = "leyla.kaya@example.org"
	added := a.ok(t, a.officer, "/api/v1/operations/"+op.String()+"/contacts", map[string]any{
		"given_name": "Leyla", "family_name": "Kaya", "email": email, "function": "shelter coordinator"})

	onB := b.contacts(t, op, added.Position)
	require.Len(t, onB, 1)
	require.Equal(t, email, onB[0].Email, "server B opens what server A sealed")
	person := onB[0].PersonID

	r := b.command(t, b.officer, "/api/v1/persons/"+person.String()+"/erase", map[string]any{"reason": "request"})
	require.Equal(t, http.StatusForbidden, r.Status, "only an admin erases: %s", r.Body)
	r = b.command(t, b.admin, "/api/v1/persons/"+person.String()+"/erase", map[string]any{})
	require.Equal(t, http.StatusBadRequest, r.Status, "an erasure needs a reason: %s", r.Body)
	erased := b.ok(t, b.admin, "/api/v1/persons/"+person.String()+"/erase",
		map[string]any{"reason": "data_subject_request", "request_ref": "DSR-7"})

	onA := a.contacts(t, op, erased.Position)
	require.Len(t, onA, 1)
	require.Empty(t, onA[0].Email, "server A drops what B erased")
	raw := a.c.Do(httpapitest.Request{Method: http.MethodGet, Token: a.officer,
		Path: "/api/v1/streams/contact-" + added.Ref.ID.String() + "/events"})
	require.Equal(t, http.StatusOK, raw.Status, "%s", raw.Body)
	require.NotContains(t, string(raw.Body), email, "nor does it open the stored event")
	require.Contains(t, string(raw.Body), "[erased]")

	r = a.command(t, a.officer, "/api/v1/operations/"+op.String()+"/contacts", map[string]any{
		"person_id": person, "given_name": "Leyla", "email": email})
	require.Equal(t, http.StatusConflict, r.Status, "%s", r.Body)
	require.Equal(t, "person.erased", httpapitest.ProblemOf(t, r).Code)

	keys.Stop()
	r = a.command(t, a.officer, "/api/v1/operations/"+op.String()+"/contacts", map[string]any{
		"given_name": "Ana", "email": "ana@example.org"})
	require.Equal(t, http.StatusServiceUnavailable, r.Status, "%s", r.Body)
	require.Equal(t, "keys.unavailable", httpapitest.ProblemOf(t, r).Code)
	a.ok(t, a.officer, "/api/v1/operations/"+op.String()+"/components", map[string]any{
		"name": "IFRC", "kind": "IFRC"}) // nothing personal: no key needed

	for _, dir := range []string{a.dir, b.dir, keysDir} {
		requireSealedAtRest(t, dir, email)
	}
	_, err := os.Stat(filepath.Join(a.dir, keystore.FileName))
	require.ErrorIs(t, err, os.ErrNotExist, "no key file of its own beside a server that shares the key service")
}
