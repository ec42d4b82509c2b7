package projections_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/projections"
)

const leyla = "Leyla Kaya"

// people is a view holding personal data in clear, as the contacts view
// does: the names of the people added, emptied when one is erased.
type people struct {
	sync.RWMutex
	Names map[uuid.UUID]string
	reads *atomic.Int64 // ReadSnapshot calls, shared by every instance
}

func (p *people) Name() string { return "people" }

func (p *people) Apply(e *projections.Event) error {
	switch pl := e.Payload.(type) {
	case domain.ContactAdded:
		p.Names[pl.PersonID] = pl.GivenName
	case domain.PersonErased:
		delete(p.Names, e.Ref.ID)
	}
	return nil
}

func (p *people) SnapshotVersion() uint32         { return 1 }
func (p *people) WriteSnapshot(w io.Writer) error { return json.NewEncoder(w).Encode(p.Names) }
func (p *people) ReadSnapshot(r io.Reader) error {
	p.reads.Add(1)
	return json.NewDecoder(r).Decode(&p.Names)
}

func (p *people) name(id uuid.UUID) (string, bool) {
	p.RLock()
	defer p.RUnlock()
	n, ok := p.Names[id]
	return n, ok
}

func peopleView(reads *atomic.Int64) projections.Factory {
	return func() projections.Projection { return &people{Names: map[uuid.UUID]string{}, reads: reads} }
}

// memKeys is a key store of snapshot keys that, like the real one, never
// makes a key again once it was erased.
type memKeys struct {
	mu        sync.Mutex
	keys      map[uint64][]byte
	gone      map[uint64]bool
	eraseFail error // Erase fails with it, when set
}

func newMemKeys() *memKeys { return &memKeys{keys: map[uint64][]byte{}, gone: map[uint64]bool{}} }

func (m *memKeys) Key(_ context.Context, g uint64) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	switch {
	case m.gone[g]:
		return nil, personal.ErrErased
	case m.keys[g] == nil:
		return nil, keystore.ErrNoKey
	}
	return m.keys[g], nil
}

func (m *memKeys) Ensure(ctx context.Context, g uint64) ([]byte, error) {
	if k, err := m.Key(ctx, g); err != keystore.ErrNoKey {
		return k, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.keys[g] = bytes.Repeat([]byte{byte(g + 1)}, 32)
	return m.keys[g], nil
}

func (m *memKeys) Erase(_ context.Context, g uint64) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.eraseFail != nil {
		return m.eraseFail
	}
	delete(m.keys, g)
	m.gone[g] = true
	return nil
}

func (m *memKeys) erased(g uint64) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.gone[g]
}

func sealedSnapshots(t *testing.T, dir string, keys projections.SnapshotKeys) *projections.Snapshots {
	t.Helper()
	snaps, err := projections.OpenSnapshots(dir, nil)
	require.NoError(t, err)
	if keys != nil {
		snaps.SealWith(keys)
	}
	return snaps
}

