package recorder

import (
	"context"
	"errors"
	"iter"
	"sync"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/memory"
)

// readCounter counts stream reads per stream.
type readCounter struct {
	eventstore.Store
	mu    sync.Mutex
	reads map[string]int
}

func (c *readCounter) ReadStream(ctx context.Context, stream string, o eventstore.ReadStreamOptions) iter.Seq2[eventstore.RecordedEvent, error] {
	c.mu.Lock()
	c.reads[stream]++
	c.mu.Unlock()
	return c.Store.ReadStream(ctx, stream, o)
}

// Each command reads its own stream once, and each record a rule needs
// (the operation, the owner component, the mechanism) at most once.
func TestACommandReadsEachStreamOnce(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	ap := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}).Ref.ID
	v := uint64(1)
	cases := []struct {
		name string
		cmd  domain.Command
		opts WriteOptions
	}{
		{"creating without an id", domain.ProposeDecision{Header: hdr(s.op), MechanismID: s.mech, Title: "Cholera", Text: "HNS leads"}, WriteOptions{}},
		{"creating with an id", domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.pns}}, WriteOptions{}},
		{"changing, with an expected version", domain.ReportProgress{Header: hdr(s.op), ID: ap, Percent: 5, Note: "n"},
			WriteOptions{ExpectedVersion: &v, Authorise: func(uuid.UUID) error { return nil }}},
		{"changing the operation itself", domain.ChangeSeverity{Header: hdr(s.op), ID: s.op, Severity: "critical", Reason: "aftershock"}, WriteOptions{}},
	}
	for _, tc := range cases {
		counter := &readCounter{Store: mem, reads: map[string]int{}}
		res, err := New(counter, WithClock(s.svc.clock)).Execute(context.Background(), tc.cmd, tc.opts)
		require.NoError(t, err, tc.name)
		require.Equal(t, 1, counter.reads[res.Stream], "%s: reads of its own stream", tc.name)
		for stream, n := range counter.reads {
			require.Equal(t, 1, n, "%s: reads of %s, a record a rule needs", tc.name, stream)
		}
		t.Logf("%s: streams read %v", tc.name, counter.reads)
	}
}

// Given a record, the service checks in an order that leaks nothing:
// existence, then the caller's authorisation, then the idempotency key, then
// the expected version.
func TestWriteChecksInOrder(t *testing.T) {
	t.Parallel()
	store := memory.New()
	s := newScene(t, store)
	ap := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}).Ref
	denied := errors.New("not your operation")
	var askedFor []uuid.UUID
	deny := func(op uuid.UUID) error { askedFor = append(askedFor, op); return denied }
	stale := uint64(7)
	progress := domain.ReportProgress{Header: hdr(s.op), ID: ap.ID, Percent: 5, Note: "n"}
	first := s.run(progress)

	cases := []struct {
		name string
		cmd  domain.Command
		opts WriteOptions
		want error
	}{
		{"a missing record is not found, whoever asks", domain.ReportProgress{Header: hdr(s.op), ID: NewID(), Percent: 5, Note: "n"},
			WriteOptions{Authorise: deny, ExpectedVersion: &stale}, domain.ErrNotFound},
		{"authorisation comes before the version", domain.ReportProgress{Header: hdr(s.op), ID: ap.ID, Percent: 6, Note: "n"},
			WriteOptions{Authorise: deny, ExpectedVersion: &stale}, denied},
		{"authorisation comes before a retry's first answer", progress, WriteOptions{Authorise: deny}, denied},
		{"a stale version is refused", domain.ReportProgress{Header: hdr(s.op), ID: ap.ID, Percent: 6, Note: "n"},
			WriteOptions{ExpectedVersion: &stale}, ErrVersionMismatch},
	}
	for _, tc := range cases {
		before := count(t, store)
		_, err := s.svc.Execute(context.Background(), tc.cmd, tc.opts)
		require.ErrorIs(t, err, tc.want, tc.name)
		require.Equal(t, before, count(t, store), tc.name)
	}
	require.Equal(t, []uuid.UUID{s.op, s.op}, askedFor, "asked with the stored record's operation, never for a missing record")

	var pe *PreconditionError
	_, err := s.svc.Execute(context.Background(), domain.ReportProgress{Header: hdr(s.op), ID: ap.ID, Percent: 6, Note: "n"},
		WriteOptions{ExpectedVersion: &stale})
	require.ErrorAs(t, err, &pe)
	require.Equal(t, PreconditionError{Expected: stale, Actual: first.Version}, *pe)

	retry, err := s.svc.Execute(context.Background(), progress, WriteOptions{ExpectedVersion: &stale})
	require.NoError(t, err, "a retry whose key and body are in the stream gets its first answer, whatever version it expected")
	require.True(t, retry.Duplicate)
	require.Equal(t, first.Position, retry.Position)
}

// With an expected version, a write that lands between the load and the
// append is not decided over: the caller gets 412's error with the version
// that write made, and nothing of its own is appended.
func TestExpectedVersionIsNotRetriedOver(t *testing.T) {
	t.Parallel()
	mem := memory.New()
	s := newScene(t, mem)
	ap := s.run(domain.RaiseActionPoint{Header: hdr(s.op), ID: NewID(), Title: "t", Owner: domain.Owner{ComponentID: s.hns}}).Ref.ID
	wrapped := &conflicting{Store: mem, n: 1}
	wrapped.before = func() {
		_, err := New(mem).Execute(context.Background(), domain.BlockActionPoint{Header: hdr(s.op), ID: ap, Reason: "no fuel"}, WriteOptions{})
		require.NoError(t, err)
	}
	seen := uint64(1)
	_, err := New(wrapped).Execute(context.Background(), domain.ReportProgress{Header: hdr(s.op), ID: ap, Percent: 40, Note: "n"},
		WriteOptions{ExpectedVersion: &seen})
	var pe *PreconditionError
	require.ErrorAs(t, err, &pe)
	require.Equal(t, uint64(2), pe.Actual)
	a, err := s.svc.Load(context.Background(), domain.Ref{Kind: domain.KindActionPoint, ID: ap})
	require.NoError(t, err)
	require.Equal(t, uint64(2), domain.BaseOf(a).Version)
}
