package httpapi

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

func TestStateValueOfAnActionPoint(t *testing.T) {
	t.Parallel()
	id, hns := uuid.New(), uuid.New()
	due := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ap := &domain.ActionPoint{Base: domain.Base{ID: id, Version: 2}, Title: "ORPs", DueAt: due,
		Owner: domain.Owner{ComponentID: hns, Name: "Ayse"}, State: domain.APOpen}
	got := stateValue(reflect.ValueOf(ap)).(map[string]any)
	require.Equal(t, id.String(), got["id"])
	require.Equal(t, uint64(2), got["version"])
	require.Equal(t, "2026-03-01T00:00:00Z", got["due_at"])
	require.EqualValues(t, "open", got["state"])
	require.Equal(t, map[string]any{"owner_component_id": hns.String(), "owner_person_id": uuid.Nil.String(),
		"owner_name": "Ayse"}, got["owner"])
}

func TestStateValueKeepsMapKeys(t *testing.T) {
	t.Parallel()
	hns := uuid.New()
	op := &domain.Operation{LeadRoles: map[string]uuid.UUID{"Shelter": hns}}
	got := stateValue(reflect.ValueOf(op)).(map[string]any)
	require.Equal(t, map[string]any{"Shelter": hns.String()}, got["lead_roles"])
	require.Equal(t, []any{}, got["conveners"])
}
