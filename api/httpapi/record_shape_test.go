package httpapi

import (
	"encoding/json"
	"flag"
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

var updateRecordShape = flag.Bool("update-record-shape", false, "rewrite testdata/record_state.json")

// recordShapeGolden holds, per kind of record, the state JSON that
// GET /api/v1/records/{kind}/{id} answered before the domain's state got
// explicit JSON tags: it was written by the old reflection encoder (snake_case
// derived from Go field names), so the tagged encoding must reproduce it.
const recordShapeGolden = "testdata/record_state.json"

// shapeSamples are, per kind, a record with only its identity (lists empty)
// and one with every field set.
func shapeSamples() map[string]map[string]domain.Aggregate {
	out := map[string]map[string]domain.Aggregate{}
	id := uuid.MustParse("0196a3e0-7c4e-7a51-9a43-1c4b8a0e7d21")
	for _, k := range domain.Kinds() {
		bare := domain.New(domain.Ref{Kind: k, ID: id})
		domain.BaseOf(bare).Version = 1
		full := domain.New(domain.Ref{Kind: k, ID: id})
		fillSample(reflect.ValueOf(full).Elem())
		out[string(k)] = map[string]domain.Aggregate{"bare": bare, "full": full}
	}
	return out
}

// fillSample sets every exported field to a fixed value derived from its type.
func fillSample(v reflect.Value) {
	switch v.Interface().(type) {
	case uuid.UUID:
		v.Set(reflect.ValueOf(uuid.MustParse("0196a3e0-0000-7000-8000-00000000000a")))
		return
	case time.Time:
		v.Set(reflect.ValueOf(time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillSample(v.Field(i))
			}
		}
	case reflect.String:
		v.SetString("text")
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint64:
		v.SetUint(3)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fillSample(v.Index(0))
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		val := reflect.New(v.Type().Elem()).Elem()
		fillSample(val)
		v.SetMapIndex(reflect.ValueOf("Shelter").Convert(v.Type().Key()), val)
	}
}

// encodeRecordState is how the record endpoint encodes a state.
func encodeRecordState(t *testing.T, agg domain.Aggregate) any {
	t.Helper()
	v, err := stateValue(agg)
	require.NoError(t, err)
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	var out any
	require.NoError(t, json.Unmarshal(raw, &out))
	return out
}

func TestRecordStateKeepsItsShape(t *testing.T) {
	t.Parallel()
	got := map[string]map[string]any{}
	for kind, samples := range shapeSamples() {
		got[kind] = map[string]any{}
		for name, agg := range samples {
			got[kind][name] = encodeRecordState(t, agg)
		}
	}
	if *updateRecordShape {
		raw, err := json.MarshalIndent(got, "", "  ")
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(recordShapeGolden, append(raw, '\n'), 0o644))
	}
	raw, err := os.ReadFile(recordShapeGolden)
	require.NoError(t, err)
	var want map[string]map[string]any
	require.NoError(t, json.Unmarshal(raw, &want))
	// The one change, on purpose: an action point's owner is encoded by the
	// Owner type's own tags, as in the register rows, events and command
	// bodies, so an absent named owner is left out instead of shown as the
	// nil UUID and "". Every other key and value is as before.
	owner := want["actionpoint"]["bare"].(map[string]any)["owner"].(map[string]any)
	delete(owner, "owner_person_id")
	delete(owner, "owner_name")
	require.Equal(t, want, got)
}
