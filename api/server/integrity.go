package server

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// checkEvery is how often the server compares its recomputed tree with the
// checkpoints the store signed.
const checkEvery = 250 * time.Millisecond

// halter is a store that can be told to refuse every append (the embedded
// store): a log found broken gets no new event and no new signature.
type halter interface{ Halt(err error) }

// ledgerIntegrity recomputes every event's hash and the Merkle tree of the
// whole log as events arrive, and vouches only for checkpoints the
// recomputation reproduces, each extending the one vouched for before. A
// fault makes the store refuse writes; reads go on with a warning.
type ledgerIntegrity struct {
	store eventstore.Store
	hist  verify.History // the store's checkpoints
	// native: the store signs a checkpoint in each commit (the embedded
	// store); otherwise the server signs them into the log (KurrentDB).
	native bool
	v      *integrity.LogVerifier
	// signer signs only the empty log's checkpoint; the store signs the rest.
	signer *integrity.LogSigner
	log    *slog.Logger

	mu      sync.Mutex
	tracker *verify.Tracker
	problem error
	cp      integrity.Checkpoint // the newest checkpoint checked
	note    []byte
	empty   []byte       // the empty log's signed checkpoint, signed once
	witness witnessed    // the newest checkpoint cosigned by witnesses, if any
	refused error        // this server's key is not the ledger's (identity.go)
	signed  atomic.Int64 // checkpoints this server recorded (checkpoints.go)
}

var _ httpapi.Integrity = (*ledgerIntegrity)(nil)

// startIntegrity follows the log until stop is called.
func startIntegrity(store eventstore.Store, key ed25519.PrivateKey, log *slog.Logger) (li *ledgerIntegrity, stop func()) {
	hist, native := store.(verify.History)
	v, err := integrity.NewLogVerifier(key.Public().(ed25519.PublicKey))
	if !native && err == nil {
		// KurrentDB: the server signs checkpoints itself, into the log.
		hist = verify.StreamHistory(store, v.Origin)
	}
	signer, signErr := integrity.NewLogSigner(key)
	li = &ledgerIntegrity{store: store, hist: hist, native: native, v: v, signer: signer, log: log,
		tracker: verify.NewTracker(native)}
	if err = errors.Join(err, signErr); err != nil {
		li.fail(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() {
		if err := li.follow(ctx); err != nil && ctx.Err() == nil {
			log.Error("integrity follower stopped", "err", err)
		}
	})
	if hist != nil {
		wg.Go(func() { li.watch(ctx) })
	}
	return li, func() { cancel(); wg.Wait() }
}

func (li *ledgerIntegrity) follow(ctx context.Context) error {
	for ev, err := range li.store.SubscribeAll(ctx, 0) {
		if err != nil {
			return err
		}
		li.mu.Lock()
		if li.problem == nil {
			if p := li.tracker.Add(&ev); p != nil {
				li.failLocked(p)
			}
		}
		li.mu.Unlock()
	}
	return nil
}

func (li *ledgerIntegrity) watch(ctx context.Context) {
	tick := time.NewTicker(checkEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			li.checkSigned(ctx)
		}
	}
}

