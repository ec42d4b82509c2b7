package httpapi

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/followup"
)

// The follow-up loop's routes (issue 18):
//
//	GET /calendar/{token}.ics                  the iCalendar feed; the unguessable token is the credential
//	GET /api/v1/operations/{id}/follow-up      rules, reminders sent (as visible as their records), delivery
//
// Feeds are issued and revoked with the commands operation.issue_calendar_feed
// (the client draws a random token and sends its SHA-256) and
// operation.revoke_calendar_feed.

// followUpStatus is the scheduler's status, set once at start-up (FollowUp).
var followUpStatus atomic.Pointer[func() remind.Stats]

// webhookKeys derives an operation's webhook signing key, when the server
// posts webhooks at all.
var webhookKeys atomic.Pointer[func(uuid.UUID) []byte]

// WebhookKeys lets the follow-up route give an operation's officers the
// key their receiving tool checks signatures with.
func (s *Server) WebhookKeys(key func(op uuid.UUID) []byte) { webhookKeys.Store(&key) }

// FollowUp gives the API the reminder scheduler's status, shown on each
// operation's follow-up (a relay failing since when, with what error); nil
// forgets it.
func (s *Server) FollowUp(status func() remind.Stats) { followUpStatus.Store(&status) }

// Register adds collectors to /metrics (the scheduler's counters).
func (s *Server) Register(cs ...prometheus.Collector) { s.cfg.Metrics.Registry.MustRegister(cs...) }

func (s *Server) followUpRoutes(e *echo.Echo, v1 *echo.Group) {
	if s.cfg.Runner == nil {
		return
	}
	e.GET("/calendar/:token", s.calendarFeed)
	v1.GET("/operations/:id/follow-up", s.followUp)
}

// calendarFeed answers 404 alike for a token never issued and one revoked,
// so a revoked URL tells its holder nothing.
func (s *Server) calendarFeed(c echo.Context) error {
	token := strings.TrimSuffix(c.Param("token"), ".ics")
	sum := sha256.Sum256([]byte(token))
	set, err := s.currentViews(c)
	if err != nil {
		return err
	}
	feed, ok := set.FollowUp.FeedByToken(hex.EncodeToString(sum[:]))
	if !ok || token == "" {
		return errNotFound("calendar.not_found", "there is no calendar at this address (it may have been revoked)")
	}
	c.Response().Header().Set("Cache-Control", "private, max-age=300")
	return c.Blob(http.StatusOK, "text/calendar; charset=utf-8", remind.Calendar(feed, set, time.Now()))
}

// FollowUpReply is an operation's follow-up: its rules, the reminders sent
// about records the token may read, and whether mail is getting through.
type FollowUpReply struct {
	OperationID  uuid.UUID            `json:"operation_id"`
	Rules        domain.FollowUpRules `json:"rules"`
	Reminders    []followup.Sent      `json:"reminders"`
	MailFailing  bool                 `json:"mail_failing"`
	FailingSince time.Time            `json:"failing_since,omitzero"`
	LastError    string               `json:"last_error,omitempty"`
	Pending      int                  `json:"digests_pending"`
	WebhookURL   string               `json:"webhook_url,omitempty"`
	WebhookKey   string               `json:"webhook_key,omitempty"` // hex; to officers of the operation only
}

func (s *Server) followUp(c echo.Context) error {
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	reply := FollowUpReply{OperationID: op, Rules: set.FollowUp.Rules(op),
		Reminders: keepVisible(p, set.FollowUp.SentIn(op), VisibleReminder)}
	if stats, ok := FollowUpStats(); ok {
		since, failing := stats.FailingOps[op]
		reply.MailFailing, reply.FailingSince, reply.Pending = failing, since, stats.Pending
		if failing {
			reply.LastError = stats.LastError
		}
	}
	reply.WebhookURL = set.FollowUp.Webhook(op)
	if key := webhookKeys.Load(); key != nil && p.MayExecute("operation.set_webhook", op) {
		reply.WebhookKey = hex.EncodeToString((*key)(op))
	}
	if reply.Reminders == nil {
		reply.Reminders = []followup.Sent{}
	}
	return c.JSON(http.StatusOK, reply)
}

// VisibleReminder: a reminder is as restricted as the record it is about.
func VisibleReminder(p auth.Principal, r followup.Sent) (followup.Sent, bool) {
	return Visible(p, r)
}

// FollowUpStats is the scheduler's status for the web pages; false when no
// scheduler runs in this process.
func FollowUpStats() (remind.Stats, bool) {
	st := followUpStatus.Load()
	if st == nil || *st == nil {
		return remind.Stats{}, false
	}
	return (*st)(), true
}
