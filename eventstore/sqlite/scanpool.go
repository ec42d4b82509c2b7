package sqlite

import (
	"context"
	"sync"

	"github.com/movementcoord/ledger/eventstore"
)

// scanPool keeps the raw connections of the global log's scans (see
// rawConn). At most readConns scans run at once, as with the driver's read
// pool; an idle connection is kept for the next scan, since opening one and
// preparing its statement costs far more than a short read of the tail.
type scanPool struct {
	once   sync.Once
	slots  chan struct{}
	mu     sync.Mutex
	idle   []*rawConn
	closed bool
}

// get waits for a slot, then hands out an idle connection or opens one.
func (p *scanPool) get(ctx context.Context, path string) (*rawConn, error) {
	p.once.Do(func() { p.slots = make(chan struct{}, readConns) })
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	p.mu.Lock()
	closed := p.closed
	var c *rawConn
	if n := len(p.idle); n > 0 && !closed {
		c, p.idle = p.idle[n-1], p.idle[:n-1]
	}
	p.mu.Unlock()
	if closed {
		<-p.slots
		return nil, eventstore.ErrClosed
	}
	if c != nil {
		return c, nil
	}
	c, err := openRaw(path)
	if err != nil {
		<-p.slots
		return nil, classifyScanError(asRawError(err))
	}
	return c, nil
}

// put gives back a connection get handed out, closing it if the store is.
func (p *scanPool) put(c *rawConn) {
	p.mu.Lock()
	keep := !p.closed
	if keep {
		p.idle = append(p.idle, c)
	}
	p.mu.Unlock()
	if !keep {
		c.close()
	}
	<-p.slots
}

// close closes the idle connections; those in use close when put back.
func (p *scanPool) close() {
	p.mu.Lock()
	idle := p.idle
	p.idle, p.closed = nil, true
	p.mu.Unlock()
	for _, c := range idle {
		c.close()
	}
}

func asRawError(err error) *rawError {
	if re, ok := err.(*rawError); ok {
		return re
	}
	return &rawError{msg: err.Error()}
}
