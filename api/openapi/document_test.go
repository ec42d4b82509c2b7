package openapi_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/openapi"
	"github.com/movementcoord/ledger/domain"
)

func TestDocumentIsValidOpenAPI(t *testing.T) {
	t.Parallel()
	doc, err := openapi.Document()
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	raw, err := openapi.JSON()
	require.NoError(t, err)
	require.Contains(t, string(raw), `"openapi": "3.0.3"`)
}

func TestEveryCommandHasABodySchemaWithoutActor(t *testing.T) {
	t.Parallel()
	doc, err := openapi.Document()
	require.NoError(t, err)
	for _, name := range domain.CommandNames() {
		item := doc.Paths.Value("/api/v1/commands/" + name)
		require.NotNil(t, item, name)
		schema := item.Post.RequestBody.Value.Content.Get("application/json").Schema.Value
		require.NotContains(t, schema.Properties, "actor", name)
		require.Contains(t, schema.Properties, "idempotency_key", name)
	}
}
