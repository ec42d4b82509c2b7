package accesslog_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/accesslog"
	"github.com/movementcoord/ledger/eventstore/kurrent"
	"github.com/movementcoord/ledger/eventstore/kurrent/esdbtest"
)

// Entries recorded by two servers are one log for a reviewer on either.
func TestSharedAccessLogIsOneLogForEveryServer(t *testing.T) {
	t.Parallel()
	srv := esdbtest.Start(t, esdbtest.Options{})
	open := func() *accesslog.Shared {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s, err := kurrent.Open(ctx, srv.ConnString(), kurrent.WithStreamPrefix("acc-"))
		require.NoError(t, err)
		t.Cleanup(func() { _ = s.Close() })
		return accesslog.OpenShared(s.Side())
	}
	a, b := open(), open()
	empty, err := b.Query(accesslog.Filter{}, 0)
	require.NoError(t, err)
	require.Empty(t, empty)

	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	entries := []accesslog.Entry{
		{At: t0, Principal: "token:a", Role: "reviewer", Method: "GET", Path: "/api/v1/records/x", Records: 1, Status: 200},
		{At: t0.Add(time.Minute), Principal: "token:b", Role: "admin", Method: "GET", Path: "/api/v1/events", Records: 3, Status: 200},
		{At: t0.Add(2 * time.Minute), Principal: "token:a", Role: "reviewer", Method: "GET", Path: "/api/v1/records/y", Records: 1, Status: 200},
	}
	require.NoError(t, a.Record(entries[0]))
	require.NoError(t, b.Record(entries[1]))
	require.NoError(t, a.Record(entries[2]))

	for _, l := range []*accesslog.Shared{a, b} {
		all, err := l.Query(accesslog.Filter{}, 0)
		require.NoError(t, err)
		require.Equal(t, entries, all)
		mine, err := l.Query(accesslog.Filter{Principal: "token:a"}, 0)
		require.NoError(t, err)
		require.Equal(t, []accesslog.Entry{entries[0], entries[2]}, mine)
		first, err := l.Query(accesslog.Filter{From: t0.Add(30 * time.Second)}, 1)
		require.NoError(t, err)
		require.Equal(t, entries[1:2], first)
	}
}
