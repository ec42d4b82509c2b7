package remind_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/domain"
)

type hookReceiver struct {
	mu       sync.Mutex
	failNext int
	attempts []string // X-Ledger-Delivery of every post, refused ones too
	posts    []remind.Hook
	bodies   []string
	key      []byte
	t        *testing.T
}

func (h *hookReceiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.attempts = append(h.attempts, r.Header.Get("X-Ledger-Delivery"))
	if h.failNext > 0 {
		h.failNext--
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	if remind.Sign(h.key, r.Header.Get("X-Ledger-Timestamp"), body) != r.Header.Get("X-Ledger-Signature") {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var got remind.Hook
	if json.Unmarshal(body, &got) != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	h.posts, h.bodies = append(h.posts, got), append(h.bodies, string(body))
}

// TestWebhookSignedAndRetried: the operation's webhook receives the tick's
// reminders in one post, signed with the operation's own key, with ids and
// no addresses; a receiver that fails gets the same post again later.
func TestWebhookSignedAndRetried(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t, day0)
	s := w.scenario()
	secret := []byte("server webhook secret")
	rcv := &hookReceiver{key: remind.WebhookKey(secret, s.op), failNext: 1, t: t}
	ts := httptest.NewServer(rcv)
	t.Cleanup(ts.Close)
	w.run(domain.SetWebhook{Header: w.hdr(s.op), ID: s.op, URL: ts.URL + "/hooks"})
	srv := w.server(&inbox{})
	srv.sender = remind.New(remind.Config{Service: w.svc, Views: srv.views, Mail: &inbox{}, Clock: w.clock.Now,
		Webhook: &remind.Webhook{Secret: secret}})

	w.clock.Set(tick(0))
	_, err := srv.sender.Tick(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, srv.sender.Status().DeliveryFails, "the first post was refused")
	w.clock.Set(tick(0).Add(2 * time.Minute))
	_, err = srv.sender.Tick(ctx)
	require.NoError(t, err)

	rcv.mu.Lock()
	defer rcv.mu.Unlock()
	require.Len(t, rcv.posts, 1, "one post, delivered once after the retry")
	post := rcv.posts[0]
	require.Equal(t, s.op, post.OperationID)
	// Day 0 (see expected()): AP2 is due soon, for its owner HNS.
	require.Len(t, post.Reminders, 1)
	require.Equal(t, s.ap2, post.Reminders[0].Record.ID)
	require.Equal(t, domain.RuleDueSoon, post.Reminders[0].Rule)
	require.Equal(t, s.hns, post.Reminders[0].ComponentID)
	require.NotContains(t, rcv.bodies[0], "@", "no address")
	require.NotContains(t, rcv.bodies[0], "Amina", "no name")

	var hooks int
	for rec, err := range w.store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		if ev, err := domain.DecodePayload(rec.Type, rec.Data); err == nil {
			if r, ok := ev.(domain.ReminderSent); ok && r.Channel == domain.ChannelWebhook {
				hooks++
			}
		}
	}
	require.Equal(t, 1, hooks, "the webhook reminder is recorded once, with its channel")
}
