package integrity

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/transparency-dev/formats/log"
	"golang.org/x/mod/sumdb/note"
)

// originPrefix starts every ledger's origin line; the rest is derived from
// its public key, so a verifier needs nothing but that key.
const originPrefix = "movementcoord.ledger/"

// Checkpoint is a signed statement of the log's size and root, in the C2SP
// tlog-checkpoint format:
//
//	<origin>\n<size>\n<base64 root>\n
//
// Signed, it is a note (golang.org/x/mod/sumdb/note): the text above, a blank
// line, and one "— <name> <base64 sig>" line per signer (the ledger, then any
// witness cosignatures).
type Checkpoint struct {
	Origin string
	Size   uint64
	Root   Hash
}

// Text is the checkpoint body that signatures cover.
func (c Checkpoint) Text() string {
	return string(log.Checkpoint{Origin: c.Origin, Size: c.Size, Hash: c.Root[:]}.Marshal())
}

// Origin is the origin line (and note key name) of the ledger whose
// checkpoints pub signs.
func Origin(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return originPrefix + hex.EncodeToString(sum[:8])
}

// LogSigner signs the ledger's checkpoints.
type LogSigner struct {
	Verifier *LogVerifier
	signer   note.Signer
}

// NewLogSigner wraps the ledger's Ed25519 key as a note signer named after
// its origin.
func NewLogSigner(key ed25519.PrivateKey) (*LogSigner, error) {
	v, err := NewLogVerifier(key.Public().(ed25519.PublicKey))
	if err != nil {
		return nil, err
	}
	// A note signer key is "PRIVATE+KEY+<name>+<hash>+<base64(alg || seed)>",
	// the verifier key "<name>+<hash>+<base64(alg || public)>".
	parts := strings.SplitN(v.Key, "+", 3)
	skey := "PRIVATE+KEY+" + parts[0] + "+" + parts[1] + "+" +
		base64.StdEncoding.EncodeToString(append([]byte{algEd25519}, key.Seed()...))
	s, err := note.NewSigner(skey)
	if err != nil {
		return nil, fmt.Errorf("checkpoint signer: %w", err)
	}
	return &LogSigner{Verifier: v, signer: s}, nil
}

// algEd25519 is the note format's algorithm byte for Ed25519.
const algEd25519 = 1

// Sign signs the checkpoint of a tree of size leaves with root root.
func (s *LogSigner) Sign(size uint64, root Hash) ([]byte, error) {
	c := Checkpoint{Origin: s.Verifier.Origin, Size: size, Root: root}
	b, err := note.Sign(&note.Note{Text: c.Text()}, s.signer)
	if err != nil {
		return nil, fmt.Errorf("sign checkpoint %d: %w", size, err)
	}
	return b, nil
}

// LogVerifier checks the ledger's checkpoints with its public key alone.
type LogVerifier struct {
	Origin string
	Public ed25519.PublicKey
	Key    string // the note verifier key, "<origin>+<hash>+<base64>"
	v      note.Verifier
}

// NewLogVerifier is the verifier of the ledger whose public key is pub.
func NewLogVerifier(pub ed25519.PublicKey) (*LogVerifier, error) {
	if len(pub) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: a public key has %d bytes, not %d", ErrWrongKey, ed25519.PublicKeySize, len(pub))
	}
	origin := Origin(pub)
	vkey, err := note.NewEd25519VerifierKey(origin, pub)
	if err != nil {
		return nil, fmt.Errorf("checkpoint verifier: %w", err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return nil, fmt.Errorf("checkpoint verifier: %w", err)
	}
	return &LogVerifier{Origin: origin, Public: pub, Key: vkey, v: v}, nil
}

// Open checks the ledger's signature on a signed checkpoint and parses it.
// Signatures by witnesses are kept in the returned note; those whose
// verifiers are given are checked too.
func (v *LogVerifier) Open(signed []byte, witnesses ...note.Verifier) (Checkpoint, *note.Note, error) {
	cp, _, n, err := log.ParseCheckpoint(signed, v.Origin, v.v, witnesses...)
	if err != nil {
		return Checkpoint{}, n, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if len(cp.Hash) != len(Hash{}) {
		return Checkpoint{}, n, fmt.Errorf("%w: root of %d bytes", ErrBadSignature, len(cp.Hash))
	}
	return Checkpoint{Origin: cp.Origin, Size: cp.Size, Root: Hash(cp.Hash)}, n, nil
}