// checkSigned takes the store's checkpoint at the size the follower has
// reached, and vouches for it only if the recomputed tree gives its root and
// it extends the checkpoint vouched for before.
func (li *ledgerIntegrity) checkSigned(ctx context.Context) {
	li.mu.Lock()
	size, broken := li.tracker.Size(), li.problem != nil
	li.mu.Unlock()
	if broken || size == 0 {
		return
	}
	note, ok := li.signedWithin(ctx, size)
	if !ok {
		return // the follower is between two commits; next tick
	}
	cp, _, err := li.v.Open(note)
	if err != nil {
		li.fail(fmt.Errorf("the store's checkpoint at %d: %w", size, err))
		return
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	if p := li.tracker.Match(ctx, cp, "the store's checkpoint", li.hist, li.v); p != nil {
		li.failLocked(p)
		return
	}
	// Match proved cp is a root of the follower's tree, as the checkpoint
	// before it was: both are roots of one append-only tree, so cp extends
	// it by construction and no consistency proof is worth checking here.
	li.cp, li.note = cp, note
}

// signedWithin is the newest signed checkpoint the follower has reached:
// the store's latest, or the one signed at exactly size when the latest is
// ahead of the follower (the embedded store signs every commit).
func (li *ledgerIntegrity) signedWithin(ctx context.Context, size uint64) ([]byte, bool) {
	note, ok, err := li.hist.LatestCheckpoint(ctx)
	if err != nil || !ok {
		return nil, false
	}
	if cp, _, err := li.v.Open(note); err == nil && cp.Size <= size {
		return note, true
	}
	note, ok, err = li.hist.CheckpointAt(ctx, size)
	return note, ok && err == nil
}

func (li *ledgerIntegrity) fail(err error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	li.failLocked(err)
}

// failLocked records the first fault, says so at ERROR, and halts writes.
func (li *ledgerIntegrity) failLocked(err error) {
	if li.problem != nil {
		return
	}
	li.problem = fmt.Errorf("%w: %v", httpapi.ErrIntegrityBroken, err)
	li.log.Error("the log failed its integrity check: writes and signing stopped, reads go on; run `ledger verify` with the server stopped",
		"problem", err.Error())
	if h, ok := li.store.(halter); ok {
		h.Halt(li.problem)
	}
}

// Broken is the first fault found, or nil.
func (li *ledgerIntegrity) Broken() error {
	li.mu.Lock()
	defer li.mu.Unlock()
	return li.problem
}

// Current is the newest checkpoint checked. A log with no event yet has the
// empty tree's checkpoint, signed here since the store signs only commits:
// a reviewer can pin the log from its first moment, and a new server is not
// "catching up" until its first write.
func (li *ledgerIntegrity) Current() (httpapi.CheckpointView, error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	switch {
	case li.problem != nil:
		return httpapi.CheckpointView{}, li.problem
	case li.note == nil && li.logEmpty():
		return li.emptyView()
	case li.note == nil:
		return httpapi.CheckpointView{}, httpapi.ErrNoDigestYet
	}
	return li.view(li.cp, li.note), nil
}

func (li *ledgerIntegrity) view(cp integrity.Checkpoint, note []byte) httpapi.CheckpointView {
	return httpapi.CheckpointView{Checkpoint: string(note), Size: cp.Size, Root: cp.Root,
		PublicKey: base64.StdEncoding.EncodeToString(li.v.Public), VerifierKey: li.v.Key, Cosigned: string(li.witness.note)}
}

// logEmpty: the follower has seen no event and the store holds none.
func (li *ledgerIntegrity) logEmpty() bool {
	if li.tracker.Size() != 0 || li.signer == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for range li.store.ReadAll(ctx, 0, 1) {
		return false // an event, or an error: not known to be empty
	}
	return true
}

// emptyView signs the empty tree once: the note carries no time, so one
// signature serves every reader until the first event.
func (li *ledgerIntegrity) emptyView() (httpapi.CheckpointView, error) {
	if li.empty == nil {
		note, err := li.signer.Sign(0, integrity.EmptyRoot())
		if err != nil {
			return httpapi.CheckpointView{}, fmt.Errorf("sign the empty log's checkpoint: %w", err)
		}
		li.empty = note
	}
	return li.view(integrity.Checkpoint{Size: 0, Root: integrity.EmptyRoot()}, li.empty), nil
}

// prover proves against the newest checkpoint checked or, once witnesses
// cosigned one, the newest cosigned checkpoint, so that bundles carry the
// cosignatures.
func (li *ledgerIntegrity) prover() (*verify.Prover, error) {
	if _, err := li.Current(); err != nil {
		return nil, err
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	if li.note == nil { // the empty log: no event to prove, no operation to bundle
		return nil, fmt.Errorf("the log is empty: %w", eventstore.ErrStreamNotFound)
	}
	if li.witness.note != nil {
		return verify.NewProver(li.tracker, li.witness.cp, li.witness.note)
	}
	return verify.NewProver(li.tracker, li.cp, li.note)
}

// Prove proves one event against the newest checkpoint checked.
func (li *ledgerIntegrity) Prove(ctx context.Context, stream string, version uint64) (httpapi.ProvenEvent, error) {
	p, err := li.prover()
	if err != nil {
		return httpapi.ProvenEvent{}, err
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	pr, err := p.Prove(ctx, li.store, stream, version)
	if err != nil {
		return httpapi.ProvenEvent{}, err
	}
	_, note := p.Checkpoint()
	ev := pr.Event
	return httpapi.ProvenEvent{ID: ev.ID, Stream: ev.Stream, Version: ev.Version, Position: ev.Position, Index: pr.Index,
		Type: ev.Type, Data: ev.Data, Metadata: ev.Metadata, Proof: pr.Proof, Checkpoint: string(note)}, nil
}

// Consistency proves that the newest checkpoint extends the tree of size from.
func (li *ledgerIntegrity) Consistency(from uint64) (httpapi.ConsistencyView, error) {
	p, err := li.prover()
	if err != nil {
		return httpapi.ConsistencyView{}, err
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	proof, err := p.Consistency(from)
	if err != nil {
		return httpapi.ConsistencyView{}, err
	}
	cp, note := p.Checkpoint()
	return httpapi.ConsistencyView{From: from, To: cp.Size, Proof: proof, Checkpoint: string(note)}, nil
}

// Bundle exports an operation's review bundle against the newest checkpoint.
func (li *ledgerIntegrity) Bundle(ctx context.Context, op uuid.UUID) (verify.Bundle, error) {
	p, err := li.prover()
	if err != nil {
		return verify.Bundle{}, err
	}
	li.mu.Lock()
	defer li.mu.Unlock()
	return verify.ExportBundle(ctx, li.store, p, op)
}

// vouched is the newest checkpoint checked.
func (li *ledgerIntegrity) vouched() (integrity.Checkpoint, []byte, error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	if li.problem != nil {
		return integrity.Checkpoint{}, nil, li.problem
	}
	if li.note == nil {
		return integrity.Checkpoint{}, nil, httpapi.ErrNoDigestYet
	}
	return li.cp, li.note, nil
}

// consistency proves that the tree of size to extends the tree of size from.
func (li *ledgerIntegrity) consistency(from, to uint64) ([]integrity.Hash, error) {
	li.mu.Lock()
	defer li.mu.Unlock()
	return li.tracker.Tree().ConsistencyProof(from, to)
}

func (li *ledgerIntegrity) setWitnessed(w witnessed) {
	li.mu.Lock()
	defer li.mu.Unlock()
	li.witness = w
}
