package web

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// outboxItem is one change an officer captured, perhaps offline, as the
// outbox sends it: the command and its body, the idempotency key made when
// the form opened, the version of the record the officer saw (none for a
// new record), when it was captured and on which device.
type outboxItem struct {
	Key        string
	Command    string
	Body       json.RawMessage
	Seen       *uint64
	CapturedAt time.Time
	Device     string
}

// Outcomes of a sync, as the outbox shows them.
const (
	syncApplied   = "applied"   // written on the version the officer saw
	syncOnNewer   = "on_newer"  // an addition, or a change nobody else made, written on the current version
	syncDuplicate = "duplicate" // received before (its answer was lost): nothing written again
	syncConflict  = "conflict"  // it collided with someone else's change: recorded as a conflict
)

// syncAnswer is what the outbox hears back.
type syncAnswer struct {
	Outcome    string     `json:"outcome"`
	Record     domain.Ref `json:"record"`
	Version    uint64     `json:"version"`
	ConflictID uuid.UUID  `json:"conflict_event_id,omitzero"`
}

// conflictKey is the key a collision is recorded under: derived from the
// change's own key, so a retry of the change finds the conflict it made.
func conflictKey(key string) string { return "conflict:" + key }

// sync writes one outbox item: on the version the officer saw; when the
// record moved on, a change that collides with someone else's is recorded
// as a conflict (never written over theirs), anything else is written on
// the current version. A retry after a lost answer is answered, never
// written twice: by the item's key, or by the conflict's derived key.
func (w *Web) sync(ctx context.Context, p auth.Principal, op uuid.UUID, it outboxItem) (syncAnswer, error) {
	cmd, err := it.command(p, op)
	if err != nil {
		return syncAnswer{}, err
	}
	res, err := w.writeSeen(ctx, p, cmd, it.Seen)
	var stale *recorder.PreconditionError
	if !errors.As(err, &stale) {
		return answer(res, syncApplied), err
	}
	rec, err := w.cfg.Service.Load(ctx, cmd.Target())
	if err != nil {
		return syncAnswer{}, err
	}
	if _, collides := domain.CollisionSince(cmd, rec, *it.Seen); collides {
		return w.recordConflict(ctx, p, op, it, cmd)
	}
	res, err = w.writeSeen(ctx, p, cmd, nil)
	return answer(res, syncOnNewer), err
}

// recordConflict keeps the colliding change beside the newer value.
func (w *Web) recordConflict(ctx context.Context, p auth.Principal, op uuid.UUID, it outboxItem, cmd domain.Command) (syncAnswer, error) {
	h := it.header(p, op)
	h.IdempotencyKey = conflictKey(it.Key)
	res, err := w.writeSeen(ctx, p, domain.RecordConflict{Header: h, Record: cmd.Target(), SeenVersion: *it.Seen,
		Command: it.Command, Body: it.Body}, nil)
	a := answer(res, syncConflict)
	if len(res.Events) > 0 {
		a.ConflictID = res.Events[0].ID
	}
	return a, err
}

func answer(res recorder.Result, outcome string) syncAnswer {
	if res.Duplicate {
		outcome = syncDuplicate
	}
	return syncAnswer{Outcome: outcome, Record: res.Ref, Version: res.Version}
}

// header is what the server sets on a synced change: the session's actor,
// the item's key, the captured time as the occurred time, and the device in
// the correlation id so the audit trail can tell which outbox sent it.
func (it outboxItem) header(p auth.Principal, op uuid.UUID) domain.Header {
	h := header(p, op, it.Key)
	h.OccurredAt = it.CapturedAt
	h.CorrelationID = "outbox:" + it.Device + ":" + it.Key
	return h
}

// command decodes the item's change with the server's header over
// whatever header fields the body holds.
func (it outboxItem) command(p auth.Principal, op uuid.UUID) (domain.Command, error) {
	var m map[string]any
	if err := json.Unmarshal(it.Body, &m); err != nil || m == nil {
		return nil, errOutboxBody
	}
	hb, _ := json.Marshal(it.header(p, op))
	var h map[string]any
	_ = json.Unmarshal(hb, &h)
	for k, v := range h {
		m[k] = v
	}
	body, _ := json.Marshal(m)
	return domain.DecodeCommand(it.Command, body)
}
