package views_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// Given action points raised in and out of order, reassigned, blocked,
// completed and re-dated by a correction of their creation, when the
// tracker is read page by page through any filter, then the pages hold
// exactly the rows that match and that the reader sees, in creation order,
// each once: what sorting every row would give.
func TestActionPagesMatchTheFilteredRegister(t *testing.T) {
	t.Parallel()
	v := views.NewActions()
	f := newFold(t, v)
	rng := rand.New(rand.NewPCG(1, 2))
	owners := []uuid.UUID{uuid.New(), uuid.New(), uuid.New()}
	var ids []uuid.UUID
	raised := map[uuid.UUID]uuid.UUID{} // action point -> its raised event
	created := map[uuid.UUID]time.Time{}
	for i := range 1500 { // several blocks of the ordered lists
		when := day(rng.IntN(60)) // back-dated as often as not
		class := []domain.Classification{domain.ClassPublic, domain.ClassMovement, domain.ClassConfidential}[rng.IntN(3)]
		id := uuid.New()
		raised[id] = f.on(domain.KindActionPoint, id, when, class, domain.ActionPointRaised{Title: fmt.Sprint(i), Owner: domain.Owner{ComponentID: owners[rng.IntN(3)]}})
		created[id] = when
		ids = append(ids, id)
		ap := ids[rng.IntN(len(ids))]
		switch rng.IntN(4) {
		case 0:
			f.on(domain.KindActionPoint, ap, when, domain.ClassMovement, domain.ActionPointReassigned{Owner: domain.Owner{ComponentID: owners[rng.IntN(3)]}})
		case 1:
			f.on(domain.KindActionPoint, ap, when, domain.ClassMovement, domain.ActionPointBlocked{Reason: "fuel"})
		case 2:
			f.on(domain.KindActionPoint, ap, when, domain.ClassMovement, domain.ActionPointCompleted{})
		case 3:
			was, now := created[ap], day(rng.IntN(60))
			f.on(domain.KindActionPoint, ap, when, domain.ClassMovement, domain.CorrectionRecorded{CorrectsEventID: raised[ap],
				CorrectsType: "actionpoint.raised.v1", Reason: "wrong day",
				Changes: jsonOf(t, map[string]time.Time{"occurred_at": now}), Before: jsonOf(t, map[string]time.Time{"occurred_at": was})})
			created[ap] = now
		}
	}
	noConfidential := func(_ uuid.UUID, c domain.Classification) bool { return c != domain.ClassConfidential }
	filters := map[string]views.ActionFilter{
		"all":           {},
		"one state":     {States: []domain.APState{domain.APBlocked}},
		"two states":    {States: []domain.APState{domain.APBlocked, domain.APCompleted}},
		"one owner":     {OwnerComponent: owners[1]},
		"owner, open":   {OwnerComponent: owners[2], OpenOnly: true},
		"state, owner":  {States: []domain.APState{domain.APOpen}, OwnerComponent: owners[0]},
		"nobody's rows": {OwnerComponent: uuid.New()},
	}
	for name, filter := range filters {
		t.Run(name, func(t *testing.T) {
			want := expectedRows(t, v, ids, filter, noConfidential)
			for _, limit := range []int{1, 7, 50, 1000} {
				var got []uuid.UUID
				after := views.Key{}
				for {
					page, more := v.Page(f.op, filter, after, limit, noConfidential)
					require.LessOrEqual(t, len(page), limit)
					for _, a := range page {
						got = append(got, a.ID)
						require.Equal(t, created[a.ID], a.CreatedAt, "the row is filed under its corrected creation")
					}
					if !more {
						break
					}
					after = page[len(page)-1].OrderKey()
				}
				require.Equal(t, want, got, "limit %d", limit)
			}
		})
	}
}

// expectedRows is the register as sorting every row gives it.
func expectedRows(t *testing.T, v *views.Actions, ids []uuid.UUID, f views.ActionFilter, sees views.Sees) []uuid.UUID {
	var rows []views.ActionPoint
	for _, id := range ids {
		a, ok := v.Get(id)
		require.True(t, ok)
		switch {
		case !sees(a.Record()),
			f.OpenOnly && a.State.Final(),
			len(f.States) > 0 && !slices.Contains(f.States, a.State),
			f.OwnerComponent != uuid.Nil && a.Owner.ComponentID != f.OwnerComponent:
			continue
		}
		rows = append(rows, a)
	}
	slices.SortFunc(rows, func(a, b views.ActionPoint) int { return a.OrderKey().Compare(b.OrderKey()) })
	var out []uuid.UUID
	for _, a := range rows {
		out = append(out, a.ID)
	}
	return out
}

func jsonOf(t *testing.T, v any) json.RawMessage {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
