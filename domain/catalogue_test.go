package domain

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestCatalogueIsComplete(t *testing.T) {
	t.Parallel()
	docs := Catalogue()
	require.GreaterOrEqual(t, len(docs), 60)
	aggregates := map[string]bool{}
	for _, d := range docs {
		require.Regexp(t, `^[a-z]+\.[a-z_]+\.v[0-9]+$`, d.Type)
		require.True(t, strings.HasPrefix(d.Type, d.Aggregate+".") || d.Aggregate == string(KindAny), d.Type)
		require.NotEmpty(t, d.Description, d.Type)
		for _, f := range d.Fields {
			require.NotEmptyf(t, f.Meaning, "%s field %s has no doc tag", d.Type, f.Name)
		}
		aggregates[d.Aggregate] = true
	}
	for _, k := range Kinds() {
		require.Truef(t, aggregates[string(k)], "no events for %s", k)
		require.NotNil(t, New(Ref{Kind: k, ID: uuid.New()}), k)
	}
}

func TestCatalogueJSON(t *testing.T) {
	t.Parallel()
	b, err := CatalogueJSON()
	require.NoError(t, err)
	var got []map[string]any
	require.NoError(t, json.Unmarshal(b, &got))
	require.Len(t, got, len(Catalogue()))
	for _, d := range got {
		for _, key := range []string{"type", "version", "aggregate", "fields"} {
			require.Contains(t, d, key)
		}
	}
}

func TestCatalogueMarkdownListsEveryType(t *testing.T) {
	t.Parallel()
	md := CatalogueMarkdown()
	for _, typ := range EventTypes() {
		require.Contains(t, md, "`"+typ+"`")
	}
	require.Contains(t, md, "| `owner_name` | string | named owner (optional) (personal) |")
	require.Contains(t, md, "| `actor.role` | string |")
	require.Contains(t, md, "`attendees[].name`")
}

// Every registered payload survives encode and decode unchanged, so the
// catalogue's factories and the payload types agree.
func TestEveryPayloadRoundTrips(t *testing.T) {
	t.Parallel()
	for _, s := range registry.ordered {
		if s.upcastTo != "" {
			continue
		}
		p := reflect.New(s.goType).Elem().Interface().(Payload)
		typ, data, err := EncodePayload(p)
		require.NoError(t, err)
		require.Equal(t, s.typ, typ)
		back, err := DecodePayload(typ, data)
		require.NoError(t, err)
		require.Equal(t, p, back)
	}
}

func TestDecodeUnknownType(t *testing.T) {
	t.Parallel()
	_, err := DecodePayload("decision.teleported.v1", []byte(`{}`))
	require.ErrorIs(t, err, ErrUnknownEventType)
}

func TestParseStream(t *testing.T) {
	t.Parallel()
	ref := Ref{KindActionPoint, uuid.New()}
	got, err := ParseStream(ref.Stream())
	require.NoError(t, err)
	require.Equal(t, ref, got)
	_, err = ParseStream("actionpoint-123")
	require.Error(t, err)
}

func TestLegacyVersionIsNeverWritten(t *testing.T) {
	t.Parallel()
	_, _, err := EncodePayload(ContactAddedV1{Name: "A B"})
	require.ErrorIs(t, err, ErrUnknownEventType)
}
