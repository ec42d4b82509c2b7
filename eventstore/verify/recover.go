package verify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore"
)

// The stream and type under which `ledger recover` records a loss.
const (
	RecoveryStream = "ledger-recovery"
	RecoveredType  = "ledger.recovered.v1"
)

// Recovery is what `ledger recover` records: why the log could not start,
// what the ledger had signed before, and what it signs from now on. It is
// the one event the ledger writes outside the application service, because
// it is written while no server may run.
type Recovery struct {
	Refusal string    `json:"refusal"`                    // the start-up refusal, verbatim
	Reason  string    `json:"reason"`                     // the operator's words
	Beside  string    `json:"checkpoint_beside,omitzero"` // the signed checkpoint kept beside the log, if any
	At      time.Time `json:"at"`
}

// RecordRecovery appends r, sealed and chained, to the recovery stream of a
// store opened for recovery; the store signs the log including it.
func RecordRecovery(ctx context.Context, store eventstore.Store, r Recovery) (eventstore.AppendResult, error) {
	data, err := json.Marshal(r)
	if err != nil {
		return eventstore.AppendResult{}, err
	}
	meta, err := json.Marshal(domain.Envelope{OccurredAt: r.At, RecordedAt: r.At,
		Actor: domain.Actor{ID: "ledger", Role: "system"}, Classification: domain.ClassMovement})
	if err != nil {
		return eventstore.AppendResult{}, err
	}
	version, prev := uint64(0), integrity.Zero
	for last, err := range store.ReadStream(ctx, RecoveryStream, eventstore.ReadStreamOptions{Direction: eventstore.Backward, Max: 1}) {
		if err != nil && !errors.Is(err, eventstore.ErrStreamNotFound) {
			return eventstore.AppendResult{}, err
		}
		if err == nil {
			version = last.Version
			if _, prev, err = integrity.ReadSeal(last.Metadata); err != nil {
				return eventstore.AppendResult{}, err
			}
		}
	}
	id := uuid.Must(uuid.NewV7())
	var x integrity.Hasher
	sealed, _, err := x.Seal(integrity.Event{Stream: RecoveryStream, Version: version + 1, ID: id, Type: RecoveredType,
		Data: data, Metadata: meta}, prev)
	if err != nil {
		return eventstore.AppendResult{}, err
	}
	res, err := store.Append(ctx, RecoveryStream, eventstore.Exact(version),
		eventstore.EventData{ID: id, Type: RecoveredType, Data: data, Metadata: sealed})
	if err != nil {
		return res, fmt.Errorf("record the recovery: %w", err)
	}
	return res, nil
}
