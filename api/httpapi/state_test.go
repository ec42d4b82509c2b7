package httpapi

import (
	"encoding/json"
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
	v, err := stateValue(ap)
	require.NoError(t, err)
	got := v.(map[string]any)
	require.Equal(t, id.String(), got["id"])
	require.Equal(t, json.Number("2"), got["version"])
	require.Equal(t, "2026-03-01T00:00:00Z", got["due_at"])
	require.EqualValues(t, "open", got["state"])
	require.Equal(t, map[string]any{"owner_component_id": hns.String(), "owner_name": "Ayse"}, got["owner"])
}

func TestStateValueKeepsMapKeysAndShowsEmptyListsAsArrays(t *testing.T) {
	t.Parallel()
	hns := uuid.New()
	op := &domain.Operation{LeadRoles: map[string]uuid.UUID{"Shelter": hns}}
	v, err := stateValue(op)
	require.NoError(t, err)
	got := v.(map[string]any)
	require.Equal(t, map[string]any{"Shelter": hns.String()}, got["lead_roles"])
	require.Equal(t, []any{}, got["conveners"])
	v, err = stateValue(&domain.Operation{})
	require.NoError(t, err)
	require.Equal(t, map[string]any{}, v.(map[string]any)["lead_roles"])
}
