package domain

import (
	"net/url"

	"github.com/google/uuid"
)

// OperationWebhookSet points the operation's reminders at another tool: each
// tick's new reminders are posted there as JSON, signed with HMAC-SHA256
// under a key the server derives for this operation (never in the log).
type OperationWebhookSet struct {
	URL string `json:"url" doc:"http(s) address the reminders are posted to"`
}

// OperationWebhookRemoved stops posting reminders.
type OperationWebhookRemoved struct {
	Reason string `json:"reason" doc:"why the webhook was removed"`
}

func (OperationWebhookSet) EventType() string     { return "operation.webhook_set.v1" }
func (OperationWebhookRemoved) EventType() string { return "operation.webhook_removed.v1" }

var webhookEvents = []eventSpec{
	spec[OperationWebhookSet](KindOperation, "The operation's reminders are posted to a webhook."),
	spec[OperationWebhookRemoved](KindOperation, "The operation's reminders are no longer posted to a webhook."),
}

// SetWebhook sets (or replaces) the operation's webhook.
type SetWebhook struct {
	Header
	ID  uuid.UUID `json:"id"`
	URL string    `json:"url"`
}

func (c SetWebhook) Target() Ref { return Ref{KindOperation, c.ID} }

func (c SetWebhook) decide(*Scope) ([]Payload, error) {
	u, err := url.Parse(c.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.User != nil {
		return nil, ErrInvalid.at("url", "the webhook is an absolute http(s) address without credentials in it")
	}
	return one(OperationWebhookSet{URL: c.URL})
}

// RemoveWebhook stops posting the operation's reminders.
type RemoveWebhook struct {
	Header
	ID     uuid.UUID `json:"id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c RemoveWebhook) Target() Ref { return Ref{KindOperation, c.ID} }

func (c RemoveWebhook) decide(s *Scope) ([]Payload, error) {
	if !webhookSet(s.Op) {
		return nil, ErrWrongState.withf("the operation has no webhook")
	}
	return one(OperationWebhookRemoved{Reason: c.Reason})
}

// webhookSet reads the operation's history: the last word on its webhook.
func webhookSet(op *Operation) bool {
	set := false
	for _, ev := range op.history {
		switch ev.Payload.(type) {
		case OperationWebhookSet:
			set = true
		case OperationWebhookRemoved:
			set = false
		}
	}
	return set
}
