// Package keyservicetest runs a real key service on 127.0.0.1 for tests.
package keyservicetest

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/keyservice"
)

// Service is a running key service.
type Service struct {
	URL   string
	Token string
	stop  func()
}

// Stop stops it and waits until it has let go of its directory. Stopping
// twice is no error.
func (s *Service) Stop() { s.stop() }

// Start runs a key service on dir (made with --init) until the test ends.
func Start(t testing.TB, dir string) *Service {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	token := "test-token-" + t.Name()
	go func() {
		done <- keyservice.Run(ctx, keyservice.Options{DataDir: dir, Addr: "127.0.0.1:0", Init: true, Token: token,
			Ready: func(addr string) { ready <- addr }})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		cancel()
		require.NoError(t, err, "key service did not start")
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("key service did not start within 10s")
	}
	var once sync.Once
	s := &Service{URL: "http://" + addr, Token: token, stop: func() {
		once.Do(func() {
			cancel()
			if err := <-done; err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("key service: %v", err)
			}
		})
	}}
	t.Cleanup(s.Stop)
	return s
}
