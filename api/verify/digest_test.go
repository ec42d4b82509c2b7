package verify

import (
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

func TestLogDigestDetectsRewrittenHistory(t *testing.T) {
	t.Parallel()
	l, aps := newLedger(t)
	logDigest := func() Expect {
		store, err := sqlite.Open(context.Background(), l.dir)
		require.NoError(t, err)
		defer store.Close()
		d, ok, err := LatestLogDigest(context.Background(), store)
		require.NoError(t, err)
		require.True(t, ok)
		return Expect{Digest: d, Source: "log digest"}
	}
	e := logDigest()
	require.Equal(t, l.file.Digest.Root, e.Digest.Root)
	rep := l.check(t, Options{Key: l.pub(), Digests: []Expect{e}})
	require.Nil(t, rep.Problem)
	require.Equal(t, 1, rep.Digests)

	db := l.db(t)
	l.reseal(t, db, aps[1], 2, []byte(`{"percent":10,"note":"no kits"}`))
	require.NoError(t, db.Close())
	rep = l.check(t, Options{Key: l.pub(), Digests: []Expect{logDigest()}})
	require.NotNil(t, rep.Problem)
	require.ErrorIs(t, rep.Problem, ErrDigestMismatch)
	require.Equal(t, l.file.Digest.Position, rep.Problem.Position)
	require.Contains(t, rep.Problem.Reason, "history rewritten")
}

func TestForgedDigestsAreRejected(t *testing.T) {
	t.Parallel()
	l, _ := newLedger(t)
	_, other, err := ed25519.GenerateKey(nil)
	require.NoError(t, err)
	cases := []struct {
		name  string
		forge func(f *File)
		key   ed25519.PublicKey
		want  error
	}{
		{"signed by another key", func(f *File) { f.Digest = integrity.Sign(f.Digest, other) }, l.pub(), integrity.ErrWrongKey},
		{"root changed", func(f *File) { f.Digest.Root[1] ^= 1 }, l.pub(), integrity.ErrBadSignature},
		{"position moved back", func(f *File) { f.Digest.Position-- }, l.pub(), integrity.ErrBadSignature},
		{"heads list edited", func(f *File) { f.Heads[0].Version++ }, l.pub(), nil},
	}
	for _, c := range cases {
		f := l.file
		f.Heads = append([]integrity.Head(nil), l.file.Heads...)
		c.forge(&f)
		rep := l.check(t, Options{Key: c.key, Digests: []Expect{{Digest: f.Digest, Heads: f.Heads, Source: "file"}}})
		require.NotNil(t, rep.Problem, c.name)
		if c.want != nil {
			require.ErrorIs(t, rep.Problem, c.want, c.name)
		}
	}
	rep := l.check(t, Options{Digests: []Expect{{Digest: l.file.Digest, Source: "file"}}})
	require.Nil(t, rep.Problem)
	require.True(t, rep.Untrusted, "no key given: the digest's own key is not trusted")
}

func TestProofsFromTheStoreVerify(t *testing.T) {
	t.Parallel()
	l, aps := newLedger(t)
	store, err := sqlite.Open(context.Background(), l.dir)
	require.NoError(t, err)
	defer store.Close()
	p, err := NewProver(l.file)
	require.NoError(t, err)
	for v := uint64(1); v <= 7; v++ {
		ev, proof, err := p.Prove(context.Background(), store, aps[0], v)
		require.NoError(t, err)
		require.NoError(t, integrity.VerifyProof(toIntegrity(ev), proof, l.file.Digest, l.pub()), "version %d", v)
	}
	_, _, err = p.Prove(context.Background(), store, aps[0], 8)
	require.ErrorIs(t, err, ErrNotCovered)
	_, _, err = p.Prove(context.Background(), store, integrity.DigestStream, 1)
	require.ErrorIs(t, err, ErrNotCovered)
}

func TestKeyFileIsCreatedPrivateAndReused(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "data", KeyFileName)
	k1, created, err := LoadOrCreateKey(path)
	require.NoError(t, err)
	require.True(t, created)
	st, err := os.Stat(path)
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), st.Mode().Perm())
	k2, created, err := LoadOrCreateKey(path)
	require.NoError(t, err)
	require.False(t, created)
	require.Equal(t, k1, k2)
	require.NoError(t, os.Chmod(path, 0o644))
	_, _, err = LoadOrCreateKey(path)
	require.ErrorContains(t, err, "chmod 600")
}

// A tracker fed the log one event at a time signs the same digest as Take.
func TestTrackerSignsWhatTakeSigns(t *testing.T) {
	t.Parallel()
	l, _ := newLedger(t)
	tr := NewTracker()
	for i := range l.events {
		if l.events[i].Position > l.file.Digest.Position {
			break
		}
		require.Nil(t, tr.Add(&l.events[i]))
	}
	got := tr.Digest(l.key, l.file.Digest.Time)
	require.Equal(t, l.file, got)

	bad := l.events[len(l.events)-1]
	bad.Data = []byte(`{}`)
	p := tr.Add(&bad)
	require.NotNil(t, p)
	require.ErrorIs(t, p, integrity.ErrHashMismatch)
}
