package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server"
)

// TestDemoFillsARunningServer: `ledger demo --server` writes over HTTP and
// opens no data directory; the second run, configured from the environment
// and the data directory's admin-token file, writes nothing.
func TestDemoFillsARunningServer(t *testing.T) {
	dir := t.TempDir()
	base := startServer(t, dir)
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	elsewhere := filepath.Join(t.TempDir(), "never-created")

	out, err := run(t, "demo", "--server", base, "--token", strings.TrimSpace(string(raw)), "--data", elsewhere)
	require.NoError(t, err)
	require.Contains(t, out, "in "+base+": 123 commands, 123 written")
	require.NoDirExists(t, elsewhere, "no data directory is opened with --server")

	t.Setenv("LEDGER_SERVER", base)
	t.Setenv("LEDGER_DATA", dir)
	out, err = run(t, "demo")
	require.NoError(t, err)
	require.Contains(t, out, "0 written, 123 already there")
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

// startServer runs the real server on 127.0.0.1 with a free port.
func startServer(t *testing.T, dir string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- server.Run(ctx, server.Options{Addr: "127.0.0.1:0", DataDir: dir,
			Ready: func(a string) { addr <- a }, ShutdownTimeout: 5 * time.Second})
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(10 * time.Second):
			t.Error("the server did not stop within 10s")
		}
	})
	select {
	case a := <-addr:
		return "http://" + a
	case err := <-done:
		t.Fatalf("server did not start: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start within 10s")
	}
	return ""
}
