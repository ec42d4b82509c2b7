package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server/servertest"
)

// TestDemoFillsARunningServer: `ledger demo --server` writes over HTTP and
// opens no data directory; the second run, configured from the environment
// and the data directory's admin-token file, writes nothing.
func TestDemoFillsARunningServer(t *testing.T) {
	dir := t.TempDir()
	base := servertest.Start(t, dir, nil).Base
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	elsewhere := filepath.Join(t.TempDir(), "never-created")

	out, err := run(t, "demo", "--server", base, "--token", strings.TrimSpace(string(raw)), "--data", elsewhere)
	require.NoError(t, err)
	require.Contains(t, out, "in "+base+": 123 commands, 123 written")
	op := regexp.MustCompile(`demo operation (\S+) in`).FindStringSubmatch(out)
	require.Len(t, op, 2, out)
	require.NoDirExists(t, elsewhere, "no data directory is opened with --server")

	t.Setenv("LEDGER_SERVER", base)
	t.Setenv("LEDGER_DATA", dir)
	// A second run over HTTP has a new officer token, so its keys are
	// another principal's: it stops at the operation and writes nothing.
	out, err = run(t, "demo")
	require.NoError(t, err)
	require.Contains(t, out, "0 written: ")
	require.Contains(t, out, "operation "+op[1]+": the demo is already recorded")
}

// TestDemoOverHTTPChecksItsFlags: a missing token or a malformed URL fails
// before any request is sent.
func TestDemoOverHTTPChecksItsFlags(t *testing.T) {
	_, err := run(t, "demo", "--server", "http://127.0.0.1:1", "--data", t.TempDir())
	require.ErrorContains(t, err, "needs an admin token")
	_, err = run(t, "demo", "--server", "127.0.0.1:8080", "--token", "x")
	require.ErrorContains(t, err, "want a base URL")
	_, err = run(t, "demo", "--server", "ftp://127.0.0.1", "--token", "x")
	require.ErrorContains(t, err, "want a base URL")
	_, err = run(t, "demo", "--server", "http://127.0.0.1:1", "--store", "esdb://127.0.0.1:1", "--token", "x")
	require.ErrorContains(t, err, "none of the others can be")
}
