package server_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/remind/remindtest"
	"github.com/movementcoord/ledger/api/server"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/scripts/demo"
)

// TestServeMailsTheDemosReminders: `ledger serve` with --smtp runs the
// scheduler: once the demo is in the log, a server's first tick mails its
// reminders, one message per person, counted on /metrics; a restarted
// server sends none again. (The scheduler ticks at start, then hourly here,
// so the demo is not chased while it is being written.)
func TestServeMailsTheDemosReminders(t *testing.T) {
	rl := remindtest.Start(t)
	ca := filepath.Join(t.TempDir(), "relay-ca.pem")
	require.NoError(t, os.WriteFile(ca, rl.CAPEM, 0o600))
	t.Setenv("LEDGER_SMTP_CA", ca)
	t.Setenv("LEDGER_SMTP_USERNAME", remindtest.User)
	t.Setenv("LEDGER_SMTP_PASSWORD", remindtest.Password)
	dir := t.TempDir()
	opts := func(o *server.Options) {
		o.SMTP, o.SMTPFrom = "smtp://"+rl.Addr, "ledger@coordination.example"
		o.FollowUpEvery, o.DigestAt = time.Hour, -1 // tick at start, mail at once
	}
	srv := servertest.Start(t, dir, opts)
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err = demo.Run(ctx, demo.NewClient(srv.Base, strings.TrimSpace(string(raw))), time.Now().UTC(), nil)
	require.NoError(t, err)
	require.NoError(t, srv.Stop())
	require.Empty(t, rl.Take(), "the empty ledger's first tick had nothing to send")
	srv = servertest.Start(t, dir, opts)

	var got []remindtest.Received
	require.Eventually(t, func() bool {
		got = append(got, rl.Take()...)
		return len(got) > 0 && metric(t, srv.Base, "ledger_digests_pending") == 0 &&
			metric(t, srv.Base, "ledger_digests_delivered_total") == float64(len(got))
	}, 20*time.Second, 100*time.Millisecond, "the demo's reminders are mailed")
	seen := map[string]bool{}
	for _, m := range got {
		p := remindtest.Parse(t, m)
		require.False(t, seen[p.To], "one message per person")
		seen[p.To] = true
		require.Contains(t, p.Text, "overdue by")
	}
	recorded := metric(t, srv.Base, "ledger_reminders_recorded_total")
	require.Positive(t, recorded)

	require.NoError(t, srv.Stop())
	again := servertest.Start(t, dir, opts)
	require.Eventually(t, func() bool { return metric(t, again.Base, "ledger_followup_ticks_total") >= 1 }, 10*time.Second, 50*time.Millisecond,
		"the restarted server ticked")
	require.Empty(t, rl.Take(), "a restart sends nothing twice")
	require.Zero(t, metric(t, again.Base, "ledger_reminders_recorded_total"))
}

// metric reads one unlabelled sample from /metrics (-1 when absent).
func metric(t *testing.T, base, name string) float64 {
	t.Helper()
	res, err := http.Get(base + "/metrics")
	require.NoError(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`(?m)^` + name + ` (\S+)$`).FindStringSubmatch(string(body))
	if m == nil {
		return -1
	}
	v, err := strconv.ParseFloat(m[1], 64)
	require.NoError(t, err)
	return v
}
