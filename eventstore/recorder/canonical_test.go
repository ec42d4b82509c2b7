package recorder

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
)

// roundTripBody is how fingerprints were made before canonicalBody stopped
// going through a map: every fingerprint on record was made this way, so a
// retry of a request recorded then must fingerprint alike now.
func roundTripBody(cmd domain.Command) string {
	raw, err := json.Marshal(cmd)
	if err != nil {
		panic(err)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		panic(err)
	}
	for _, f := range serverSetFields {
		delete(obj, f)
	}
	out, err := json.Marshal(obj)
	if err != nil {
		panic(err)
	}
	return string(out)
}

// Every command, with every field filled (texts that need escaping, lists,
// nested objects), fingerprints as the map round trip did.
func TestCanonicalBodyIsTheMapRoundTrip(t *testing.T) {
	t.Parallel()
	texts := []string{"", "plain", `quote " backslash \ slash / <b>&amp;</b> é ü 中文 \u2028 line` + "\n\ttab", "}{][,:\""}
	for _, name := range domain.CommandNames() {
		spec, ok := domain.CommandSpecOf(name)
		require.True(t, ok)
		for i, text := range texts {
			v := reflect.New(spec.Type)
			fill(v.Elem(), text, i)
			cmd, ok := v.Elem().Interface().(domain.Command)
			require.True(t, ok, name)
			got, err := canonicalBody(cmd)
			require.NoError(t, err, name)
			require.Equal(t, roundTripBody(cmd), got, "%s, text %d", name, i)
		}
	}
}

// fill sets every exported field of v to something non-zero (or, for
// seed 0, leaves lists and maps empty and pointers nil).
func fill(v reflect.Value, text string, seed int) {
	if v.Type() == reflect.TypeFor[json.RawMessage]() { // as a client may send it: not compact
		raw, _ := json.Marshal(map[string]any{"text": text, "n": seed, "list": []string{text}})
		v.SetBytes(append([]byte(" \n"), append(raw, ' ')...))
		return
	}
	if v.Type() == reflect.TypeFor[time.Time]() {
		v.Set(reflect.ValueOf(time.Date(2026, 12, 2, 4, 0, seed, 0, time.UTC)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(text)
	case reflect.Bool:
		v.SetBool(seed%2 == 1)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(seed*7 - 3))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(seed*7 + 1))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(seed) + 0.25)
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), text, seed+i)
		}
	case reflect.Slice:
		if seed == 0 {
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), text, seed+i)
		}
		v.Set(s)
	case reflect.Map:
		if seed == 0 {
			return
		}
		m := reflect.MakeMap(v.Type())
		for i := range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, text+string(rune('a'+i)), seed+i)
			fill(e, text, seed+i)
			m.SetMapIndex(k, e)
		}
		v.Set(m)
	case reflect.Pointer:
		if seed == 0 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), text, seed)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), text, seed)
			}
		}
	}
}
