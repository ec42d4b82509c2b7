package projections

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/synthetic"
)

func TestThePayloadTableCoversEveryCurrentEventType(t *testing.T) {
	t.Parallel()
	for _, doc := range domain.Catalogue() {
		_, fast := payloadDecoders[doc.Type]
		require.Equal(t, doc.UpcastTo == "", fast, "%s: current types are in the table, legacy ones are upcast by the domain", doc.Type)
	}
	require.Len(t, payloadDecoders, len(domain.EventTypes())-countLegacy())
}

func countLegacy() int {
	n := 0
	for _, doc := range domain.Catalogue() {
		if doc.UpcastTo != "" {
			n++
		}
	}
	return n
}

// TestFastDecodingAgreesWithTheDomain decodes a generated log (every event
// kind, legacy contacts included) both ways.
func TestFastDecodingAgreesWithTheDomain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	store := memory.New()
	_, err := synthetic.Fill(ctx, store, synthetic.New(3, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)), synthetic.FillOptions{Events: 20_000})
	require.NoError(t, err)
	seen := map[string]bool{}
	for rec, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		got, err := Decode(&rec)
		require.NoError(t, err)
		wantEnv, err := domain.DecodeEnvelope(rec.Metadata)
		require.NoError(t, err)
		wantP, err := domain.DecodePayload(rec.Type, rec.Data)
		require.NoError(t, err)
		require.Equal(t, wantEnv, got.Env)
		require.Equal(t, wantP, got.Payload, rec.Type)
		seen[rec.Type] = true
	}
	for _, typ := range domain.EventTypes() {
		require.True(t, seen[typ], "the generated log has no %s", typ)
	}
}

func TestFastEnvelopeAgreesWithTheDomainOrFallsBack(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"escape":         `{"operation_id":"0193f0a0-0000-7000-8000-000000000001","actor":{"id":"a\"b","role":"officer"},"class":"public"}`,
		"unknown field":  `{"operation_id":"0193f0a0-0000-7000-8000-000000000001","future_field":"ab"}`,
		"sealed":         `{"class":"public","prev_hash":"00","hash":"ab12"}`,
		"null actor":     `{"actor":null,"class":"public"}`,
		"offset time":    `{"occurred_at":"2026-03-01T10:00:00+02:00","class":"movement"}`,
		"other case key": `{"Class":"public"}`,
		"spaces":         ` { "class" : "public" , "actor" : { "id" : "u" } } `,
		"empty":          `{}`,
	}
	for name, meta := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			want, werr := domain.DecodeEnvelope([]byte(meta))
			got, gerr := decodeEnvelope([]byte(meta), newInterner())
			require.Equal(t, werr == nil, gerr == nil)
			require.Equal(t, want, got)
		})
	}
}

func TestFastEnvelopeRefusesBrokenJSON(t *testing.T) {
	t.Parallel()
	for _, meta := range []string{`{"class":"public"`, `{"class":"public"}x`, `{"class":1}`, `{"operation_id":"nope"}`, "{\"class\":\"a\x01\"}"} {
		_, ok := fastEnvelope([]byte(meta), nil)
		require.False(t, ok, meta)
	}
}

// TestFastEnvelopeTakesWhatTheServiceWrites guards the speed of rebuilds: an
// envelope with every field set, encoded as the write path does, must not
// need the slow path.
func TestFastEnvelopeTakesWhatTheServiceWrites(t *testing.T) {
	t.Parallel()
	env := domain.Envelope{
		OperationID: uuid.New(), OccurredAt: time.Date(2026, 3, 1, 10, 0, 0, 123, time.UTC),
		RecordedAt: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC),
		Actor:      domain.Actor{ID: "u-1", Role: "officer", Component: uuid.New()}, Classification: domain.ClassRestricted,
		CorrelationID: "c", CausationID: "k", IdempotencyKey: "i",
	}
	meta, err := json.Marshal(env)
	require.NoError(t, err)
	// the write path appends the integrity seal after encoding
	meta = append(meta[:len(meta)-1], `,"prev_hash":"`+strings.Repeat("0", 64)+`","hash":"`+strings.Repeat("a", 64)+`"}`...)
	got, ok := fastEnvelope(meta, newInterner())
	require.True(t, ok)
	require.Equal(t, env, got)
}
