package projections_test

import (
	"context"
	"encoding/json"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/projections"
)

// counter is a test view: it remembers the positions it applied and fails
// on events of the type in failOn.
type counter struct {
	sync.RWMutex
	name      string
	failOn    string
	positions []uint64
}

func (c *counter) Name() string { return c.name }

func (c *counter) Apply(e *projections.Event) error {
	if e.Type == c.failOn {
		return errors.New("boom")
	}
	c.positions = append(c.positions, e.Position)
	return nil
}

func (c *counter) applied() []uint64 {
	c.RLock()
	defer c.RUnlock()
	return append([]uint64(nil), c.positions...)
}

var op = uuid.MustParse("0193f0a0-0000-7000-8000-000000000001")

// appendPayload appends one event with a valid envelope to a new or
// existing stream and returns its global position.
func appendPayload(t *testing.T, store eventstore.Store, ref domain.Ref, p domain.Payload) uint64 {
	t.Helper()
	typ, data, err := domain.EncodePayload(p)
	require.NoError(t, err)
	return appendRaw(t, store, ref, typ, data)
}

func appendRaw(t *testing.T, store eventstore.Store, ref domain.Ref, typ string, data []byte) uint64 {
	t.Helper()
	meta, err := json.Marshal(domain.Envelope{OperationID: op, OccurredAt: time.Now().UTC(), RecordedAt: time.Now().UTC(),
		Actor: domain.Actor{ID: "u1", Role: "officer"}, Classification: domain.ClassMovement})
	require.NoError(t, err)
	res, err := store.Append(context.Background(), ref.Stream(), eventstore.Any(),
		eventstore.EventData{ID: uuid.New(), Type: typ, Data: data, Metadata: meta})
	require.NoError(t, err)
	return res.Position
}

func lesson() domain.Ref { return domain.Ref{Kind: domain.KindLesson, ID: uuid.New()} }

func recorded() domain.LessonRecorded {
	return domain.LessonRecorded{Source: domain.SourceOther, Observation: "late minutes"}
}

// run starts the runner and stops it when the test ends.
func run(t *testing.T, r *projections.Runner) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		require.NoError(t, <-done)
	})
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func linked() domain.LessonLinked {
	return domain.LessonLinked{TargetKind: domain.KindDecision, TargetID: uuid.New()}
}
