package accesslog_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/accesslog"
)

func TestRecordAndQuery(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	l, err := accesslog.Open(dir)
	require.NoError(t, err)
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	entries := []accesslog.Entry{
		{At: t0, Principal: "token:a", Role: "reviewer", Method: "GET", Path: "/api/v1/operations/x/compliance-issues", Records: 2, Status: 200},
		{At: t0.Add(time.Hour), Principal: "token:b", Role: "officer", Method: "GET", Path: "/api/v1/records/compliance/y", Records: 1, Status: 200},
		{At: t0.Add(2 * time.Hour), Principal: "token:a", Role: "reviewer", Method: "GET", Path: "/api/v1/audit?actor=z", Records: 5, Status: 200},
	}
	for _, e := range entries {
		require.NoError(t, l.Record(e))
	}
	require.NoError(t, l.Close())

	again, err := accesslog.Open(dir)
	require.NoError(t, err)
	defer again.Close()
	all, err := again.Query(accesslog.Filter{}, 0)
	require.NoError(t, err)
	require.Equal(t, entries, all, "entries survive reopening, in order")

	cases := []struct {
		name string
		f    accesslog.Filter
		want []accesslog.Entry
	}{
		{"by principal", accesslog.Filter{Principal: "token:a"}, []accesslog.Entry{entries[0], entries[2]}},
		{"from", accesslog.Filter{From: t0.Add(time.Hour)}, entries[1:]},
		{"to (exclusive)", accesslog.Filter{To: t0.Add(time.Hour)}, entries[:1]},
	}
	for _, c := range cases {
		got, err := again.Query(c.f, 0)
		require.NoError(t, err, c.name)
		require.Equal(t, c.want, got, c.name)
	}
	first, err := again.Query(accesslog.Filter{}, 1)
	require.NoError(t, err)
	require.Len(t, first, 1)
}
