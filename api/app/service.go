package app

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

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
	s := &Service{store: store, clock: time.Now, attempts: MaxAttempts}
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

// Execute decides a command and appends its events. See the package doc.
func (s *Service) Execute(ctx context.Context, cmd domain.Command) (Result, error) {
	erase, isErasure := cmd.(domain.ErasePerson)
	if isErasure && s.keys == nil {
		return Result{}, ErrNoKeyStore
	}
	res, err := s.execute(ctx, cmd)
	if isErasure {
		return s.afterErasure(ctx, erase, res, err)
	}
	return res, err
}

func (s *Service) execute(ctx context.Context, cmd domain.Command) (Result, error) {
	ref, err := targetOf(cmd)
	if err != nil {
		return Result{}, err
	}
	var lastErr error
	for range s.attempts {
		res, err := s.attempt(ctx, cmd, ref)
		if !errors.Is(err, eventstore.ErrWrongExpectedVersion) {
			return res, err
		}
		lastErr = err
	}
	return Result{}, fmt.Errorf("%s: %w after %d attempts: %w", ref.Stream(), ErrRetriesExhausted, s.attempts, lastErr)
}

// ExecuteNamed decodes a command by name from its JSON body (see
// domain.CommandNames) and executes it: the entry point for HTTP and scripts.
func (s *Service) ExecuteNamed(ctx context.Context, name string, body []byte) (Result, error) {
	cmd, err := domain.DecodeCommand(name, body)
	if err != nil {
		return Result{}, err
	}
	return s.Execute(ctx, cmd)
}

// targetOf fills in the id of a creating command that left it zero.
func targetOf(cmd domain.Command) (domain.Ref, error) {
	ref := cmd.Target()
	if ref.ID != uuid.Nil {
		return ref, nil
	}
	if !domain.Creates(cmd) {
		return ref, fmt.Errorf("%s command: %w", ref.Kind, ErrMissingID)
	}
	ref.ID = idFromKey(ref.Kind, cmd.CommandHeader().IdempotencyKey)
	return ref, nil
}

// attempt is one load, decide, append round.
func (s *Service) attempt(ctx context.Context, cmd domain.Command, ref domain.Ref) (Result, error) {
	key := cmd.CommandHeader().IdempotencyKey
	rec, err := s.load(ctx, ref, key)
	if err != nil {
		return Result{}, err
	}
	if rec.seen != nil {
		return *rec.seen, nil
	}
	events, err := domain.Decide(cmd, rec.agg, &lookup{ctx: ctx, svc: s}, s.clock())
	if err != nil {
		return Result{}, err
	}
	if err := s.protect(ctx, events); err != nil {
		return Result{}, err
	}
	data, err := encode(ref, key, events)
	if err != nil {
		return Result{}, err
	}
	if err := seal(ref.Stream(), rec.version, rec.head, data); err != nil {
		return Result{}, err
	}
	ar, err := s.store.Append(ctx, ref.Stream(), eventstore.Exact(rec.version), data...)
	if err != nil {
		return Result{}, fmt.Errorf("append %s: %w", ref.Stream(), err)
	}
	for i := range events {
		events[i].ID = data[i].ID
	}
	return Result{Ref: ref, Stream: ref.Stream(), Version: ar.Version, Position: ar.Position, Events: events}, nil
}
