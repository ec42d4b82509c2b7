package kurrent

import (
	"fmt"
	"log/slog"
	"sync"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// conn is one esdb.Client, a signal closed when the adapter stops trusting
// it (so that waiting readers give up instead of hanging), and a count of
// goroutines inside it.
type conn struct {
	client *esdb.Client
	dead   chan struct{}

	mu      sync.Mutex
	users   int
	retired bool
}

// use registers a goroutine about to call into the client; false once the
// client is retired.
func (c *conn) use() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.retired {
		return false
	}
	c.users++
	return true
}

// release ends a use, closing a retired client when its last user leaves.
func (c *conn) release() {
	c.mu.Lock()
	c.users--
	last := c.retired && c.users == 0
	c.mu.Unlock()
	if last {
		_ = c.client.Close()
	}
}

// retire stops new uses and closes the client once nobody is inside it.
// Closing earlier would close its request channel under a goroutine still
// sending on it. A goroutine stuck forever in a client whose connection loop
// has exited keeps it from being closed; the client holds nothing worth
// freeing by then.
func (c *conn) retire() {
	c.mu.Lock()
	if c.retired {
		c.mu.Unlock()
		return
	}
	c.retired = true
	close(c.dead)
	idle := c.users == 0
	c.mu.Unlock()
	if idle {
		_ = c.client.Close()
	}
}

// clients hands out the current client and replaces it when it has closed
// itself: after about a second of failed discovery an esdb.Client answers
// ErrorCodeConnectionClosed forever, even once the server is back.
type clients struct {
	cfg    esdb.Configuration
	logger *slog.Logger

	mu     sync.Mutex
	cur    *conn
	closed bool
}

func (cs *clients) get() (*conn, error) {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if cs.closed {
		return nil, eventstore.ErrClosed
	}
	if cs.cur == nil {
		cfg := cs.cfg // NewClient keeps the pointer; each client gets its own copy
		client, err := esdb.NewClient(&cfg)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrInvalidConnString, err)
		}
		cs.cur = &conn{client: client, dead: make(chan struct{})}
	}
	return cs.cur, nil
}

// replace forgets c so that the next call builds a fresh client.
func (cs *clients) replace(c *conn, why error) {
	cs.mu.Lock()
	current := cs.cur == c
	if current {
		cs.cur = nil
	}
	cs.mu.Unlock()
	if current {
		cs.logger.Warn("kurrent: replacing client", "reason", why)
	}
	c.retire()
}

// isClosed reports whether the Store was closed, to tell a caller whose
// client was retired by Close that the store, not the server, went away.
func (cs *clients) isClosed() bool {
	cs.mu.Lock()
	defer cs.mu.Unlock()
	return cs.closed
}

func (cs *clients) close() {
	cs.mu.Lock()
	c := cs.cur
	cs.cur, cs.closed = nil, true
	cs.mu.Unlock()
	if c != nil {
		c.retire()
	}
}

// clientLogger routes the client's own log lines to ours at debug level.
func clientLogger(l *slog.Logger) esdb.LoggingFunc {
	return func(level esdb.LogLevel, format string, args ...interface{}) {
		l.Debug("esdb: "+fmt.Sprintf(format, args...), "level", level)
	}
}
