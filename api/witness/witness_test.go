package witness_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/mod/sumdb/note"

	"github.com/movementcoord/ledger/api/witness"
	"github.com/movementcoord/ledger/domain/integrity"
)

// fakeLog is a ledger's tree and signer, grown leaf by leaf.
type fakeLog struct {
	signer *integrity.LogSigner
	tree   *integrity.Tree
}

func newLog(t *testing.T) *fakeLog {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	require.NoError(t, err)
	s, err := integrity.NewLogSigner(key)
	require.NoError(t, err)
	return &fakeLog{signer: s, tree: integrity.NewTree()}
}

func (l *fakeLog) grow(t *testing.T, n int, salt string) []byte {
	for i := range n {
		l.tree.Append(integrity.LeafHash(integrity.Hash([]byte(fmt.Sprintf("%-32s", fmt.Sprint(salt, l.tree.Size(), i))))))
	}
	signed, err := l.signer.Sign(l.tree.Size(), l.tree.Root())
	require.NoError(t, err)
	return signed
}

func (l *fakeLog) proof(t *testing.T, from uint64) []integrity.Hash {
	p, err := l.tree.ConsistencyProof(from, l.tree.Size())
	require.NoError(t, err)
	return p
}

func newWitness(t *testing.T, dir string, logs ...*fakeLog) (*witness.Witness, note.Verifier) {
	skey, _, err := witness.LoadOrCreateKey(dir, "reviewers.example/witness")
	require.NoError(t, err)
	var vs []*integrity.LogVerifier
	for _, l := range logs {
		vs = append(vs, l.signer.Verifier)
	}
	w, err := witness.Open(dir, skey, vs...)
	require.NoError(t, err)
	v, err := witness.NewVerifier(w.Key)
	require.NoError(t, err)
	return w, v
}

func TestWitnessCosignsOnlyAnAppendOnlyLog(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	log := newLog(t)
	w, wv := newWitness(t, dir, log)
	srv := httptest.NewServer(w.Handler())
	defer srv.Close()
	ctx := context.Background()
	push := func(old uint64, proof []integrity.Hash, signed []byte) ([]byte, error) {
		return witness.Push(ctx, srv.Client(), srv.URL, old, proof, signed)
	}

	first := log.grow(t, 5, "a")
	cosig, err := push(0, nil, first)
	require.NoError(t, err, "the first checkpoint of a log is taken as it is")
	cp, n, err := log.signer.Verifier.Open(append(append([]byte(nil), first...), cosig...), wv)
	require.NoError(t, err)
	require.Len(t, n.Sigs, 2, "the log's signature and the witness's cosignature both verify")
	require.Equal(t, uint64(5), cp.Size)

	second := log.grow(t, 4, "b")
	_, err = push(0, nil, second)
	var conflict *witness.ConflictError
	require.ErrorAs(t, err, &conflict, "old size 0 is stale")
	require.Equal(t, uint64(5), conflict.Size)
	_, err = push(5, log.proof(t, 5)[1:], second)
	require.ErrorContains(t, err, "422", "a cut proof")
	cosig, err = push(5, log.proof(t, 5), second)
	require.NoError(t, err, "a consistency proof from the cosigned size")
	_, _, err = log.signer.Verifier.Open(append(append([]byte(nil), second...), cosig...), wv)
	require.NoError(t, err)

	_, err = push(9, nil, first)
	require.ErrorContains(t, err, "400", "a rollback to an older checkpoint")

	forked := newLog(t)
	forked.signer = log.signer // the operator holds the key and re-signs another history
	forkedNote := forked.grow(t, 9, "rewritten")
	_, err = push(9, nil, forkedNote)
	require.ErrorContains(t, err, "409", "a fork: same size, another root")
	longer := forked.grow(t, 3, "rewritten")
	_, err = push(9, forked.proof(t, 9), longer)
	require.ErrorContains(t, err, "422", "a rewritten history does not extend the cosigned one")

	stranger := newLog(t)
	_, err = push(0, nil, stranger.grow(t, 1, "x"))
	require.ErrorContains(t, err, "404", "an unknown log")
	badSig := append([]byte(nil), second...)
	badSig[len(badSig)-5] ^= 1
	_, err = push(9, nil, badSig)
	require.ErrorContains(t, err, "403")

	again, _ := newWitness(t, dir, log)
	require.Equal(t, uint64(9), again.Latest(log.signer.Verifier.Origin).Size, "the witness remembers across restarts")
}

func TestWitnessHandlerRefusesMalformedBodies(t *testing.T) {
	t.Parallel()
	w, _ := newWitness(t, t.TempDir(), newLog(t))
	for _, body := range []string{"", "old x\n\nnote", "old 1\nnot base64!\n\nnote", "old 1\nno blank line"} {
		rec := httptest.NewRecorder()
		w.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodPost, witness.AddCheckpointPath, strings.NewReader(body)))
		require.Equal(t, http.StatusBadRequest, rec.Code, body)
	}
}
