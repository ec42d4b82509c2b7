package projections

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"filippo.io/age"

	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// The views hold personal data in clear (they are built from the unsealed
// events), while the log holds it sealed with each person's key. So that a
// copy of the snapshots reveals no more than a copy of the log, and so that
// erasing a person reaches the snapshots taken before the erasure, a sealed
// snapshot file is
//
//	magic "LEDGERSEAL", format uint16
//	generation, position uint64, last recorded at, recorded until (unix ns, int64)
//	an age stream holding the snapshot file that snapshot_file.go describes
//
// Only what the runner needs before it decrypts stays in clear: where the
// snapshot stands in the log and its erasure generation, which names the
// key. Everything from the views, down to their names' sums, is sealed.
//
// age (filippo.io/age) gives a streaming AEAD (ChaCha20-Poly1305 in 64 KiB
// chunks, each authenticated before it is returned, the end marked), so a
// file cut or altered fails before any view reads a byte of it. The key is
// an scrypt recipient whose passphrase is the hex of a random 32-byte key
// from the key store: the passphrase has 256 bits of entropy, so scrypt's
// stretching adds nothing and a low work factor keeps it at a millisecond.
// (age's X25519 identities cannot be built from raw key bytes through its
// API; scrypt needs no encoding of ours.)
const (
	sealMagic      = "LEDGERSEAL"
	sealFormat     = 1
	sealWorkFactor = 10 // scrypt log2(N): the passphrase is random, see above
)

// SnapshotKeys are the keys snapshots are sealed with, one per erasure
// generation: the number of person erasures the views had applied. Erasing
// a person moves the views to the next generation and erases the key of
// every older one. eventstore/recorder.SnapshotKeys implements it over the
// key store.
type SnapshotKeys interface {
	Key(ctx context.Context, generation uint64) ([]byte, error)
	Ensure(ctx context.Context, generation uint64) ([]byte, error)
	Erase(ctx context.Context, generation uint64) error
}

// snapshotSeal is a directory's sealing: its keys and the generations.
type snapshotSeal struct {
	keys SnapshotKeys
	gens erasureGenerations
	// onDisk is the newest generation found on disk when sealing began: no
	// older snapshot may serve, even before the runner caught up.
	onDisk atomic.Uint64
	// retireMu serialises retire; retired is the generation below which
	// every key was erased, once swept (a retire of this process finished).
	retireMu sync.Mutex
	retired  uint64
	swept    bool
	// prompted is the generation snapshotNewGeneration last ran for; only
	// the live loop's goroutine uses it.
	prompted uint64
}

// SealWith seals every snapshot written from now on with keys, and reads
// only sealed ones: a file in clear (written before, or without a key
// store) is discarded. Call it before UseSnapshots' Run or any Restore.
// Without a key store the log holds personal data unsealed too, and the
// snapshots may stay in clear: the server always has one.
func (s *Snapshots) SealWith(keys SnapshotKeys) {
	seal := &snapshotSeal{keys: keys}
	s.seal = seal
	for _, pos := range s.positions() {
		if h, err := s.Header(pos); err == nil {
			seal.onDisk.Store(max(seal.onDisk.Load(), h.Generation))
		}
	}
}

// Sealed reports whether the directory's snapshots are sealed.
func (s *Snapshots) Sealed() bool { return s.seal != nil }

// currentGeneration is the generation no snapshot may be older than.
func (s *Snapshots) currentGeneration() uint64 {
	if s.seal == nil {
		return 0
	}
	return max(s.seal.onDisk.Load(), s.seal.gens.current())
}

// readHeader reads the header of a snapshot file: the clear one of a
// sealed file (without its views, which are sealed), or the plain one.
func (s *Snapshots) readHeader(r io.Reader) (SnapshotHeader, error) {
	if s.seal == nil {
		return readSnapshotHeader(r)
	}
	return readSealHeader(r)
}

