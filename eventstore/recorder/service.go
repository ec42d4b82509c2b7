package recorder

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// MaxAttempts bounds how often a command is decided again after a version
// conflict.
const MaxAttempts = 3

// Service runs commands against the store. It is safe for concurrent use.
type Service struct {
	store    eventstore.Store
	keys     keystore.Store // nil: personal fields are written as given
	clock    func() time.Time
	attempts int
	idem     secretCache // the idempotency secret, read once
	inflight inflight    // scoped keys being written by this process
	lookups  *lookups    // records the domain's rules read, kept while current
}

// Option configures a Service.
type Option func(*Service)

// WithClock sets the clock (tests, replays of a scripted demo).
func WithClock(now func() time.Time) Option { return func(s *Service) { s.clock = now } }

// WithAttempts sets how many times a conflicting command is tried.
func WithAttempts(n int) Option { return func(s *Service) { s.attempts = max(n, 1) } }

// New returns a service writing to store.
func New(store eventstore.Store, opts ...Option) *Service {
	if store == nil {
		panic("app: New needs a store")
	}
	s := &Service{store: store, clock: time.Now, attempts: MaxAttempts, lookups: newLookups(store)}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Result says what a command wrote.
type Result struct {
	Ref       domain.Ref     `json:"ref"` // the record written to
	Stream    string         `json:"stream"`
	Version   uint64         `json:"version"`   // stream version after the append
	Position  uint64         `json:"position"`  // global position of the last event appended
	Duplicate bool           `json:"duplicate"` // the idempotency key was already used: nothing was written
	Events    []domain.Event `json:"-"`         // what was appended, with ids; empty for a duplicate
}

// Execute is the write path: it loads the command's record once, checks
// that it exists (unless the command creates it), authorises, answers a
// retry with its first result, checks the expected version, decides and
// appends with the expected stream version. See the package doc.
func (s *Service) Execute(ctx context.Context, cmd domain.Command, opts WriteOptions) (Result, error) {
	res, err := s.execute(ctx, cmd, opts)
	if erase, ok := cmd.(domain.ErasePerson); ok && s.keys != nil {
		return s.afterErasure(ctx, erase, res, err)
	}
	return res, err
}

func (s *Service) execute(ctx context.Context, cmd domain.Command, opts WriteOptions) (Result, error) {
	w, err := s.newWrite(ctx, cmd, opts)
	if err != nil {
		return Result{}, err
	}
	if w.key != "" {
		leave, err := s.inflight.enter(ctx, w.key)
		if err != nil {
			return Result{}, err
		}
		defer leave()
	}
	var lastErr error
	for range s.attempts {
		// With an expected version the next attempt ends in the first
		// answer (the conflict was this request's twin) or a 412.
		res, err := s.attempt(ctx, w)
		if !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
			return res, err
		}
		lastErr = err
	}
	return Result{}, fmt.Errorf("%s: %w after %d attempts: %w", w.ref.Stream(), ErrRetriesExhausted, s.attempts, lastErr)
}

// ExecuteNamed decodes a command by name from its JSON body (see
// domain.CommandNames) and executes it: the entry point for scripts.
func (s *Service) ExecuteNamed(ctx context.Context, name string, body []byte, opts WriteOptions) (Result, error) {
	cmd, err := domain.DecodeCommand(name, body)
	if err != nil {
		return Result{}, err
	}
	return s.Execute(ctx, cmd, opts)
}

// attempt is one load, admit, decide, append round.
func (s *Service) attempt(ctx context.Context, w *write) (Result, error) {
	rec, err := s.load(ctx, w.ref, w.key)
	if err != nil {
		return Result{}, err
	}
	if first, err := w.admit(rec); first != nil || err != nil {
		return deref(first), err
	}
	if err := s.writable(ctx, w.cmd); err != nil {
		return Result{}, err
	}
	events, err := domain.Decide(w.cmd, rec.agg, &lookup{ctx: ctx, svc: s}, s.clock())
	if err != nil {
		return Result{}, err
	}
	for i := range events {
		events[i].Envelope.IdempotencyKey, events[i].Envelope.IdempotencyFingerprint = w.key, w.print
	}
	return s.append(ctx, w, rec, events)
}

// append seals the events' personal fields and their hash chain onto the
// record as it was read, and appends them expecting that version.
func (s *Service) append(ctx context.Context, w *write, rec record, events []domain.Event) (Result, error) {
	if err := s.protect(ctx, events); err != nil {
		return Result{}, err
	}
	stream := w.ref.Stream()
	data, err := encode(w.ref, w.key, events)
	if err != nil {
		return Result{}, err
	}
	if err := seal(stream, rec.version, rec.head, data); err != nil {
		return Result{}, err
	}
	ar, err := s.store.Append(ctx, stream, eventstore.Exact(rec.version), data...)
	if err != nil {
		return Result{}, fmt.Errorf("append %s: %w", stream, err)
	}
	for i := range events {
		events[i].ID = data[i].ID
	}
	return Result{Ref: w.ref, Stream: stream, Version: ar.Version, Position: ar.Position, Events: events}, nil
}

func deref(r *Result) Result {
	if r == nil {
		return Result{}
	}
	return *r
}
