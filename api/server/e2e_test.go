package server_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/views"
)

// running is one server.Run on a data directory, with a client that checks
// every exchange against the OpenAPI document.
type running struct {
	c    *httpapitest.Client
	out  *servertest.Output
	stop func() error
}

// start runs the real server on 127.0.0.1 with a free port.
func start(t *testing.T, dir string) *running { return startWith(t, dir, nil) }

// startWith is start with options changed by edit.
func startWith(t *testing.T, dir string, edit func(*server.Options)) *running {
	t.Helper()
	srv := servertest.Start(t, dir, edit)
	return &running{c: httpapitest.New(t, srv.Base), out: srv.Out, stop: srv.Stop}
}

// scenario is what the first run wrote and the second must read back.
type scenario struct {
	admin, officer     string
	op, hns, ifrc, dec uuid.UUID
	aps                []uuid.UUID
	versions           map[string]uint64 // record path -> version
	raiseBody          map[string]any
	raiseKey           string
	firstRaise         recorder.Result
	head               uint64 // highest position written
}

func (s *scenario) write(t *testing.T, c *httpapitest.Client, token, name string, body map[string]any, key string) recorder.Result {
	t.Helper()
	if key == "" {
		key = uuid.NewString()
	}
	r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/" + name, Token: token,
		Body: body, Header: map[string]string{"Idempotency-Key": key}})
	require.Contains(t, []int{200, 201}, r.Status, "%s: %s", name, r.Body)
	res := httpapitest.Decode[recorder.Result](t, r)
	s.head = max(s.head, res.Position)
	s.versions["/api/v1/records/"+string(res.Ref.Kind)+"/"+res.Ref.ID.String()] = res.Version
	return res
}

func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	first := start(t, dir)
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, first.out.String())
	c := first.c

	s.op = s.write(t, c, s.admin, "operation.open", map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}, "").Ref.ID
	created := httpapitest.Decode[httpapi.TokenCreated](t, c.Do(httpapitest.Request{Method: http.MethodPost,
		Path: "/api/v1/tokens", Token: s.admin, Body: map[string]any{"name": "MCO Antakya", "role": "officer",
			"operations": []uuid.UUID{s.op}}}))
	s.officer = created.Secret
	feed := c.OpenFeed("/api/v1/events/live?operation="+s.op.String(), s.officer, nil)

	s.buildOperation(t, c)
	requireDelivered(t, feed, "actionpoint-"+s.aps[1].String())
	s.retryAndConflict(t, c)

	require.NoError(t, first.stop(), "graceful shutdown")
	require.Positive(t, requireSealedAtRest(t, dir, contactEmail), "the views' snapshots are written at shutdown, and checked")
	require.True(t, feed.Ended(5*time.Second), "the live feed ends at shutdown")
	require.Contains(t, first.out.String(), "ledger: stopped")

	second := start(t, dir)
	defer func() { require.NoError(t, second.stop()) }()
	require.NotContains(t, second.out.String(), "first run", "tokens survive a restart")
	s.readBack(t, second.c)
}

func (s *scenario) buildOperation(t *testing.T, c *httpapitest.Client) {
	join := func(name, kind string) uuid.UUID {
		return s.write(t, c, s.officer, "component.join", map[string]any{"operation_id": s.op, "id": recorder.NewID(),
			"name": name, "kind": kind}, "").Ref.ID
	}
	s.hns, s.ifrc = join("Turkish Red Crescent", "HNS"), join("IFRC", "IFRC")
	join("ICRC", "ICRC")
	mech := s.write(t, c, s.officer, "mechanism.establish", map[string]any{"operation_id": s.op, "id": recorder.NewID(),
		"name": "Movement operations committee", "level": "operational", "terms_of_reference": "ToR 2026-02"}, "").Ref.ID
	s.dec = s.write(t, c, s.officer, "decision.propose", map[string]any{"operation_id": s.op, "id": recorder.NewID(),
		"mechanism_id": mech, "title": "Shelter lead", "text": "The HNS leads shelter with IFRC support"}, "").Ref.ID
	s.write(t, c, s.officer, "decision.adopt", map[string]any{"id": s.dec, "procedure": "written",
		"agreed_by": []uuid.UUID{s.hns, s.ifrc}}, "")
	s.raiseKey = "raise-tents"
	s.raiseBody = map[string]any{"operation_id": s.op, "decision_id": s.dec, "title": "Deliver 2,000 family tents",
		"owner_component_id": s.hns, "due_at": "2026-02-20T00:00:00Z"}
	s.firstRaise = s.write(t, c, s.officer, "actionpoint.raise", s.raiseBody, s.raiseKey)
	second := s.write(t, c, s.officer, "actionpoint.raise", map[string]any{"operation_id": s.op, "decision_id": s.dec,
		"title": "Shelter cluster mapping", "owner_component_id": s.ifrc}, "")
	s.aps = []uuid.UUID{s.firstRaise.Ref.ID, second.Ref.ID}
	s.write(t, c, s.officer, "actionpoint.report_progress", map[string]any{"id": s.aps[0], "percent": 40, "note": "800 delivered"}, "")
	s.write(t, c, s.officer, "contact.add", map[string]any{"operation_id": s.op, "given_name": "Leyla", "family_name": "Kaya",
		"email": contactEmail, "function": "shelter coordinator", "component_id": s.hns}, "")
}

