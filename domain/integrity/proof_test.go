package integrity

import (
	"cmp"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// fixture is a few sealed streams, a signed digest of their heads, and the
// means to prove any of their events.
type fixture struct {
	key     ed25519.PrivateKey
	streams map[string][]Event
	heads   []Head
	digest  Digest
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	f := &fixture{key: key, streams: map[string][]Event{}}
	var x Hasher
	for s := range 5 {
		name := fmt.Sprintf("decision-%d", s)
		prev := Zero
		for v := range uint64(s + 2) {
			ev := Event{Stream: name, Version: v + 1, ID: uuid.New(), Type: "decision.noted.v1",
				Data: fmt.Appendf(nil, `{"n":%d}`, v), Metadata: []byte(`{"actor":"u-1"}`)}
			ev.Metadata, prev, err = x.Seal(ev, prev)
			require.NoError(t, err)
			f.streams[name] = append(f.streams[name], ev)
		}
		f.heads = append(f.heads, Head{Stream: name, Version: uint64(s + 2), Hash: prev})
	}
	slices.SortFunc(f.heads, func(a, b Head) int { return cmp.Compare(a.Stream, b.Stream) })
	d := Digest{Position: 99, Streams: uint64(len(f.heads)), Root: HeadsTree(f.heads).Root(), Time: time.Unix(1_800_000_000, 5)}
	for _, h := range f.heads {
		d.Events += h.Version
	}
	f.digest = Sign(d, key)
	require.NoError(t, CheckHeads(f.digest, f.heads))
	return f
}

// prove builds the proof of stream@version the way a prover does.
func (f *fixture) prove(t *testing.T, stream string, version uint64) (Event, Proof) {
	t.Helper()
	var x Hasher
	evs := f.streams[stream]
	p := Proof{Stream: stream, Version: version, EventID: evs[version-1].ID, Position: f.digest.Position}
	for _, ev := range evs[version:] {
		s, err := x.Open(&ev)
		require.NoError(t, err)
		p.Later = append(p.Later, s.Content)
	}
	i := slices.IndexFunc(f.heads, func(h Head) bool { return h.Stream == stream })
	p.Leaf = uint64(i)
	path, err := HeadsTree(f.heads).Path(p.Leaf)
	require.NoError(t, err)
	p.Path = path
	return evs[version-1], p
}

func TestProofVerifiesAndForgeriesAreRejected(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pub := f.key.Public().(ed25519.PublicKey)
	ev, proof := f.prove(t, "decision-3", 2)
	require.NoError(t, VerifyProof(ev, proof, f.digest, pub))

	_, other, _ := ed25519.GenerateKey(rand.Reader)
	otherPub := other.Public().(ed25519.PublicKey)
	otherEv, otherProof := f.prove(t, "decision-2", 1)
	cases := []struct {
		name   string
		forge  func(e *Event, p *Proof, d *Digest)
		useKey ed25519.PublicKey
		want   error
	}{
		{"digest signed by another key", func(_ *Event, _ *Proof, d *Digest) { *d = Sign(*d, other) }, pub, ErrWrongKey},
		{"trusting another key", func(*Event, *Proof, *Digest) {}, otherPub, ErrWrongKey},
		{"wrong root", func(_ *Event, _ *Proof, d *Digest) { d.Root[0] ^= 1 }, pub, ErrBadSignature},
		{"wrong root re-signed by forger", func(_ *Event, _ *Proof, d *Digest) { d.Root[0] ^= 1; *d = Sign(*d, other) }, otherPub, ErrBadProof},
		{"digest position changed", func(_ *Event, _ *Proof, d *Digest) { d.Position++ }, pub, ErrBadSignature},
		{"proof for another event", func(e *Event, _ *Proof, _ *Digest) { *e = otherEv }, pub, ErrBadProof},
		{"proof of another event relabelled", func(e *Event, p *Proof, _ *Digest) {
			*e = otherEv
			*p = otherProof
			p.Stream, p.Version, p.EventID = ev.Stream, ev.Version, ev.ID
		}, pub, ErrBadProof},
		{"event relabelled to fit", func(e *Event, p *Proof, _ *Digest) {
			e.Stream, e.Version, e.ID = p.Stream, p.Version, p.EventID
			e.Data = otherEv.Data
		}, pub, ErrHashMismatch},
		{"truncated chain", func(_ *Event, p *Proof, _ *Digest) { p.Later = p.Later[:len(p.Later)-1] }, pub, ErrBadProof},
		{"truncated audit path", func(_ *Event, p *Proof, _ *Digest) { p.Path = p.Path[:len(p.Path)-1] }, pub, ErrBadProof},
		{"empty proof", func(_ *Event, p *Proof, _ *Digest) { p.Later, p.Path = nil, nil }, pub, ErrBadProof},
		{"altered later hash", func(_ *Event, p *Proof, _ *Digest) { p.Later[0][3] ^= 1 }, pub, ErrBadProof},
		{"wrong leaf index", func(_ *Event, p *Proof, _ *Digest) { p.Leaf++ }, pub, ErrBadProof},
		{"payload changed", func(e *Event, _ *Proof, _ *Digest) { e.Data[2] ^= 1 }, pub, ErrHashMismatch},
		{"proof for another digest", func(_ *Event, p *Proof, _ *Digest) { p.Position-- }, pub, ErrBadProof},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e, p, d := ev, proof, f.digest
			e.Data = slices.Clone(ev.Data)
			p.Later, p.Path = slices.Clone(proof.Later), slices.Clone(proof.Path)
			c.forge(&e, &p, &d)
			require.ErrorIs(t, VerifyProof(e, p, d, c.useKey), c.want)
		})
	}
}

func TestEveryEventOfEveryStreamProves(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pub := f.key.Public().(ed25519.PublicKey)
	for name, evs := range f.streams {
		for v := range uint64(len(evs)) {
			ev, p := f.prove(t, name, v+1)
			require.NoError(t, VerifyProof(ev, p, f.digest, pub), "%s@%d", name, v+1)
		}
	}
}

func TestCheckHeadsRejectsAChangedHead(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	heads := slices.Clone(f.heads)
	heads[1].Hash[0] ^= 1
	require.Error(t, CheckHeads(f.digest, heads))
	require.Error(t, CheckHeads(f.digest, f.heads[1:]))
}
