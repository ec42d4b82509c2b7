package kurrent

import (
	"fmt"
	"log/slog"
	"sync"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// conn is one esdb.Client and a signal closed when the adapter stops
// trusting it, so that waiting readers give up instead of hanging.
type conn struct {
	client *esdb.Client
	dead   chan struct{}
	once   sync.Once
}

func (c *conn) retire() {
	c.once.Do(func() {
		close(c.dead)
		// Closing a client whose connection loop already exited makes any
		// goroutine blocked on it panic; all of ours recover (see do and
		// pump), and the panic is what finally releases them.
		_ = c.client.Close()
	})
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
