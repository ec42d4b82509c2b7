package projections

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// fastEnvelope decodes the envelope as the application service writes it (a
// flat object of plain strings and one actor object) several times faster
// than encoding/json, which spent most of a rebuild on reflection and time
// parsing. Anything it does not expect (an escape sequence, an unknown or
// non-string field, a malformed value) makes it give up, and the caller falls
// back to domain.DecodeEnvelope: it is never the authority on the format.
//
// in, when not nil, interns the short strings that repeat from event to event
// (actor, role, classification), which saves allocations and the memory the
// views would otherwise hold once per record.
func fastEnvelope(b []byte, in *interner) (env domain.Envelope, ok bool) {
	s := scanner{b: b, in: in}
	ok = s.object(func(key []byte) bool {
		switch string(key) {
		case "operation_id":
			return s.uuid(&env.OperationID)
		case "occurred_at":
			return s.time(&env.OccurredAt)
		case "recorded_at":
			return s.time(&env.RecordedAt)
		case "class":
			return s.short((*string)(&env.Classification))
		case "correlation_id":
			return s.str(&env.CorrelationID)
		case "causation_id":
			return s.str(&env.CausationID)
		case "idempotency_key":
			return s.str(&env.IdempotencyKey)
		case "idempotency_fingerprint":
			return s.str(&env.IdempotencyFingerprint)
		case "actor":
			return s.actor(&env.Actor)
		case "prev_hash", "hash":
			// The integrity seal is not an Envelope field: domain/integrity
			// reads and checks it. Skipping it without looking at each byte
			// saves a fifth of the envelope's decoding.
			return s.skipString()
		}
		return false
	})
	return env, ok && s.end()
}

func (s *scanner) actor(a *domain.Actor) bool {
	return s.object(func(key []byte) bool {
		switch string(key) {
		case "id":
			return s.short(&a.ID)
		case "role":
			return s.short(&a.Role)
		case "component":
			return s.uuid(&a.Component)
		}
		return false
	})
}

func (s *scanner) uuid(dst *uuid.UUID) bool {
	raw, ok := s.raw()
	if !ok {
		return false
	}
	u, err := uuid.ParseBytes(raw)
	*dst = u
	return err == nil && len(raw) == 36
}

func (s *scanner) time(dst *time.Time) bool {
	raw, ok := s.raw()
	if !ok {
		return false
	}
	if t, ok := parseUTC(raw); ok {
		*dst = t
		return true
	}
	t, err := time.Parse(time.RFC3339Nano, string(raw))
	*dst = t
	return err == nil
}

func (s *scanner) str(dst *string) bool {
	raw, ok := s.raw()
	*dst = string(raw)
	return ok
}

// short reads a string that repeats across events, interned.
func (s *scanner) short(dst *string) bool {
	raw, ok := s.raw()
	*dst = s.in.str(raw)
	return ok
}