// started runs a runner over snaps until it applied pos; stop ends it,
// writing the shutdown snapshot.
func started(t *testing.T, store eventstore.Store, snaps *projections.Snapshots, pos uint64, reads *atomic.Int64) (r *projections.Runner, stop func()) {
	t.Helper()
	r = projections.NewRunner(store, peopleView(reads))
	r.UseSnapshots(snaps, projections.SnapshotOptions{Every: 1 << 30, Interval: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	require.NoError(t, r.WaitFor(waitCtx(t), pos))
	return r, func() { cancel(); require.NoError(t, <-done) }
}

func addContact(t *testing.T, store eventstore.Store, person uuid.UUID, name string) uint64 {
	return appendPayload(t, store, domain.Ref{Kind: domain.KindContact, ID: uuid.New()},
		domain.ContactAdded{PersonID: person, GivenName: name})
}

func erasePerson(t *testing.T, store eventstore.Store, person uuid.UUID) uint64 {
	return appendPayload(t, store, domain.Ref{Kind: domain.KindPerson, ID: person}, domain.PersonErased{})
}

// filesHolding names the files under dir whose bytes hold value.
func filesHolding(t *testing.T, dir, value string) (holding []string, files int) {
	t.Helper()
	require.NoError(t, filepath.WalkDir(dir, func(path string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		raw, err := os.ReadFile(path)
		require.NoError(t, err)
		files++
		if bytes.Contains(raw, []byte(value)) {
			holding = append(holding, path)
		}
		return nil
	}))
	return holding, files
}

func TestASealedSnapshotHoldsNoPersonalValueInClear(t *testing.T) {
	for _, tc := range []struct {
		name   string
		keys   projections.SnapshotKeys
		inFile bool
	}{
		{"without a key store the snapshot is in clear, as the log is", nil, true},
		{"with a key store it is sealed", newMemKeys(), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			store, dir, reads := memory.New(), t.TempDir(), &atomic.Int64{}
			pos := addContact(t, store, uuid.New(), leyla)
			_, stop := started(t, store, sealedSnapshots(t, dir, tc.keys), pos, reads)
			stop()
			holding, files := filesHolding(t, dir, leyla)
			require.Equal(t, 1, files, "the snapshot written at shutdown")
			require.Equal(t, tc.inFile, len(holding) > 0, "files holding the name: %v", holding)

			r, stop := started(t, store, sealedSnapshots(t, dir, tc.keys), pos, reads)
			defer stop()
			require.True(t, r.StartedFrom().Restored, "the snapshot restores")
			require.EqualValues(t, 1, reads.Load())
		})
	}
}

func TestAnErasureRetiresTheOlderGenerations(t *testing.T) {
	store, dir, reads, keys := memory.New(), t.TempDir(), &atomic.Int64{}, newMemKeys()
	person := uuid.New()
	pos := addContact(t, store, person, leyla)
	_, stop := started(t, store, sealedSnapshots(t, dir, keys), pos, reads)
	stop()
	old := snapshotPaths(t, dir)
	require.Len(t, old, 1)
	backup, err := os.ReadFile(old[0])
	require.NoError(t, err)

	snaps := sealedSnapshots(t, dir, keys)
	r, stop := started(t, store, snaps, pos, reads)
	erased := erasePerson(t, store, person)
	require.NoError(t, r.WaitFor(waitCtx(t), erased))
	// promptly: the runner is still running, and waits for no more events
	require.Eventually(t, func() bool { return keys.erased(0) }, 10*time.Second, 5*time.Millisecond,
		"generation 0's key is erased once generation 1's snapshot is written")
	require.NoFileExists(t, old[0])
	files := snapshotPaths(t, dir)
	require.NotEmpty(t, files)
	for _, f := range files {
		pos := positionOf(t, f)
		h, err := snaps.Header(pos)
		require.NoError(t, err)
		require.EqualValues(t, 1, h.Generation, f)
		require.Equal(t, erased, h.Position)
	}
	stop()

	// a copy of the old file, taken before the erasure, is read no more
	require.NoError(t, os.WriteFile(old[0], backup, 0o600))
	reads.Store(0)
	r, stop = started(t, store, sealedSnapshots(t, dir, keys), erased, reads)
	defer stop()
	require.True(t, r.StartedFrom().Restored)
	require.Equal(t, erased, r.StartedFrom().SnapshotPosition, "the new generation's snapshot restores")
	require.EqualValues(t, 1, reads.Load(), "only the new snapshot was read")
	v, err := projections.Get[*people](r, "people")
	require.NoError(t, err)
	_, found := v.name(person)
	require.False(t, found, "no trace of the erased person after a restart")
}

func TestASnapshotWhoseKeyWasErasedIsDiscardedUnread(t *testing.T) {
	store, dir, reads, keys := memory.New(), t.TempDir(), &atomic.Int64{}, newMemKeys()
	person := uuid.New()
	pos := addContact(t, store, person, leyla)
	_, stop := started(t, store, sealedSnapshots(t, dir, keys), pos, reads)
	stop()
	old := snapshotPaths(t, dir)
	require.Len(t, old, 1)
	require.NoError(t, keys.Erase(context.Background(), 0))

	r, stop := started(t, store, sealedSnapshots(t, dir, keys), pos, reads)
	defer stop()
	require.False(t, r.StartedFrom().Restored, "the views replay the log instead")
	require.Zero(t, reads.Load(), "no view read a byte of it")
	require.NoFileExists(t, old[0], "discarded")
	v, err := projections.Get[*people](r, "people")
	require.NoError(t, err)
	name, _ := v.name(person)
	require.Equal(t, leyla, name, "the replay still shows what the log holds")
}

func positionOf(t *testing.T, path string) uint64 {
	t.Helper()
	var pos uint64
	_, err := fmt.Sscanf(filepath.Base(path), "%020d.snap", &pos)
	require.NoError(t, err)
	return pos
}

func snapshotPaths(t *testing.T, dir string) []string {
	t.Helper()
	names := snapshotFiles(t, dir)
	for i, n := range names {
		names[i] = filepath.Join(dir, n)
	}
	return names
}

// An as-of query before an erasure must not start from a snapshot taken
// before it (it holds the person in clear), even one whose key could not be
// erased yet: it replays from zero, where the person's fields read erased.
func TestNoRestoreStartsFromAnOlderGenerationThanTheViews(t *testing.T) {
	store, dir, reads, keys := memory.New(), t.TempDir(), &atomic.Int64{}, newMemKeys()
	keys.eraseFail = errors.New("key store unreachable")
	person := uuid.New()
	added := addContact(t, store, person, leyla)
	_, stop := started(t, store, sealedSnapshots(t, dir, keys), added, reads)
	stop()
	old := snapshotPaths(t, dir)
	require.Len(t, old, 1)
	backup, err := os.ReadFile(old[0])
	require.NoError(t, err)

	snaps := sealedSnapshots(t, dir, keys)
	r, stop := started(t, store, snaps, added, reads)
	erased := erasePerson(t, store, person)
	require.NoError(t, r.WaitFor(waitCtx(t), erased))
	stop()
	require.False(t, keys.erased(0), "the key store failed to erase generation 0's key")
	require.NoError(t, os.WriteFile(old[0], backup, 0o600)) // say its removal failed too

	beforeErasure := func(h projections.SnapshotHeader) bool { return h.Position <= added }
	for name, s := range map[string]*projections.Snapshots{
		"the runner's": snaps, "a new process's": sealedSnapshots(t, dir, keys),
	} {
		t.Run(name, func(t *testing.T) {
			reads.Store(0)
			_, _, ok, err := s.Restore(context.Background(), store,
				func() []projections.Projection { return []projections.Projection{peopleView(reads)()} }, beforeErasure)
			require.NoError(t, err)
			require.False(t, ok, "the snapshot of generation 0 is not used")
			require.Zero(t, reads.Load())
		})
	}
}
