package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/api/web/webtest"
)

var feedURL = regexp.MustCompile(`<code>(http[^<]+/calendar/[0-9a-f]{64}\.ics)</code>`)
var keyField = regexp.MustCompile(`name="key" value="([^"]+)"`)

// TestFollowUpPage: an officer sees what the demo's overdue action points
// are due for, changes the rules, and issues then revokes a calendar feed;
// an analyst reads the page without a form.
func TestFollowUpPage(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	b.signIn(site.Token(t, auth.RoleOfficer))
	page := "/ops/" + site.Op.String() + "/follow-up"
	_, home := b.get("/ops/" + site.Op.String())
	require.Regexp(t, `[1-9]\d* reminders due now`, home, "needs attention counts the reminders due")
	require.Regexp(t, `overdue by \d+ day`, home)
	res, body := b.get(page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Due for a reminder now")
	require.Regexp(t, `overdue by \d+ day`, body, "the demo's overdue action points are due for a reminder")

	form := func(extra url.Values) url.Values {
		_, body := b.get(page)
		extra.Set("csrf", csrfField.FindStringSubmatch(body)[1])
		extra.Set("key", keyField.FindStringSubmatch(body)[1])
		return extra
	}
	res, _ = b.post(page+"/rules", form(url.Values{"remind_before_days": {"9"}, "overdue_every_days": {"2"},
		"acknowledge_days": {"1"}, "answer_days": {"3"}, "minutes_days": {"4"}, "decision_idle_days": {"20"}, "reason": {"emergency"}}))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, body = b.get(page)
	require.Contains(t, body, `name="remind_before_days" type="number" min="0" max="365" value="9"`)

	res, body = b.post(page+"/feeds", form(url.Values{"label": {"Outlook of the MCO"}}))
	require.Equal(t, http.StatusOK, res.StatusCode)
	m := feedURL.FindStringSubmatch(body)
	require.Len(t, m, 2, "the feed's address is shown once")
	cal, err := http.Get(m[1])
	require.NoError(t, err)
	ics, _ := io.ReadAll(cal.Body)
	cal.Body.Close()
	require.Equal(t, http.StatusOK, cal.StatusCode)
	require.Contains(t, string(ics), "BEGIN:VCALENDAR\r\n")
	_, body = b.get(page)
	require.NotContains(t, body, m[1], "shown only once")
	revoke := regexp.MustCompile(`action="(/ops/[^"]+/follow-up/feeds/[^"]+/revoke)"`).FindStringSubmatch(body)
	require.Len(t, revoke, 2)
	res, _ = b.post(revoke[1], form(url.Values{"reason": {"leaked"}}))
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	cal, err = http.Get(m[1])
	require.NoError(t, err)
	cal.Body.Close()
	require.Equal(t, http.StatusNotFound, cal.StatusCode)

	analyst := newBrowser(t, site.Base)
	analyst.signIn(site.Token(t, auth.RoleAnalyst))
	res, body = analyst.get(page)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.NotContains(t, body, "<form method=\"post\" action=\""+page)
}

// TestMailFailureIsShown: when the relay refuses an operation's digests,
// its home page and follow-up page say so, with since when.
func TestMailFailureIsShown(t *testing.T) {
	site := webtest.Start(t)
	since := time.Date(2026, 3, 4, 7, 0, 0, 0, time.UTC)
	var api *httpapi.Server // the status is the process's, whichever server registers it
	api.FollowUp(func() remind.Stats {
		return remind.Stats{FailingOps: map[uuid.UUID]time.Time{site.Op: since}, LastError: "535 5.7.8 authentication failed", Pending: 2}
	})
	t.Cleanup(func() { api.FollowUp(nil) })
	b := newBrowser(t, site.Base)
	b.signIn(site.Token(t, auth.RoleOfficer))
	for _, page := range []string{"", "/follow-up"} {
		_, body := b.get("/ops/" + site.Op.String() + page)
		require.Contains(t, body, "are not getting through since", page)
		require.Contains(t, body, "2026", page)
	}
	_, body := b.get("/ops/" + site.Op.String() + "/follow-up")
	require.Contains(t, body, "535 5.7.8 authentication failed")
}
