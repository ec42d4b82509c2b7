package witness

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	fnote "github.com/transparency-dev/formats/note"
	"golang.org/x/mod/sumdb/note"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/atomicfile"
)

// Witness holds the latest checkpoint it cosigned for each known log, in
// one small file per log in its directory, synced before it answers.
type Witness struct {
	dir    string
	signer note.Signer
	// Key is the verifier key of the witness's cosignatures, as reviewers
	// give it to `ledger verify --witness-key`.
	Key  string
	Name string
	logs map[string]*integrity.LogVerifier // by origin

	mu     sync.Mutex
	latest map[string]integrity.Checkpoint
}

// Open starts a witness keeping its state in dir, signing with skey (a note
// signer key, see NewKey), for the logs whose verifiers are given.
func Open(dir, skey string, logs ...*integrity.LogVerifier) (*Witness, error) {
	s, err := fnote.NewSignerForCosignatureV1(strings.TrimSpace(skey))
	if err != nil {
		return nil, fmt.Errorf("witness key: %w", err)
	}
	w := &Witness{dir: dir, signer: s, Name: s.Name(), logs: map[string]*integrity.LogVerifier{},
		latest: map[string]integrity.Checkpoint{}}
	if w.Key, err = VerifierKey(skey); err != nil {
		return nil, err
	}
	for _, l := range logs {
		w.logs[l.Origin] = l
		if err := w.load(l); err != nil {
			return nil, err
		}
	}
	return w, nil
}

func (w *Witness) statePath(origin string) string {
	sum := sha256.Sum256([]byte(origin))
	return filepath.Join(w.dir, hex.EncodeToString(sum[:8])+".checkpoint")
}

// load reads the checkpoint last cosigned for l; it is checked again, so a
// state file edited by hand is refused rather than trusted.
func (w *Witness) load(l *integrity.LogVerifier) error {
	b, err := os.ReadFile(w.statePath(l.Origin))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	cp, _, err := l.Open(b)
	if err != nil {
		return fmt.Errorf("witness state for %s: %w", l.Origin, err)
	}
	w.latest[l.Origin] = cp
	return nil
}

// Latest is the checkpoint last cosigned for origin (size 0 if none).
func (w *Witness) Latest(origin string) integrity.Checkpoint {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.latest[origin]
}

// AddCheckpoint cosigns signed if it extends, by proof, the checkpoint last
// cosigned for its log at size oldSize. It returns the cosignature lines.
func (w *Witness) AddCheckpoint(oldSize uint64, proof []integrity.Hash, signed []byte) ([]byte, error) {
	origin, _, _ := bytes.Cut(signed, []byte("\n"))
	l, ok := w.logs[string(origin)]
	if !ok {
		return nil, fmt.Errorf("%w: %q", ErrUnknownLog, origin)
	}
	cp, n, err := l.Open(signed)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	if oldSize > cp.Size {
		return nil, fmt.Errorf("%w: old size %d is past the checkpoint's %d", ErrBadRequest, oldSize, cp.Size)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	prev := w.latest[cp.Origin]
	switch {
	case oldSize != prev.Size:
		return nil, &ConflictError{Size: prev.Size}
	case cp.Size == prev.Size && prev.Size > 0 && cp.Root != prev.Root:
		return nil, fmt.Errorf("%w: size %d, root %s, cosigned root %s", ErrFork, cp.Size, cp.Root, prev.Root)
	case prev.Size > 0:
		if err := integrity.VerifyConsistency(prev.Size, cp.Size, proof, prev.Root, cp.Root); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadProof, err)
		}
	case len(proof) > 0:
		return nil, fmt.Errorf("%w: a proof from size 0 must be empty", ErrBadProof)
	}
	if err := w.keep(cp.Origin, signed); err != nil {
		return nil, err
	}
	w.latest[cp.Origin] = cp
	return w.cosign(n.Text)
}

// keep writes the checkpoint durably before any cosignature leaves.
func (w *Witness) keep(origin string, signed []byte) error {
	return atomicfile.WriteBytes(w.statePath(origin), 0o600, signed)
}

// cosign signs text and returns only the witness's signature line.
func (w *Witness) cosign(text string) ([]byte, error) {
	b, err := note.Sign(&note.Note{Text: text}, w.signer)
	if err != nil {
		return nil, err
	}
	return b[len(text)+1:], nil // the signed note is text, a blank line, then the signature line
}
