package web

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/web/i18n"
	"github.com/movementcoord/ledger/domain"
)

func TestAsOfReadsADayOrATimeAndABasis(t *testing.T) {
	endOf := func(day string) time.Time {
		d, _ := time.Parse(time.DateOnly, day)
		return d.Add(24*time.Hour - time.Nanosecond)
	}
	cases := []struct {
		query     string
		want      *AsOf
		wantError bool
	}{
		{"", nil, false},
		{"as_of=2026-11-10", &AsOf{At: endOf("2026-11-10"), Basis: "recorded", Date: "2026-11-10"}, false},
		{"as_of=2026-11-10&as_of_basis=occurred", &AsOf{At: endOf("2026-11-10"), Basis: "occurred", Date: "2026-11-10"}, false},
		{"as_of=2026-11-10T08:30:00Z", &AsOf{At: time.Date(2026, 11, 10, 8, 30, 0, 0, time.UTC), Basis: "recorded", Date: "2026-11-10"}, false},
		{"as_of=10/11/2026", nil, true},
		{"as_of=2026-11-10&as_of_basis=written", nil, true},
	}
	for _, tc := range cases {
		t.Run(tc.query, func(t *testing.T) {
			c := echo.New().NewContext(httptest.NewRequest("GET", "/ops/x/decisions?"+tc.query, nil), httptest.NewRecorder())
			got, err := readAsOf(c)
			if tc.wantError {
				require.ErrorIs(t, err, errBadAsOf)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tc.want, got)
		})
	}
}

func TestAsOfIsOfferedOnRegistersOnly(t *testing.T) {
	op := "/ops/0193a2b4-0000-7000-8000-000000000000"
	for path, want := range map[string]bool{
		op: true, op + "/decisions": true, op + "/actions": true, op + "/compliance": true, op + "/meetings": true, op + "/figures": true,
		op + "/history/decision/x": false, op + "/timeline": false, op + "/meetings/new": false, "/": false,
	} {
		require.Equal(t, want, offersAsOf(path), path)
	}
}

func TestAuditWindowIncludesBothDays(t *testing.T) {
	from, to, ok := auditQuery{From: "2026-11-01", To: "2026-11-03"}.window()
	require.True(t, ok)
	require.Equal(t, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), from)
	require.Equal(t, time.Date(2026, 11, 4, 0, 0, 0, 0, time.UTC), to, "the last day counts whole")
	for _, q := range []auditQuery{{From: "2026-11-03", To: "2026-11-01"}, {From: "2026-11-01"}, {From: "x", To: "2026-11-01"}} {
		_, _, ok := q.window()
		require.False(t, ok, "%+v", q)
	}
}

// The export link of a filtered timeline carries the same filter in the
// API's terms: the last day included, times in RFC 3339.
func TestTimelineExportCarriesTheFilter(t *testing.T) {
	q := timelineQuery{Kind: "decision", Level: "operational", From: "2026-11-01", To: "2026-11-03"}
	f, ok := q.filter()
	require.True(t, ok)
	require.Equal(t, "from=2026-11-01T00%3A00%3A00Z&kind=decision&level=operational&to=2026-11-04T00%3A00%3A00Z&view=timeline", string(q.exportQuery(f)))
	_, ok = timelineQuery{Kind: "minutes"}.filter()
	require.False(t, ok)
}

// Every event type of the catalogue is named in words in English and
// French on the history, audit and timeline pages.
func TestEveryEventTypeHasWordsInEnglishAndFrench(t *testing.T) {
	cat, err := i18n.Load()
	require.NoError(t, err)
	for _, tag := range []string{"en", "fr"} {
		lang, ok := cat.Known(tag)
		require.True(t, ok)
		p := &Page{loc: cat.For(lang)}
		for _, doc := range domain.Catalogue() {
			require.NotEqual(t, doc.Type, p.Event(doc.Type),
				"%s: %s has no words: add \"ev.<type without .vN>\" to api/web/i18n/locales/review.en.json and review.fr.json", tag, doc.Type)
		}
	}
	p := &Page{loc: cat.For(i18n.Language{Tag: "en"})}
	require.Equal(t, "thing.happened.v9", p.Event("thing.happened.v9"), "an unknown type shows as stored")
}