// contactEmail is personal data: sealed in the log, readable through the API.
const contactEmail = "leyla.kaya@example.org"

func (s *scenario) retryAndConflict(t *testing.T, c *httpapitest.Client) {
	retry := s.write(t, c, s.officer, "actionpoint.raise", s.raiseBody, s.raiseKey)
	require.True(t, retry.Duplicate)
	require.Equal(t, s.firstRaise.Ref, retry.Ref)
	require.Equal(t, s.firstRaise.Position, retry.Position)
	s.versions["/api/v1/records/actionpoint/"+s.aps[0].String()] = 2 // the retry reported the raise's version

	r := c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/actionpoint.block", Token: s.officer,
		Body:   map[string]any{"id": s.aps[0], "reason": "road closed"},
		Header: map[string]string{"Idempotency-Key": uuid.NewString(), "If-Match": `"1"`}})
	require.Equal(t, http.StatusPreconditionFailed, r.Status, "%s", r.Body)
}

func (s *scenario) readBack(t *testing.T, c *httpapitest.Client) {
	for path, version := range s.versions {
		r := c.Do(httpapitest.Request{Method: http.MethodGet, Path: path, Token: s.officer})
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
		require.Equal(t, version, httpapitest.Decode[httpapi.RecordView](t, r).Version, path)
	}
	rec := httpapitest.Decode[httpapi.RecordView](t, c.Do(httpapitest.Request{Method: http.MethodGet,
		Path: "/api/v1/records/actionpoint/" + s.aps[0].String(), Token: s.officer}))
	state := rec.State.(map[string]any)
	require.Equal(t, "in_progress", state["state"])
	require.Equal(t, s.dec.String(), state["decision_id"])

	// The registers were rebuilt from the log at start-up.
	reg := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, c.Do(httpapitest.Request{Method: http.MethodGet,
		Path: fmt.Sprintf("/api/v1/operations/%s/action-points?at_least=%d", s.op, s.head), Token: s.officer}))
	require.Len(t, reg.Items, 2)
	// A client that saw everything but the last event resumes after a restart.
	feed := c.OpenFeed("/api/v1/events/live?operation="+s.op.String(), s.officer,
		map[string]string{"Last-Event-ID": strconv.FormatUint(s.head-1, 10)})
	ev, ok := feed.Next(5 * time.Second)
	require.True(t, ok, "the resumed feed delivered nothing")
	require.Equal(t, strconv.FormatUint(s.head, 10), ev.ID)

	contacts := httpapitest.Decode[httpapi.Register[views.Contact]](t, c.Do(httpapitest.Request{Method: http.MethodGet,
		Path: fmt.Sprintf("/api/v1/operations/%s/contacts?at_least=%d", s.op, s.head), Token: s.officer}))
	require.Len(t, contacts.Items, 1)
	require.Equal(t, contactEmail, contacts.Items[0].Email, "the views open sealed personal fields")

	// Erasure (admin only): the key is destroyed and the views forget the person.
	erased := s.write(t, c, s.admin, "person.erase", map[string]any{"id": contacts.Items[0].PersonID,
		"reason": "data_subject_request", "request_ref": "DSR-2026-001"}, "")
	after := httpapitest.Decode[httpapi.Register[views.Contact]](t, c.Do(httpapitest.Request{Method: http.MethodGet,
		Path: fmt.Sprintf("/api/v1/operations/%s/contacts?at_least=%d", s.op, erased.Position), Token: s.officer}))
	require.Len(t, after.Items, 1)
	require.NotEqual(t, contactEmail, after.Items[0].Email)

	ready := c.Do(httpapitest.Request{Method: http.MethodGet, Path: "/readyz"})
	require.Equal(t, http.StatusOK, ready.Status, "%s", ready.Body)
	require.NotEmpty(t, httpapitest.Decode[httpapi.Status](t, ready).Views)
}

// adminToken checks the first-run token: printed once, in a 0600 file.
func adminToken(t *testing.T, dir, out string) string {
	path := filepath.Join(dir, "admin-token")
	info, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	secret := strings.TrimSpace(string(raw))
	require.Contains(t, out, secret, "the first run prints the token")
	return secret
}

func requireDelivered(t *testing.T, feed *httpapitest.Feed, stream string) {
	t.Helper()
	for {
		ev, ok := feed.Next(5 * time.Second)
		require.True(t, ok, "%s never arrived on the live feed", stream)
		if strings.Contains(ev.Data, `"stream":"`+stream+`"`) {
			return
		}
	}
}

// requireSealedAtRest checks that no file of the data directory, down to
// its subdirectories (the view snapshots), holds the personal value in
// clear; it returns how many snapshot files it checked.
func requireSealedAtRest(t *testing.T, dir, value string) (snapshots int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		require.False(t, bytes.Contains(raw, []byte(value)), "%s holds personal data in clear", path)
		if filepath.Base(filepath.Dir(path)) == "snapshots" {
			snapshots++
		}
		return nil
	})
	require.NoError(t, err)
	return snapshots
}
