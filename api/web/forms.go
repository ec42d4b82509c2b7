package web

import (
	"errors"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// newFormKey is the idempotency key a form is rendered with: sending the
// same form twice (a double click, a retry on a poor connection) writes once.
func newFormKey() string { return "web-" + uuid.NewString() }

// formKey is the key the form came back with, or a fresh one.
func formKey(c echo.Context) string {
	if k := strings.TrimSpace(c.FormValue("key")); strings.HasPrefix(k, "web-") && len(k) <= 80 {
		return k
	}
	return newFormKey()
}

// problem is a write refused, in the person's language: the domain's code
// picks the message ("problem.<code>"), the field its label ("field.<name>");
// a code with no translation shows the domain's own (English) message.
func (p *Page) problem(err error) string {
	var de *domain.Error
	if !errors.As(err, &de) {
		switch {
		case errors.Is(err, ErrForbidden):
			return p.T("error.forbidden")
		case errors.Is(err, recorder.ErrKeyReused):
			return p.T("problem.key_reused")
		}
		return p.T("error.internal")
	}
	field := ""
	if de.Field != "" {
		field = p.Field(de.Field)
	}
	msg := p.T("problem."+de.Code, "Field", field)
	if msg == "problem."+de.Code {
		return de.Message
	}
	return msg
}

// isRefusal reports whether a write was refused by a rule (shown beside the
// form) rather than failed (an error page).
func isRefusal(err error) bool {
	var de *domain.Error
	return errors.As(err, &de) || errors.Is(err, ErrForbidden) || errors.Is(err, recorder.ErrKeyReused)
}

// formUUID parses an optional id field.
func formUUID(c echo.Context, name string) uuid.UUID {
	id, _ := uuid.Parse(strings.TrimSpace(c.FormValue(name)))
	return id
}

// parseDue reads a yyyy-mm-dd field as the end of that day's working hours
// (17:00 UTC), which is what "due on the 20th" means to an officer.
func parseDue(v string) time.Time {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(v))
	if err != nil {
		return time.Time{}
	}
	return t.Add(17 * time.Hour)
}

// parseDateTime reads a datetime-local field (UTC).
func parseDateTime(v string) time.Time {
	v = strings.TrimSpace(v)
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t
		}
	}
	return time.Time{}
}
