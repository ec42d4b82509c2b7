package kurrent

import (
	"context"
	"errors"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/esdb"

	"github.com/movementcoord/ledger/eventstore"
)

// Store is the eventstore port on a KurrentDB node or cluster. It is safe
// for concurrent use; several Stores (in one or many processes) may share
// one database.
type Store struct {
	cfg       config
	clients   *clients
	foreign   *foreign
	retention retentions
}

var _ eventstore.Store = (*Store)(nil)

// Open connects to KurrentDB. connString is a KurrentDB connection string:
// esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://, with
// credentials (user:password@) and TLS settings (tls, tlsVerifyCert,
// tlsCAFile, userCertFile, userKeyFile) as the client documents them, plus
// two settings of ours: maxAppendSize (bytes, see WithMaxAppendSize) and
// streamPrefix (see WithStreamPrefix). Options given here override them.
// Open checks that a node answers before returning.
func Open(ctx context.Context, connString string, opts ...Option) (*Store, error) {
	esCfg, fromString, err := parseConnString(connString)
	if err != nil {
		return nil, err
	}
	cfg := defaultConfig()
	for _, o := range append(fromString, opts...) {
		o(&cfg)
	}
	if cfg.err != nil {
		return nil, cfg.err
	}
	esCfg.Logger = clientLogger(cfg.logger)
	s := &Store{cfg: cfg, clients: &clients{cfg: *esCfg, logger: cfg.logger}, foreign: &foreign{logger: cfg.logger}}
	if err := s.ping(ctx); err != nil {
		s.clients.close()
		return nil, err
	}
	return s, nil
}

// ping makes the client discover a node, the first thing any call does.
func (s *Store) ping(ctx context.Context) error {
	_, err := call(ctx, s, func(c *esdb.Client) (*esdb.ServerVersion, error) {
		return c.GetServerVersion()
	}, nil)
	if err != nil {
		return failure(ctx, "open KurrentDB", err)
	}
	return nil
}

// Close releases the client. Appends acknowledged before stay durable: the
// server acknowledged them.
func (s *Store) Close() error {
	s.clients.close()
	return nil
}

// call runs fn with the current client (see callOn).
func call[T any](ctx context.Context, s *Store, fn func(*esdb.Client) (T, error), discard func(T)) (T, error) {
	v, _, err := callOn(ctx, s, fn, discard)
	return v, err
}

// callOn runs fn with the current client and returns which client it used.
// When that client turns out to have closed itself, it is replaced and fn
// is tried once more on a fresh one: a client that closed itself sent
// nothing, so the retry cannot write twice.
func callOn[T any](ctx context.Context, s *Store, fn func(*esdb.Client) (T, error), discard func(T)) (T, *conn, error) {
	for attempt := 0; ; attempt++ {
		c, err := s.clients.get()
		if err != nil {
			var zero T
			return zero, nil, err
		}
		v, err := do(ctx, s.cfg.callTimeout, c, func() (T, error) { return fn(c.client) }, discard)
		if err != nil && s.clients.isClosed() {
			return v, c, eventstore.ErrClosed
		}
		if errors.Is(err, errNotSent) && attempt == 0 {
			continue // replaced meanwhile; the fresh client is ready
		}
		if err == nil || !clientIsDead(err) {
			return v, c, err
		}
		if errors.Is(err, errCallTimeout) && s.alive(c) {
			// One slow call (a stalled node, a huge append) is that call's
			// failure, not the client's: replacing the client would cut
			// every read, subscription and append sharing it.
			return v, c, err
		}
		s.clients.replace(c, err)
		// A timed-out call may have reached the server: leave the retry to
		// the caller, whose event ids make it idempotent.
		if attempt > 0 || ctx.Err() != nil || errors.Is(err, errCallTimeout) {
			return v, c, err
		}
	}
}

// alive asks a client whose call timed out whether its connection loop
// still answers. A client that closed itself (trap 5 in the README) blocks
// every call, this one too, so a bounded wait tells them apart; a live
// client answers from its connection at once, even if the node is slow.
func (s *Store) alive(c *conn) bool {
	ctx, cancel := context.WithTimeout(context.Background(), min(s.cfg.callTimeout, probeTimeout))
	defer cancel()
	_, err := do(ctx, probeTimeout, c, func() (*esdb.ServerVersion, error) { return c.client.GetServerVersion() }, nil)
	return err == nil
}

// probeTimeout bounds alive's wait.
const probeTimeout = 2 * time.Second

// stream returns the KurrentDB stream name for one of ours.
func (s *Store) stream(name string) string { return s.cfg.prefix + s.cfg.side + name }
