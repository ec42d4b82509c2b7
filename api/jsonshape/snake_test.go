package jsonshape_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/jsonshape"
)

func TestSnake(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"OperationID": "operation_id", "DueAt": "due_at", "HTTPServer": "http_server",
		"State": "state", "Level2Body": "level2_body", "ID": "id",
		"HasRecommendation": "has_recommendation", "Version": "version", "Level2": "level2",
	} {
		require.Equal(t, want, jsonshape.Snake(in), in)
	}
}
