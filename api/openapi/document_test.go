package openapi_test

import (
	"context"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"
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

// Every operation has an operationId, unique in the document, and names the
// 4xx answers it can give: what `redocly lint` (in .ci/run) checks too.
func TestEveryOperationHasAnIDAndItsClientErrors(t *testing.T) {
	t.Parallel()
	doc, err := openapi.Document()
	require.NoError(t, err)
	require.NotEmpty(t, doc.Servers)
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			require.NotEmpty(t, op.OperationID, where)
			require.Empty(t, ids[op.OperationID], "%s and %s share an operationId", ids[op.OperationID], where)
			ids[op.OperationID] = where
			var clientErrors []string
			for status := range op.Responses.Map() {
				if strings.HasPrefix(status, "4") {
					clientErrors = append(clientErrors, status)
				}
			}
			require.NotEmpty(t, clientErrors, where)
			if op.Security == nil || len(*op.Security) > 0 {
				require.Contains(t, clientErrors, "401", where)
			}
		}
	}
}

// A command body's schema shows the domain's rules: the fields it requires,
// each enum field its values, each text its length limit, nested objects
// included.
func TestCommandBodiesShowTheDomainsRules(t *testing.T) {
	t.Parallel()
	doc, err := openapi.Document()
	require.NoError(t, err)
	limited, enums := 0, 0
	for _, c := range domain.Commands() {
		schema := doc.Components.Schemas["Command_"+c.Name].Value
		require.NotNil(t, schema, c.Name)
		var required []string
		for _, f := range domain.JSONFields(c.Type) {
			if domain.Required(f) {
				required = append(required, f.Name)
			}
		}
		require.ElementsMatch(t, required, schema.Required, c.Name)
		for _, f := range domain.JSONFields(c.Type) {
			prop := schema.Properties[f.Name]
			if prop == nil { // the actor, set from the token
				continue
			}
			limited, enums = checkRule(t, c.Name, f, prop.Value, limited, enums)
		}
	}
	require.Positive(t, limited)
	require.Positive(t, enums)
}

func checkRule(t *testing.T, cmd string, f domain.JSONField, p *openapi3.Schema, limited, enums int) (int, int) {
	t.Helper()
	ft := f.Type
	if ft.Kind() == reflect.Slice {
		if p.Items == nil { // raw JSON (a correction's changes)
			return limited, enums
		}
		ft, p = ft.Elem(), p.Items.Value
	}
	if values := domain.EnumValues(ft); values != nil {
		require.ElementsMatch(t, values, p.Enum, "%s %s", cmd, f.Name)
		return limited, enums + 1
	}
	switch ft.Kind() {
	case reflect.String:
		require.NotNil(t, p.MaxLength, "%s %s", cmd, f.Name)
		require.Equal(t, uint64(domain.MaxLength(f.Name)), *p.MaxLength, "%s %s", cmd, f.Name)
		limited++
	case reflect.Struct:
		for _, sub := range domain.JSONFields(ft) {
			if prop := p.Properties[sub.Name]; prop != nil {
				limited, enums = checkRule(t, cmd, sub, prop.Value, limited, enums)
			}
		}
	}
	return limited, enums
}

// The document describes the record endpoint's state per kind: exactly the
// keys encoding/json writes from the domain's tagged aggregate, with values
// that validate.
func TestRecordStatesAreTheDomainsJSON(t *testing.T) {
	t.Parallel()
	doc, err := openapi.Document()
	require.NoError(t, err)
	for _, k := range domain.Kinds() {
		schema := doc.Components.Schemas["RecordState_"+string(k)].Value
		require.NotNil(t, schema, k)
		raw, err := json.Marshal(domain.New(domain.Ref{Kind: k, ID: uuid.New()}))
		require.NoError(t, err)
		var state map[string]any
		require.NoError(t, json.Unmarshal(raw, &state))
		require.NoError(t, schema.VisitJSON(state), k)
		var keys []string
		for key := range state {
			keys = append(keys, key)
		}
		var props []string
		for p := range schema.Properties {
			props = append(props, p)
		}
		require.ElementsMatch(t, keys, props, k)
	}
}
