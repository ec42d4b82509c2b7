// Package servertest runs the real ledger server for tests: on 127.0.0.1
// with a free port, on a given data directory, stopped at the end of the test.
package servertest

import (
	"bytes"
	"context"
	"sync"
	"testing"
	"time"

	"github.com/movementcoord/ledger/api/server"
)

// Server is one server.Run.
type Server struct {
	Base string  // e.g. http://127.0.0.1:39255
	Out  *Output // what the server printed (first-run token, logs)

	stopOnce sync.Once
	stopErr  error
	cancel   context.CancelFunc
	done     chan error
}

// Start runs the server on dir; edit, if not nil, changes its options. The
// server stops when the test ends, unless Stop was called first.
func Start(t testing.TB, dir string, edit func(*server.Options)) *Server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	s := &Server{Out: &Output{}, cancel: cancel, done: make(chan error, 1)}
	opts := server.Options{Addr: "127.0.0.1:0", DataDir: dir, Out: s.Out,
		Ready: func(a string) { addr <- a }, ShutdownTimeout: 5 * time.Second}
	if edit != nil {
		edit(&opts)
	}
	go func() { s.done <- server.Run(ctx, opts) }()
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Errorf("server stopped with: %v", err)
		}
	})
	select {
	case a := <-addr:
		s.Base = "http://" + a
		return s
	case err := <-s.done:
		cancel()
		t.Fatalf("server did not start: %v\n%s", err, s.Out)
	case <-time.After(10 * time.Second):
		cancel()
		t.Fatal("server did not start within 10s")
	}
	return nil
}

// Stop shuts the server down gracefully and returns what Run returned.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		s.cancel()
		select {
		case s.stopErr = <-s.done:
		case <-time.After(10 * time.Second):
			s.stopErr = context.DeadlineExceeded
		}
	})
	return s.stopErr
}

// Output collects what the server prints, safely from several goroutines.
type Output struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.Write(p)
}

func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}
