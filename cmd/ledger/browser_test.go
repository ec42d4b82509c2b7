package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// serveOpen runs `ledger serve --open` in process with $BROWSER set to
// browser, until the test ends; it returns what serve printed so far.
func serveOpen(t *testing.T, browser string) *syncBuffer {
	t.Setenv("BROWSER", browser)
	ctx, cancel := context.WithCancel(context.Background())
	out := &syncBuffer{}
	root := newRootCommand()
	root.SetOut(out)
	root.SetErr(io.Discard)
	root.SetArgs([]string{"serve", "--open", "--addr", "127.0.0.1:0", "--data", t.TempDir(), "--followup-every", "0"})
	done := make(chan error, 1)
	go func() { done <- root.ExecuteContext(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
	return out
}

// The person who runs `ledger serve --open` lands on the sign-in page.
func TestServeOpenOpensTheWebPages(t *testing.T) {
	dir := t.TempDir()
	opened := filepath.Join(dir, "opened")
	script := filepath.Join(dir, "browser")
	require.NoError(t, os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s' \"$1\" > "+opened+".tmp && mv "+opened+".tmp "+opened+"\n"), 0o700))
	serveOpen(t, script)
	var url []byte
	require.Eventually(t, func() bool {
		url, _ = os.ReadFile(opened)
		return len(url) > 0
	}, 30*time.Second, 50*time.Millisecond, "the browser was never asked to open the ledger")
	require.True(t, strings.HasPrefix(string(url), "http://127.0.0.1:"), "%s", url)
	res, err := http.Get(string(url))
	require.NoError(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, string(body), `name="token"`, "the page it opened asks for a token")
}

// With no browser to open, serve says where to go and keeps serving.
func TestServeOpenWithoutABrowserSaysWhereToGo(t *testing.T) {
	out := serveOpen(t, filepath.Join(t.TempDir(), "no-such-browser"))
	require.Eventually(t, func() bool { return strings.Contains(out.String(), "could not open a browser") },
		30*time.Second, 50*time.Millisecond, "%s", out.String())
	require.Regexp(t, `open http://127\.0\.0\.1:\d+/ yourself`, out.String())
}

// syncBuffer is a bytes.Buffer safe for the server's writes and the test's reads.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
