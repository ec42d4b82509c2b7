package server

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// Follow-up defaults: the scheduler looks for due reminders every
// DefaultFollowUpEvery and mails the day's digests at DefaultDigestAt (UTC).
const (
	DefaultFollowUpEvery = 15 * time.Minute
	DefaultDigestAt      = 7 * time.Hour
)

// startFollowUp runs the reminder scheduler beside the API: it records the
// reminders due and, with --smtp, mails them as one digest per person a
// day; with LEDGER_WEBHOOK_SECRET set, it posts them to the operations'
// webhooks, signed. Its counters are on /metrics. stop ends it. Options without
// FollowUpEvery (tests that build a server) run no scheduler; `ledger
// serve` runs it every DefaultFollowUpEvery unless told otherwise. It sends
// only while held says this server holds the reminders lease (lease.go).
func startFollowUp(o Options, svc *recorder.Service, runner *projections.Runner, api *httpapi.Server, held func() bool) (stop func(), err error) {
	if o.FollowUpEvery <= 0 {
		return func() {}, nil
	}
	var mail remind.Mailer
	if o.SMTP != "" {
		relay, err := remind.ParseSMTP(o.SMTP, o.SMTPFrom)
		if err != nil {
			return nil, err
		}
		mail = relay
	}
	every := o.FollowUpEvery
	var hook remind.Poster
	if secret := os.Getenv("LEDGER_WEBHOOK_SECRET"); secret != "" {
		hook = &remind.Webhook{Secret: []byte(secret)}
		api.WebhookKeys(func(op uuid.UUID) []byte { return remind.WebhookKey([]byte(secret), op) })
	}
	sender := remind.New(remind.Config{Service: svc, Mail: mail, Webhook: hook, Log: o.Logger,
		Views:   func() (*readmodel.Set, error) { return readmodel.Current(runner) },
		WaitFor: runner.WaitFor, SendAt: sendAt(o.DigestAt)})
	api.Register(followUpMetrics(sender)...)
	api.FollowUp(sender.Status)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if !waitReady(ctx, runner) {
			return
		}
		runWhileHeld(ctx, sender, every, held, o)
	}()
	if mail != nil && o.DigestAt >= 0 {
		fmt.Fprintf(o.Out, "ledger: follow-up digests go through %s every day at %s UTC\n", o.SMTP, time.Time{}.Add(o.DigestAt).Format("15:04"))
	}
	return func() { cancel(); <-done }, nil
}

// runWhileHeld ticks the sender every interval while this server holds
// the reminders lease; the others skip their ticks.
func runWhileHeld(ctx context.Context, sender *remind.Sender, every time.Duration, held func() bool, o Options) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if held() {
			if _, err := sender.Tick(ctx); err != nil && ctx.Err() == nil {
				o.Logger.Warn("follow-up tick", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sendAt is when the digests go out: daily at the given time, or, for a
// negative one, as soon as their reminders are recorded.
func sendAt(digestAt time.Duration) func(time.Time) time.Time {
	if digestAt < 0 {
		return nil
	}
	return remind.NextDaily(digestAt)
}

// waitReady holds the scheduler until the views have caught up with the
// log: due reminders computed from half-built views would be wrong.
func waitReady(ctx context.Context, runner *projections.Runner) bool {
	for !runner.Ready() {
		select {
		case <-ctx.Done():
			return false
		case <-time.After(time.Second):
		}
	}
	return true
}

func followUpMetrics(s *remind.Sender) []prometheus.Collector {
	counter := func(name, help string, f func(remind.Stats) int) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return float64(f(s.Status())) })
	}
	return []prometheus.Collector{
		counter("ledger_followup_ticks_total", "Times the follow-up scheduler looked for reminders due.", func(st remind.Stats) int { return st.Ticks }),
		counter("ledger_reminders_recorded_total", "Reminders this server recorded (reminder.sent.v1).", func(st remind.Stats) int { return st.Recorded }),
		counter("ledger_reminders_duplicate_total", "Reminders found already recorded by another server or before a restart.", func(st remind.Stats) int { return st.Duplicates }),
		counter("ledger_reminders_record_errors_total", "Reminders whose write failed; due again at the next tick.", func(st remind.Stats) int { return st.RecordErrors }),
		counter("ledger_digests_delivered_total", "Follow-up digests the SMTP relay accepted.", func(st remind.Stats) int { return st.Delivered }),
		counter("ledger_digest_delivery_failures_total", "Failed attempts to hand a digest to the SMTP relay.", func(st remind.Stats) int { return st.DeliveryFails }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ledger_digests_pending", Help: "Digests waiting to be sent or retried."},
			func() float64 { return float64(s.Status().Pending) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ledger_followup_operations_mail_failing", Help: "Operations with a digest the relay has refused so far."},
			func() float64 { return float64(len(s.Status().FailingOps)) }),
	}
}
