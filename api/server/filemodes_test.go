package server_test

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
)

// requirePrivateFiles walks dir: every regular file in it must be readable
// and writable by its owner only.
func requirePrivateFiles(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		names = append(names, d.Name())
		require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "%s is %v", path, info.Mode().Perm())
		return nil
	})
	require.NoError(t, err)
	return names
}

// TestEveryFileInTheDataDirectoryIsPrivate: after a first run, writes with
// personal data and a confidential read, every file the ledger made in its
// data directory (log, WAL, key store, tokens, access log, signing key,
// locks, view snapshots) is 0600, while it runs and after it stops, whatever
// the umask.
func TestEveryFileInTheDataDirectoryIsPrivate(t *testing.T) {
	old := syscall.Umask(0o022) // the usual umask; a stricter one would hide the fault
	defer syscall.Umask(old)
	dir := t.TempDir()
	srv := start(t, dir)
	s := &scenario{versions: map[string]uint64{}}
	s.admin = adminToken(t, dir, srv.out.String())
	c := srv.c
	s.op = s.write(t, c, s.admin, "operation.open", map[string]any{"name": "Earthquake response", "country": "TUR",
		"crisis_type": "disaster", "severity": "critical", "started_at": "2026-02-06T04:17:00Z"}, "").Ref.ID
	s.officer = httpapitest.Decode[httpapi.TokenCreated](t, c.Do(httpapitest.Request{Method: http.MethodPost,
		Path: "/api/v1/tokens", Token: s.admin, Body: map[string]any{"name": "MCO Antakya", "role": "officer",
			"operations": []uuid.UUID{s.op}}})).Secret
	s.buildOperation(t, c)
	issue := s.write(t, c, s.officer, "compliance.report", map[string]any{"operation_id": s.op,
		"subject_component_id": s.hns, "category": "communication_visibility", "summary": "Distribution list not shared",
		"severity": "low", "rule_reference": "Movement communication policy 4.2"}, "")
	r := c.Do(httpapitest.Request{Method: http.MethodGet, Token: s.officer,
		Path: "/api/v1/records/compliance/" + issue.Ref.ID.String()})
	require.Equal(t, http.StatusOK, r.Status, "a confidential read, for the access log: %s", r.Body)

	running := requirePrivateFiles(t, dir)
	for _, want := range []string{"ledger.db", "ledger.db-wal", "ledger.db-shm", "ledger.lock", "keys.db", "tokens.json",
		"admin-token", "ledger-signing.key", "access-log.jsonl"} {
		require.Contains(t, running, want)
	}
	require.NoError(t, srv.stop())
	stopped := requirePrivateFiles(t, dir)
	require.NotEmpty(t, stopped, "and after it stopped")
	snaps, err := filepath.Glob(filepath.Join(dir, "snapshots", "*.snap"))
	require.NoError(t, err)
	require.Len(t, snaps, 1, "the views' snapshot written at shutdown, 0600 like the rest")
	info, err := os.Stat(filepath.Join(dir, "snapshots"))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o700), info.Mode().Perm(), "its directory is the owner's only")
}