func readSealHeader(r io.Reader) (SnapshotHeader, error) {
	var h SnapshotHeader
	magic := make([]byte, len(sealMagic))
	var format uint16
	var last, until int64
	if err := readAll(r, magic, &format); err != nil {
		return h, err
	}
	if string(magic) != sealMagic || format != sealFormat {
		return h, fmt.Errorf("%w: not a sealed snapshot of format %d", errBadSnapshot, sealFormat)
	}
	if err := readAll(r, &h.Generation, &h.Position, &last, &until); err != nil {
		return h, err
	}
	h.LastRecordedAt, h.RecordedUntil = time.Unix(0, last).UTC(), time.Unix(0, until).UTC()
	return h, nil
}

func encodeSealHeader(h SnapshotHeader) []byte {
	var b bytes.Buffer
	b.WriteString(sealMagic)
	for _, v := range []any{uint16(sealFormat), h.Generation, h.Position, h.LastRecordedAt.UnixNano(), h.RecordedUntil.UnixNano()} {
		_ = binary.Write(&b, binary.LittleEndian, v) // a bytes.Buffer does not fail
	}
	return b.Bytes()
}

// sealer is how writeSnapshotFile turns the file into where the plain
// snapshot goes: as it is, or into the age stream after the clear header.
type sealer func(f io.Writer) (io.WriteCloser, error)

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }

// sealerFor seals the snapshot h with its generation's key.
func (s *Snapshots) sealerFor(h SnapshotHeader) sealer {
	if s.seal == nil {
		return func(f io.Writer) (io.WriteCloser, error) { return nopCloser{f}, nil }
	}
	return func(f io.Writer) (io.WriteCloser, error) {
		key, err := s.seal.keys.Ensure(context.Background(), h.Generation)
		if err != nil {
			return nil, fmt.Errorf("the key of generation %d: %w", h.Generation, err)
		}
		to, err := age.NewScryptRecipient(hex.EncodeToString(key))
		if err != nil {
			return nil, err
		}
		to.SetWorkFactor(sealWorkFactor)
		if _, err := f.Write(encodeSealHeader(h)); err != nil {
			return nil, err
		}
		return age.Encrypt(f, to)
	}
}

// openSnapshot reads what comes before the plain snapshot in f and returns
// the reader of the plain snapshot, and check, which makes sure its header
// says what the clear one said and gives it the generation. A sealed file
// whose key is gone (erased: its generation is retired) or that fails to
// decrypt is errBadSnapshot, so it is discarded, never half read: age
// authenticates each chunk before it returns a byte of it. A key store that
// fails for another reason also discards it: a snapshot is only a cache.
func (s *Snapshots) openSnapshot(f io.Reader) (plain io.Reader, check func(SnapshotHeader) (SnapshotHeader, error), err error) {
	if s.seal == nil {
		return f, func(h SnapshotHeader) (SnapshotHeader, error) { return h, nil }, nil
	}
	br := bufio.NewReader(f)
	clear, err := readSealHeader(br)
	if err != nil {
		return nil, nil, err
	}
	key, err := s.seal.keys.Key(context.Background(), clear.Generation)
	if errors.Is(err, personal.ErrErased) || errors.Is(err, keystore.ErrNoKey) {
		return nil, nil, fmt.Errorf("%w: the key of generation %d is gone: %w", errBadSnapshot, clear.Generation, err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w: the key of generation %d: %w", errBadSnapshot, clear.Generation, err)
	}
	id, err := age.NewScryptIdentity(hex.EncodeToString(key))
	if err != nil {
		return nil, nil, err
	}
	id.SetMaxWorkFactor(sealWorkFactor)
	plain, err = age.Decrypt(br, id)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: cannot decrypt: %w", errBadSnapshot, err)
	}
	check = func(h SnapshotHeader) (SnapshotHeader, error) {
		if h.Position != clear.Position || !h.LastRecordedAt.Equal(clear.LastRecordedAt) || !h.RecordedUntil.Equal(clear.RecordedUntil) {
			return h, fmt.Errorf("%w: the clear header differs from the sealed one", errBadSnapshot)
		}
		h.Generation = clear.Generation
		return h, nil
	}
	return plain, check, nil
}
