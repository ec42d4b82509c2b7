package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// A group is bounded so that one commit never holds back the first caller
// for long, and its transaction stays small.
const (
	maxGroupRequests = 1024
	maxGroupEvents   = 8192
)

type appendReq struct {
	stream   string
	expected eventstore.ExpectedVersion
	events   []eventstore.EventData
	done     chan appendOutcome
	leaves   []integrity.Hash // the events' Merkle leaves, worked out once by signAhead
}

type appendOutcome struct {
	res eventstore.AppendResult
	err error
}

// writer owns the write connection. Only its goroutine touches conn, stmts
// and lastPos; the committed versions of streams are in the stream index.
type writer struct {
	s        *Store
	conn     *sql.Conn
	stmts    *statements
	reqs     chan *appendReq
	finished chan struct{}

	mu     sync.RWMutex // excludes submit from stop
	closed bool

	lastPos  int64
	walBytes int64 // committed since the last checkpoint request
	stats    stats
}

// stats counts what the writer did, for the benchmark and metrics.
type stats struct {
	groups, requests, events, checkpoints atomic.Int64
}

// Stats is a snapshot of the writer's counters.
type Stats struct {
	Groups, Requests, Events int64
	// Checkpoints counts WAL checkpoints that copied pages into the database
	// file; each costs two syncs.
	Checkpoints int64
}

func startWriter(ctx context.Context, s *Store) (*writer, error) {
	conn, err := s.wdb.Conn(ctx)
	if err != nil {
		return nil, classifyOpenError(s.path, err)
	}
	w := &writer{s: s, conn: conn, reqs: make(chan *appendReq, maxGroupRequests),
		finished: make(chan struct{})}
	if w.stmts, err = prepare(ctx, conn); err == nil {
		err = conn.QueryRowContext(ctx, "SELECT COALESCE(MAX(position), 0) FROM events").Scan(&w.lastPos)
	}
	if err != nil {
		_ = conn.Close()
		return nil, classifyOpenError(s.path, err)
	}
	go w.run()
	return w, nil
}

// submit hands a request to the writer and waits for its commit. If ctx ends
// first the append may still commit; a retry with the same event ids is safe.
func (w *writer) submit(ctx context.Context, r *appendReq) (eventstore.AppendResult, error) {
	w.mu.RLock()
	if w.closed {
		w.mu.RUnlock()
		return eventstore.AppendResult{}, fmt.Errorf("append to %s: %w", r.stream, eventstore.ErrClosed)
	}
	select {
	case w.reqs <- r:
		w.mu.RUnlock()
	case <-ctx.Done():
		w.mu.RUnlock()
		return eventstore.AppendResult{}, fmt.Errorf("append to %s: %w", r.stream, ctx.Err())
	}
	select {
	case out := <-r.done:
		return out.res, out.err
	case <-ctx.Done():
		return eventstore.AppendResult{}, fmt.Errorf("append to %s: %w", r.stream, ctx.Err())
	}
}

// stop refuses new appends, lets the writer commit what it holds, and waits.
func (w *writer) stop() {
	w.mu.Lock()
	if !w.closed {
		w.closed = true
		close(w.reqs)
	}
	w.mu.Unlock()
	<-w.finished
}

func (w *writer) run() {
	defer close(w.finished)
	defer func() { _ = w.conn.Close() }()
	defer w.stmts.close()
	for r := range w.reqs {
		w.commitGroup(w.gather(r))
	}
}

// gather takes whatever else is already waiting, without waiting for more:
// under load groups grow by themselves, and a lone append is not delayed.
func (w *writer) gather(first *appendReq) []*appendReq {
	group, n := []*appendReq{first}, len(first.events)
	for len(group) < maxGroupRequests && n < maxGroupEvents {
		select {
		case r, ok := <-w.reqs:
			if !ok {
				return group
			}
			group, n = append(group, r), n+len(r.events)
		default:
			return group
		}
	}
	return group
}

func (w *writer) snapshot() Stats {
	return Stats{Groups: w.stats.groups.Load(),
		Requests: w.stats.requests.Load(), Events: w.stats.events.Load(), Checkpoints: w.stats.checkpoints.Load()}
}

// Stats reports the writer's counters since Open.
func (s *Store) Stats() Stats { return s.writer.snapshot() }

// Append implements eventstore.Store.
func (s *Store) Append(ctx context.Context, stream string, expected eventstore.ExpectedVersion, events ...eventstore.EventData) (eventstore.AppendResult, error) {
	if err := eventstore.ValidateAppend(stream, events); err != nil {
		return eventstore.AppendResult{}, err
	}
	if err := s.halt.check(stream); err != nil {
		return eventstore.AppendResult{}, err
	}
	return s.writer.submit(ctx, &appendReq{stream: stream, expected: expected, events: events,
		done: make(chan appendOutcome, 1)})
}
