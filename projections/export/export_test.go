package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/export"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/unseal"
	"github.com/movementcoord/ledger/scripts/demo"
)

var demoNow = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

// demoLedger is the demo scenario's views, with personal fields readable.
func demoLedger(t *testing.T) (*readmodel.Set, uuid.UUID) {
	t.Helper()
	ctx := context.Background()
	keys, err := keystore.OpenFile(ctx, t.TempDir(), false)
	require.NoError(t, err)
	t.Cleanup(func() { _ = keys.Close() })
	store := memory.New()
	sum, err := demo.Run(ctx, recorder.New(store, recorder.WithKeys(keys), recorder.WithClock(func() time.Time { return demoNow })), demoNow, nil)
	require.NoError(t, err)
	readable := unseal.New(store, func(p uuid.UUID) ([]byte, error) { return keys.Key(ctx, p) })
	set, err := asof.Recorded(ctx, readable, time.Now())
	require.NoError(t, err)
	return set, sum.OperationID
}

func csvRows(t *testing.T, tbl export.Table, hxl bool) [][]string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, tbl.WriteCSV(&buf, hxl))
	rows, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	return rows
}

func column(t *testing.T, rows [][]string, header string) []string {
	t.Helper()
	i := -1
	for j, h := range rows[0] {
		if h == header {
			i = j
		}
	}
	require.NotEqual(t, -1, i, "column %s", header)
	var out []string
	for _, r := range rows[2:] {
		out = append(out, r[i])
	}
	return out
}

func TestActionPointsAsHXL(t *testing.T) {
	set, op := demoLedger(t)
	tbl, err := export.Build(set, op, "action-points", export.Movement, demoNow)
	require.NoError(t, err)
	rows := csvRows(t, tbl, true)
	require.Len(t, rows, 2+8, "header, hashtags, the demo's 8 action points")
	require.Equal(t, []string{"#crisis+name", "#country+code"}, rows[1][:2])
	require.Contains(t, rows[1], "#status")
	require.Contains(t, rows[1], "#date+end")
	overdue := 0
	for _, v := range column(t, rows, "overdue") {
		if v == "true" {
			overdue++
		}
	}
	require.Equal(t, 4, overdue, "Rukum kits, cash registration, market assessment and clinic sites are overdue on day 42")
	require.ElementsMatch(t, []string{"NPL"}, uniq(column(t, rows, "country")))
}

func TestExternalExportsCarryNoPersonalData(t *testing.T) {
	set, op := demoLedger(t)
	internal, err := export.Build(set, op, "contacts", export.Movement, demoNow)
	require.NoError(t, err)
	rows := csvRows(t, internal, true)
	require.Len(t, rows, 2+6)
	require.Contains(t, strings.Join(column(t, rows, "email"), " "), "@example.org", "Movement exports open personal fields")

	for _, view := range export.Views() {
		tbl, err := export.Build(set, op, view, export.External, demoNow)
		require.NoError(t, err, view)
		var out bytes.Buffer
		require.NoError(t, tbl.WriteCSV(&out, true))
		require.NoError(t, tbl.WriteJSON(&out))
		require.NotContains(t, out.String(), "@example.org", view)
		for _, c := range tbl.Columns {
			require.False(t, c.Personal, "%s: %s", view, c.Header)
		}
		require.Empty(t, tbl.Rows, "%s: the demo records nothing public", view)
		require.Positive(t, tbl.Withheld, view)
	}
}

func TestConfidentialRecordsNeverLeave(t *testing.T) {
	set, op := demoLedger(t)
	tbl, err := export.Build(set, op, "compliance-issues", export.Movement, demoNow)
	require.NoError(t, err)
	require.Empty(t, tbl.Rows)
	require.Equal(t, 2, tbl.Withheld, "both demo compliance issues are confidential")
}

func TestProjectsAndJSON(t *testing.T) {
	set, op := demoLedger(t)
	tbl, err := export.Build(set, op, "projects", export.Movement, demoNow)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, tbl.WriteJSON(&buf))
	var rows []map[string]string
	require.NoError(t, json.Unmarshal(buf.Bytes(), &rows))
	require.Len(t, rows, 5)
	require.ElementsMatch(t, []string{"shelter", "wash", "health", "cash", "protection"}, sectors(rows))
}

func TestUnknownViewSaysWhatExists(t *testing.T) {
	set, op := demoLedger(t)
	_, err := export.Build(set, op, "minutes", export.Movement, demoNow)
	require.ErrorIs(t, err, export.ErrUnknownView)
	require.ErrorContains(t, err, "action-points")
	_, err = export.ParseAudience("world")
	require.Error(t, err)
}

func sectors(rows []map[string]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r["sector"])
	}
	return out
}

func uniq(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}
