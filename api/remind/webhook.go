package remind

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Hook is one post to an operation's webhook: the reminders of a tick.
type Hook struct {
	OperationID uuid.UUID  `json:"operation_id"`
	URL         string     `json:"-"`
	Delivery    string     `json:"delivery"` // the same for the same reminders, on any server; receivers drop a repeat
	Reminders   []HookItem `json:"reminders"`
}

// HookItem is a reminder as another tool reads it: ids, no addresses, no
// names; the record's title only when it is public or Movement-internal.
type HookItem struct {
	Record      domain.Ref          `json:"record"`
	Rule        domain.ReminderRule `json:"rule"`
	Occurrence  int                 `json:"occurrence"`
	ComponentID uuid.UUID           `json:"component_id"`
	Title       string              `json:"title,omitempty"`
	Days        int                 `json:"days"`
	Since       time.Time           `json:"since"`
}

// Poster delivers a Hook.
type Poster interface {
	Post(ctx context.Context, h Hook) error
}

// Webhook posts hooks as JSON signed with HMAC-SHA256. Each operation has
// its own key, derived from the server's secret (WebhookKey), so one
// operation's receiver cannot forge another's. The signature covers the
// timestamp and the body: X-Ledger-Signature: sha256=hex(HMAC(key, ts "." body)).
type Webhook struct {
	Secret []byte
	Client *http.Client // nil: a client with a 10 s timeout
}

// WebhookKey is the operation's signing key, which its receiver is given.
func WebhookKey(secret []byte, op uuid.UUID) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("ledger webhook key\x00" + op.String()))
	return m.Sum(nil)
}

// Sign is the signature header's value of a body at a timestamp.
func Sign(key []byte, timestamp string, body []byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(timestamp + "."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Post sends one hook; any answer but 2xx is a failure, retried.
func (w *Webhook) Post(ctx context.Context, h Hook) error {
	body, err := json.Marshal(h)
	if err != nil {
		return err
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Ledger-Timestamp", ts)
	req.Header.Set("X-Ledger-Delivery", h.Delivery)
	req.Header.Set("X-Ledger-Signature", Sign(WebhookKey(w.Secret, h.OperationID), ts, body))
	client := w.Client
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", h.URL, err)
	}
	resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("webhook %s answered %s", h.URL, resp.Status)
	}
	return nil
}
