package httpbench

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/synthetic"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// seeded is the operation the clients work on.
type seeded struct {
	op, owner uuid.UUID
	perS      float64
}

// seed opens an operation with one component through the application
// service, then appends n generated action points to it (sealed as the
// write path seals them, clients appenders at a time, their commits
// grouped), before any server runs: the write path's own rate is what the
// HTTP phase measures, and 100,000 commands through it would take minutes.
func seed(ctx context.Context, dir string, n, clients int) (seeded, error) {
	key, _, err := verify.LoadOrCreateKey(filepath.Join(dir, verify.KeyFileName))
	if err != nil {
		return seeded{}, err
	}
	signer, err := integrity.NewLogSigner(key)
	if err != nil {
		return seeded{}, err
	}
	cfg := backend.Config{DataDir: dir, Signer: signer}
	store, _, err := backend.Open(ctx, cfg)
	if err != nil {
		return seeded{}, err
	}
	defer store.Close()
	keys, err := backend.OpenKeys(ctx, cfg, store) // the server expects the key store beside the log
	if err != nil {
		return seeded{}, err
	}
	defer keys.Close()
	svc := recorder.New(store, recorder.WithKeys(keys))
	var s seeded
	if s.op, s.owner, err = openOperation(ctx, svc); err != nil {
		return s, err
	}
	recs := synthetic.New(1, time.Now()).ActionPoints(s.op, s.owner, time.Now().UTC().AddDate(0, 0, -30), n)
	start := time.Now()
	if err := synthetic.Append(ctx, store, recs, clients); err != nil {
		return s, fmt.Errorf("append the action points: %w", err)
	}
	s.perS = float64(n) / time.Since(start).Seconds()
	return s, nil
}

var benchActor = domain.Actor{ID: "bench", Role: "officer"}

func header(op uuid.UUID) domain.Header {
	return domain.Header{Actor: benchActor, IdempotencyKey: uuid.NewString(), OperationID: op, Classification: domain.ClassMovement}
}

func openOperation(ctx context.Context, svc *recorder.Service) (op, owner uuid.UUID, err error) {
	h := header(uuid.Nil)
	res, err := svc.Execute(ctx, domain.OpenOperation{Header: h, Name: "Benchmark response", Country: "NPL",
		CrisisType: "disaster", StartedAt: time.Now().UTC().AddDate(0, 0, -30), Severity: "high"}, recorder.WriteOptions{})
	if err != nil {
		return op, owner, fmt.Errorf("open the operation: %w", err)
	}
	op = res.Ref.ID
	res, err = svc.Execute(ctx, domain.JoinComponent{Header: header(op), Name: "Nepal Red Cross Society", Acronym: "NRCS",
		Kind: domain.ComponentHNS, Country: "NPL"}, recorder.WriteOptions{})
	if err != nil {
		return op, owner, fmt.Errorf("join a component: %w", err)
	}
	return op, res.Ref.ID, nil
}

func raiseCommand(s seeded, i int) domain.RaiseActionPoint {
	return domain.RaiseActionPoint{Header: header(s.op), Title: fmt.Sprintf("Distribute kits, lot %d", i),
		Owner: domain.Owner{ComponentID: s.owner}, DueAt: time.Now().UTC().AddDate(0, 0, i%60-30)}
}
