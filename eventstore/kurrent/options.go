package kurrent

import (
	"io"
	"log/slog"
	"time"
)

// Option adjusts a Store.
type Option func(*config)

type config struct {
	logger        *slog.Logger
	callTimeout   time.Duration
	maxAppendSize int
	prefix        string
	side          string // sideMark in the side store (side.go), else empty
	// acceptUnmarked takes events in the prefix without the ledger's
	// marker as the ledger's (a log written before markers existed).
	acceptUnmarked bool
	// maxAppendEventSize is the node's MaxAppendEventSize (0: no limit).
	maxAppendEventSize int
	// err is an option's refusal, returned by Open.
	err      error
	retryMin time.Duration
	retryMax time.Duration
	pageSize uint64
}

func defaultConfig() config {
	return config{
		logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
		callTimeout:   10 * time.Second,
		maxAppendSize: defaultMaxAppendSize,
		retryMin:      100 * time.Millisecond,
		retryMax:      2 * time.Second,
		pageSize:      512,
	}
}

// WithLogger receives the adapter's reports (dropped and resumed
// subscriptions, replaced clients) and the client library's own log at
// debug level. The default discards them.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// WithCallTimeout bounds how long an append, or the opening of a read or
// subscription, may wait for a connection and a reply before the adapter
// reports the store unavailable and replaces its client (default 10 s).
// Once open, reads and subscriptions are bounded by their context.
func WithCallTimeout(d time.Duration) Option {
	return func(c *config) { c.callTimeout = d }
}

// WithMaxAppendSize tells the adapter the server's MaxAppendSize, so that
// larger appends are refused before they are sent (default 1 MiB, the
// server's default). Raise both together.
func WithMaxAppendSize(n int) Option {
	return func(c *config) { c.maxAppendSize = n }
}

// WithStreamPrefix keeps this store's streams under a prefix on a shared
// node: names gain it on the way in and lose it on the way out, and the
// global log shows only streams that carry it and the ledger's marker. It
// lets several ledgers (or test runs) share one KurrentDB without seeing
// each other. The prefix is letters, digits or _ then one separator
// (- : . /), such as "ledger-" or "t1:", so that "t1-" never reads "t10-";
// Open refuses any other.
func WithStreamPrefix(p string) Option {
	return func(c *config) {
		c.prefix = p
		if err := validPrefix(p); err != nil {
			c.err = err
		}
	}
}

// WithUnmarkedEvents takes events in the prefix that lack the ledger's
// marker as the ledger's: only for a log written by a ledger before it
// marked its events, on a node no one else writes to under that prefix.
func WithUnmarkedEvents() Option {
	return func(c *config) { c.acceptUnmarked = true }
}

// WithMaxAppendEventSize tells the adapter the node's MaxAppendEventSize
// (KurrentDB 24.10.4 and later; no limit by default), so that an event over
// it is refused before it is sent.
func WithMaxAppendEventSize(n int) Option {
	return func(c *config) { c.maxAppendEventSize = n }
}

// WithResubscribeBackoff sets the wait between attempts to resume a dropped
// subscription: it starts at min and doubles up to max.
func WithResubscribeBackoff(min, max time.Duration) Option {
	return func(c *config) { c.retryMin, c.retryMax = min, max }
}
