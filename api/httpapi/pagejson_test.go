package httpapi

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// encodedAsEcho is a page as c.JSON writes it: json.Encoder, compact, with
// a final newline.
func encodedAsEcho(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, json.NewEncoder(&buf).Encode(v))
	return buf.String()
}

func everyFieldSet() views.ActionPoint {
	var a views.ActionPoint
	fillSample(reflect.ValueOf(&a).Elem())
	return a
}

// awkwardTexts are strings encoding/json escapes: quotes, HTML, control
// characters, invalid UTF-8, the JavaScript line separators.
var awkwardTexts = []string{
	`say "hi" \ there`, "<script>&amp;</script>", "tab\tnew\nline\rcr\bbs\fff\x00\x1f\x7f",
	"caf\xc3", "\xff\xfe", "line\u2028para\u2029end", "ملجأ — 避难所 🚑", "",
}

func TestATrackerPageIsWrittenAsEncodingJSONWritesIt(t *testing.T) {
	t.Parallel()
	full := everyFieldSet()
	paris := time.FixedZone("CET", 3600)
	rows := []views.ActionPoint{{}, full}
	for i, s := range awkwardTexts {
		a := full
		a.Title, a.BlockedReason, a.Owner.Name = s, s+"!", strings.Repeat(s, 2)
		a.State, a.Classification = domain.APState(s), domain.Classification(s)
		a.CreatedAt = time.Date(2026, 3, 1, 9, 30, i, i*1000, paris)
		a.DueAt = time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC) // the zero date's next nanosecond: not omitted
		a.Version, a.Percent, a.DueChanges, a.DaysOverdue = 1<<63+uint64(i), -i, i*1000, -1<<31
		rows = append(rows, a)
	}
	pages := []Register[views.ActionPoint]{
		{OperationID: full.OperationID, Items: rows, NextCursor: "AQID_-"},
		{Items: []views.ActionPoint{}},
		{Items: rows[:1]},
	}
	for i, page := range pages {
		got, ok := appendPage(nil, page)
		require.True(t, ok, "page %d", i)
		require.Equal(t, encodedAsEcho(t, page), string(got), "page %d", i)
	}
}

func TestADateJSONCannotHoldIsLeftToEncodingJSON(t *testing.T) {
	t.Parallel()
	a := everyFieldSet()
	a.UpdatedAt = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	_, ok := appendPage(nil, Register[views.ActionPoint]{Items: []views.ActionPoint{a}})
	require.False(t, ok, "encoding/json refuses the year 10000; so must the page, rather than write what it cannot read back")
	_, err := json.Marshal(a)
	require.Error(t, err)
}

func TestOtherRegistersAreLeftToEncodingJSON(t *testing.T) {
	t.Parallel()
	_, ok := appendPage(nil, Register[views.Decision]{Items: []views.Decision{{}}})
	require.False(t, ok)
}

func TestAppendUUIDIsMarshalText(t *testing.T) {
	t.Parallel()
	for range 20 {
		id := uuid.New()
		want, _ := json.Marshal(id)
		require.Equal(t, string(want), string(appendUUID(nil, id)))
	}
}

// go test ./api/httpapi -run '^$' -bench TrackerPageOf50 -benchmem
func BenchmarkTrackerPageOf50(b *testing.B) {
	rows := make([]views.ActionPoint, 50)
	for i := range rows {
		rows[i] = everyFieldSet()
		rows[i].Title = "Distribute kits, lot 12345"
	}
	page := Register[views.ActionPoint]{OperationID: uuid.New(), Items: rows, NextCursor: "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0"}
	b.Run("encoding/json", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			_ = json.NewEncoder(&buf).Encode(page)
		}
	})
	b.Run("appendPage", func(b *testing.B) {
		var out []byte
		for b.Loop() {
			out, _ = appendPage(out[:0], page)
		}
	})
}
