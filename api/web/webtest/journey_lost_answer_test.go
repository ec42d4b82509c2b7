package webtest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/domain"
)

// lostAnswers lets every request matching a URL pattern reach the server and
// drops the first answer on its way back (the connection is reset after the
// server wrote), as a link that cuts out at the wrong moment does. It keeps
// the Idempotency-Key of every request it saw.
type lostAnswers struct {
	mu   sync.Mutex
	keys []string
	errs []error
}

func dropFirstAnswer(t *testing.T, b *webtest.Browser, pattern string) *lostAnswers {
	t.Helper()
	ctx, cancel := context.WithCancel(b.Context())
	t.Cleanup(cancel)
	l := &lostAnswers{}
	paused := chromedp.Events(ctx, fetch.RequestPaused) // subscribed before the interception starts
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: pattern, RequestStage: fetch.RequestStageResponse}}})
	require.NoError(t, err)
	go func() {
		for ev, err := range paused {
			if err != nil {
				return
			}
			if l.seen(ev) == 1 {
				_, err = chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonConnectionReset})
			} else {
				_, err = chromedp.Call(ctx, fetch.ContinueResponse, fetch.ContinueResponseParams{RequestID: ev.RequestID})
			}
			if err != nil && ctx.Err() == nil {
				l.failed(err)
			}
		}
	}()
	return l
}

// seen records a paused answer's request key and says how many came so far.
func (l *lostAnswers) seen(ev fetch.EventRequestPaused) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	key := ""
	for name, v := range ev.Request.Headers {
		if strings.EqualFold(name, "Idempotency-Key") {
			key, _ = v.(string)
		}
	}
	l.keys = append(l.keys, key)
	return len(l.keys)
}

func (l *lostAnswers) failed(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.errs = append(l.errs, err)
}

// waitSent waits up to 10 s until n answers were paused.
func (l *lostAnswers) waitSent(t *testing.T, n int) {
	t.Helper()
	for range 300 { // up to 30 s: the outbox's own retry waits 10 s
		if keys, _ := l.sent(); len(keys) >= n {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	require.Failf(t, "timed out", "waiting for %d requests", n)
}

// sent is the keys of the requests whose answers were paused, and the
// errors the interception met.
func (l *lostAnswers) sent() ([]string, []error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.keys...), append([]error(nil), l.errs...)
}

// actionPointsTitled reads the operation's action-point register through the
// API, as the admin, every page of it, and returns the ids of the rows with
// the title.
func actionPointsTitled(t *testing.T, site *webtest.Site, title string) []uuid.UUID {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	var ids []uuid.UUID
	cursor := ""
	for {
		req, _ := http.NewRequest(http.MethodGet, site.Base+"/api/v1/operations/"+site.Op.String()+"/action-points?cursor="+url.QueryEscape(cursor), nil)
		req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(b)))
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		var page struct {
			Items []struct {
				ID    uuid.UUID `json:"id"`
				Title string    `json:"title"`
			} `json:"items"`
			NextCursor string `json:"next_cursor"`
		}
		err = json.NewDecoder(res.Body).Decode(&page)
		res.Body.Close()
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode)
		for _, row := range page.Items {
			if row.Title == title {
				ids = append(ids, row.ID)
			}
		}
		if page.NextCursor == "" {
			return ids
		}
		cursor = page.NextCursor
	}
}

// A lost answer: an officer raises an action point online; the server writes
// it but the answer never reaches the page (the connection resets on the way
// back). The outbox keeps the item waiting; the officer presses "send now";
// the same item goes again with the same Idempotency-Key and the server
// recognises it: the action point exists once, raised once in its audit
// trail, and the outbox shows the item sent.
func TestOfflineLostAnswerIsNotDuplicated(t *testing.T) {
	site, b, lost, title := raiseWithTheAnswerLost(t, "Repair the pump at camp C")
	lost.waitSent(t, 1)
	keys, errs := lost.sent()
	require.Empty(t, errs)
	require.Len(t, keys, 1, "the item was sent once")
	waitFor(t, b, "the item waiting again", outboxCount(`[data-state="waiting"]`)+" === 1")
	require.Len(t, actionPointsTitled(t, site, title), 1, "the server wrote it although the page heard nothing")

	b.Click(`[data-outbox-send]`) // as a person does when an item stays waiting
	waitFor(t, b, "the item sent", outboxCount(`[data-state="sent"]`)+" === 1")

	ids := actionPointsTitled(t, site, title)
	require.Len(t, ids, 1, "the action point exists once")
	require.Equal(t, ids[0].String(), b.Attr(`#outbox-items li`, "data-record"), "the answer names the record written the first time")
	_, events := history(t, site, domain.Ref{Kind: domain.KindActionPoint, ID: ids[0]})
	require.Equal(t, []string{"actionpoint.raised.v1"}, typesOf(events), "raised once")
	require.Equal(t, 1, webtest.Eval[int](b, outboxCount("")), "one item in the outbox")
	waitFor(t, b, "the outbox read", `window.__items = null, window.ledgerOutbox.all().then(xs => window.__items = xs), true`)
	waitFor(t, b, "the outbox read", `window.__items !== null`)
	require.Equal(t, "duplicate", webtest.Eval[string](b, `window.__items[0].answer.outcome`), "the server recognised the retry")

	keys, errs = lost.sent()
	require.Empty(t, errs)
	require.Len(t, keys, 2, "the item was sent twice")
	require.NotEmpty(t, keys[0])
	require.Equal(t, keys[0], keys[1], "the retry carries the same Idempotency-Key")
	require.Equal(t, keys[0], b.Attr(`#outbox-items li`, "data-key"), "the outbox's own key")
}

// The same lost answer on a link that never says it is offline: nobody
// presses "send now", and the outbox tries again by itself (after 10 s), with
// the same key, and the action point still exists once.
func TestOfflineLostAnswerIsRetriedByItself(t *testing.T) {
	site, b, lost, title := raiseWithTheAnswerLost(t, "Refill the water tank at camp D")
	lost.waitSent(t, 2) // the first, dropped, and the outbox's own retry
	waitFor(t, b, "the item sent", outboxCount(`[data-state="sent"]`)+" === 1")

	keys, errs := lost.sent()
	require.Empty(t, errs)
	require.Len(t, keys, 2)
	require.Equal(t, keys[0], keys[1], "the retry carries the same Idempotency-Key")
	require.Len(t, actionPointsTitled(t, site, title), 1, "the action point exists once")
}

// raiseWithTheAnswerLost signs an officer in on the capture page, arranges
// for the first answer of the outbox to be lost on its way back, and raises
// an action point titled title plus a suffix of its own, returned.
func raiseWithTheAnswerLost(t *testing.T, title string) (*webtest.Site, *webtest.Browser, *lostAnswers, string) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	b.Go(site.OpPath("/capture"))
	waitFor(t, b, "the draft owned", `document.documentElement.dataset.draft === 'owned'`)
	lost := dropFirstAnswer(t, b, "*/ops/"+site.Op.String()+"/outbox")
	title += " " + uuid.NewString()[:8]
	b.Fill(`form[data-command="actionpoint.raise"] #raise-title`, title)
	b.Click(`form[data-command="actionpoint.raise"] button[type=submit]`)
	return site, b, lost, title
}
