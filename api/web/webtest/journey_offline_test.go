package webtest_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/domain"
)

// link sets the emulated network of the page and its service worker:
// offline, or a latency (ms) and a throughput (kbit/s; 0: unthrottled).
func link(t *testing.T, b *webtest.Browser, offline bool, latency, kbit float64) {
	t.Helper()
	tp := -1.0
	if kbit > 0 {
		tp = kbit * 1000 / 8
	}
	ctx := b.Context()
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: offline, Latency: latency, DownloadThroughput: tp, UploadThroughput: tp}}})
	require.NoError(t, err)
	// The deprecated whole-page command still throttles the page's own
	// requests where the rule-based one leaves them alone.
	_, err = chromedp.Call(ctx, emulateNetworkConditions, oldConditions{Offline: offline, Latency: latency, DownloadThroughput: tp, UploadThroughput: tp})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: offline, Latency: latency, DownloadThroughput: tp, UploadThroughput: tp})
	require.NoError(t, err)
}

type oldConditions struct {
	Offline            bool    `json:"offline"`
	Latency            float64 `json:"latency"`
	DownloadThroughput float64 `json:"downloadThroughput"`
	UploadThroughput   float64 `json:"uploadThroughput"`
}

var emulateNetworkConditions = cdp.Command[oldConditions, cdp.Empty]{Method: "Network.emulateNetworkConditions"}

// waitFor polls a JavaScript condition for up to 10 s.
func waitFor(t *testing.T, b *webtest.Browser, what, js string) {
	t.Helper()
	waitForUpTo(t, b, 10*time.Second, what, js)
}

// waitForWorker waits until the service worker controls the page. It installs
// in the background, copying the assets and the capture forms in every
// language first: on a machine busy with other tests that can take longer
// than a page load's bound.
func waitForWorker(t *testing.T, b *webtest.Browser) {
	t.Helper()
	waitForUpTo(t, b, 45*time.Second, "the service worker", `!!navigator.serviceWorker.controller`)
}

// waitForUpTo polls a JavaScript condition every 100 ms for up to limit.
func waitForUpTo(t *testing.T, b *webtest.Browser, limit time.Duration, what, js string) {
	t.Helper()
	for range int(limit / (100 * time.Millisecond)) {
		if webtest.Eval[bool](b, js) {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.Failf(t, "timed out", "waiting for %s", what)
}

func outboxCount(state string) string {
	return fmt.Sprintf(`document.querySelectorAll('#outbox-items li%s').length`, state)
}

// An officer opens the capture page, loses the connection, raises two action
// points, reports progress and moves a due date that another officer moves
// meanwhile, reloads (still offline: the outbox is intact), and comes back
// online: every item lands once, in order, with its captured time; the due
// date clash is a conflict, shown side by side and resolved.
func TestOfflineCaptureLandsOnceAndShowsTheConflict(t *testing.T) {
	site := webtest.Start(t)
	other := newOutbox(t, site)
	ap := uuid.New()
	due := time.Now().Add(10 * 24 * time.Hour).Truncate(24 * time.Hour)
	require.Equal(t, "applied", other.send("k-ap", "actionpoint.raise", map[string]any{"id": ap, "title": "Chlorinate wells in Jajarkot", "due_at": due}, -1, time.Now()).Outcome)

	b := webtest.NewBrowser(t)
	token := site.Token(t, auth.RoleOfficer)
	b.SignIn(site.Base, token)
	b.Go(site.OpPath("/capture"))
	waitForWorker(t, b)
	b.Go(site.OpPath("/capture")) // kept by the service worker as last seen

	link(t, b, true, 0, 0)
	waitFor(t, b, "offline", `!navigator.onLine`)
	capture := func(form string, fill map[string]string, n int) {
		for sel, v := range fill {
			b.Fill(form+" "+sel, v)
		}
		b.Click(form + ` button[type=submit]`)
		waitFor(t, b, fmt.Sprintf("%d items", n), outboxCount("")+fmt.Sprintf(" === %d", n))
	}
	webtest.Eval[bool](b, `(() => { document.querySelector('input[name=attendee]').checked = true; document.querySelectorAll('input[name=agreed_by]').forEach(x => x.checked = true); return true })()`)
	capture(`form[data-command="meeting"]`, map[string]string{"#meeting-title": "WASH working group, camp B", "#meeting-held": time.Now().Format("2006-01-02"),
		"#meeting-decision": "Water trucking until the wells are safe", "#meeting-decision-text": "Each component trucks water to its camps until chlorination ends."}, 4)
	capture(`form[data-command="actionpoint.raise"]`, map[string]string{"#raise-title": "Truck water to camp B"}, 5)
	capture(`form[data-command="actionpoint.raise"]`, map[string]string{"#raise-title": "Register families in camp B"}, 6)
	capture(`form[data-command="actionpoint.report_progress"]`, map[string]string{"#progress-ap": ap.String(), "#progress-percent": "30", "#progress-note": "12 of 40 wells"}, 7)
	myDue := due.AddDate(0, 0, 21)
	capture(`form[data-command="actionpoint.change_due_date"]`, map[string]string{"#due-ap": ap.String(), "#due-date": myDue.Format("2006-01-02"), "#due-reason": "the road is cut"}, 8)
	require.Equal(t, 8, webtest.Eval[int](b, outboxCount(`[data-state="waiting"]`)), "nothing is sent offline")

	theirDue := due.AddDate(0, 0, 7)
	require.Equal(t, "applied", other.send("k-theirs", "actionpoint.change_due_date", map[string]any{"id": ap, "due_at": theirDue, "reason": "chlorine arrives later"}, 1, time.Now()).Outcome)

	b.Go(site.OpPath("/capture")) // reload, still offline
	waitFor(t, b, "the outbox after a reload", outboxCount(`[data-state="waiting"]`)+" === 8")
	require.True(t, webtest.Eval[bool](b, `!!document.getElementById('stale')`), "the page says it shows an earlier state")
	fifth := webtest.Eval[string](b, `document.querySelectorAll('#outbox-items li')[4].textContent`)
	require.True(t, strings.HasPrefix(fifth, b.Text("#h-raise")+" · "), "the outbox names a change by its form, not by the command's wire name: %q", fifth)
	require.Contains(t, webtest.Eval[string](b, `document.querySelectorAll('#outbox-items li')[0].textContent`), b.Text("#h-meeting")+" (1/4)")

	t.Logf("outbox: 8 items held in %s bytes of JSON in IndexedDB", webtest.Eval[string](b, `document.getElementById('outbox-items').dataset.bytes`))

	// The session ends while offline (cookies gone): back online, nothing is
	// lost; the items wait until the officer signs in again.
	_, err := chromedp.Call(b.Context(), network.ClearBrowserCookies, cdp.Empty{})
	require.NoError(t, err)
	link(t, b, false, 0, 0)
	waitFor(t, b, "the sign-in request", `document.getElementById('outbox-status').textContent.length > 0`)
	require.Equal(t, 8, webtest.Eval[int](b, outboxCount(`[data-state="waiting"]`)), "an ended session keeps the outbox")
	b.SignIn(site.Base, token) // the same officer, a new session
	b.Go(site.OpPath("/capture"))
	waitFor(t, b, "every item sent", outboxCount(`[data-state="sent"], #outbox-items li[data-state="conflict"]`)+" === 8")
	states := webtest.Eval[string](b, `Array.from(document.querySelectorAll('#outbox-items li')).map(li => li.dataset.state).join(',')`)
	require.Equal(t, "sent,sent,sent,sent,sent,sent,sent,conflict", states)
	captured := strings.Split(webtest.Eval[string](b, `Array.from(document.querySelectorAll('#outbox-items li')).map(li => li.dataset.captured).join(',')`), ",")
	records := strings.Split(webtest.Eval[string](b, `Array.from(document.querySelectorAll('#outbox-items li')).map(li => li.dataset.record).join(',')`), ",")

	landed := []struct {
		item  int
		kind  domain.Kind
		types []string
	}{
		{0, domain.KindMeeting, []string{"meeting.scheduled.v1", "meeting.held.v1"}},
		{2, domain.KindDecision, []string{"decision.proposed.v1", "decision.adopted.v1"}},
		{4, domain.KindActionPoint, []string{"actionpoint.raised.v1"}},
		{5, domain.KindActionPoint, []string{"actionpoint.raised.v1"}},
	}
	var prev uint64
	for _, l := range landed {
		rec, events := history(t, site, domain.Ref{Kind: l.kind, ID: uuid.MustParse(records[l.item])})
		require.Equal(t, l.types, typesOf(events), "each item exactly once, in order")
		at, err := time.Parse(time.RFC3339, captured[l.item])
		require.NoError(t, err)
		require.True(t, events[0].OccurredAt.Equal(at), "occurred at the captured time")
		require.Greater(t, events[0].Position, prev, "landed in the order captured")
		prev = events[0].Position
		if a, ok := rec.(*domain.ActionPoint); ok {
			require.Equal(t, records[2], a.DecisionID.String(), "the action point carries out the decision taken offline")
		}
	}
	state, events := history(t, site, domain.Ref{Kind: domain.KindActionPoint, ID: ap})
	require.Equal(t, []string{"actionpoint.raised.v1", "actionpoint.due_date_changed.v1", "actionpoint.progress_reported.v1", "conflict.recorded.v1"}, typesOf(events))
	require.True(t, state.(*domain.ActionPoint).DueAt.Equal(theirDue), "the other officer's date is not overwritten")

	b.Go(site.OpPath("/actions/" + ap.String()))
	b.WaitText(".record-conflicts .conflict .due-theirs", theirDue.Format("2006")) // side by side on the record's page
	b.Go(site.OpPath("/conflicts"))
	require.Contains(t, b.Text(".conflict .due-theirs"), theirDue.Format("2006"))
	require.NotEmpty(t, b.Text(".conflict .due-mine"))
	b.Check(`input[value="theirs"]`)
	b.Submit(`input[value="theirs"]`)
	b.WaitText("main", "Kept the value recorded first")
	_, events = history(t, site, domain.Ref{Kind: domain.KindActionPoint, ID: ap})
	require.Equal(t, "conflict.resolved.v1", events[len(events)-1].Type)
}

// The operation home on 250 kbit/s with 400 ms round trips: usable (DOM
// ready) in at most 3 s on a first visit (empty cache), 1 s on later ones.
// The emulation throttles the page's own requests only, not the service
// worker's, so both visits bypass the worker: the later one is served by the
// HTTP cache (hashed assets are immutable) and one round trip for the HTML,
// which is what a slow link really costs; with the worker it is faster still.
func TestOperationHomeOnASlowLink(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	ctx := b.Context()
	_, err := chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
	require.NoError(t, err)
	_, err = chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{})
	require.NoError(t, err)
	link(t, b, false, 400, 250)
	visit := func() time.Duration {
		start := time.Now()
		b.Go(site.OpPath(""))
		return time.Since(start)
	}
	first := visit()
	later := visit()
	bytes := webtest.Eval[float64](b, `performance.getEntriesByType('navigation')[0].transferSize`)
	t.Logf("operation home on 250 kbit/s + 400 ms RTT: first visit %v, later visit %v (HTML %.0f bytes on the wire)", first.Round(time.Millisecond), later.Round(time.Millisecond), bytes)
	require.LessOrEqual(t, first, 3*time.Second)
	require.LessOrEqual(t, later, time.Second)
}
