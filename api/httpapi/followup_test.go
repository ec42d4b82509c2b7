package httpapi_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// The contract check reads a calendar as the plain text it is.
func init() { openapi3filter.RegisterBodyDecoder("text/calendar", openapi3filter.PlainBodyDecoder) }

// ics is a calendar checked strictly against RFC 5545: CRLF line ends,
// content lines of at most 75 octets folded with a leading space, never
// inside a UTF-8 sequence; then unfolded into components.
type ics struct {
	props  map[string][]string // of the VCALENDAR
	events []map[string][]string
}

var utcTime = regexp.MustCompile(`^\d{8}T\d{6}Z$`)

func parseICS(t *testing.T, body string) ics {
	t.Helper()
	require.True(t, strings.HasSuffix(body, "\r\n"), "ends with CRLF")
	raw := strings.Split(strings.TrimSuffix(body, "\r\n"), "\r\n")
	var lines []string
	for _, l := range raw {
		require.NotContains(t, l, "\n", "a bare LF")
		require.LessOrEqual(t, len(l), 75, "a line over 75 octets: %q", l)
		require.True(t, utf8Valid(l), "a fold inside a UTF-8 sequence: %q", l)
		if strings.HasPrefix(l, " ") {
			require.NotEmpty(t, lines, "a continuation first")
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	require.Equal(t, "BEGIN:VCALENDAR", lines[0])
	require.Equal(t, "END:VCALENDAR", lines[len(lines)-1])
	out := ics{props: map[string][]string{}}
	var ev map[string][]string
	for _, l := range lines[1 : len(lines)-1] {
		name, value, ok := strings.Cut(l, ":")
		require.True(t, ok, "a content line without a colon: %q", l)
		switch {
		case l == "BEGIN:VEVENT":
			require.Nil(t, ev, "nested VEVENT")
			ev = map[string][]string{}
		case l == "END:VEVENT":
			require.NotNil(t, ev)
			out.events = append(out.events, ev)
			ev = nil
		case ev != nil:
			ev[name] = append(ev[name], unescape(value))
		default:
			out.props[name] = append(out.props[name], value)
		}
	}
	require.Equal(t, []string{"2.0"}, out.props["VERSION"])
	require.Len(t, out.props["PRODID"], 1)
	uids := map[string]bool{}
	for _, e := range out.events {
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART"} {
			require.Len(t, e[p], 1, "one %s per event", p)
		}
		for _, p := range []string{"DTSTAMP", "DTSTART", "DTEND"} {
			require.Regexp(t, utcTime, e[p][0], "%s in UTC", p)
		}
		require.False(t, uids[e["UID"][0]], "UIDs are unique")
		uids[e["UID"][0]] = true
	}
	return out
}

func utf8Valid(s string) bool { return strings.ToValidUTF8(s, "\uFFFD") == s }

func unescape(v string) string {
	return strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n").Replace(v)
}

func (c ics) summaries() []string {
	var out []string
	for _, e := range c.events {
		out = append(out, e["SUMMARY"][0])
	}
	return out
}

func newFeedToken(t *testing.T) (token, hash string) {
	t.Helper()
	b := make([]byte, 32)
	_, err := rand.Read(b)
	require.NoError(t, err)
	token = hex.EncodeToString(b)
	sum := sha256.Sum256([]byte(token))
	return token, hex.EncodeToString(sum[:])
}

func (e *env) calendar(token string, want int) httpapitest.Reply {
	e.t.Helper()
	var r httpapitest.Reply
	require.Eventually(e.t, func() bool {
		r = e.get("", "/calendar/"+token+".ics")
		return r.Status == want
	}, 5*time.Second, 20*time.Millisecond, "GET /calendar answers %d", want)
	return r
}

// TestCalendarFeed: an operation's feed and a component's parse as strict
// RFC 5545, hold the due dates and meetings (no restricted record), and a
// revoked feed answers 404 like one never issued.
func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	due := time.Now().Add(72 * time.Hour).UTC().Truncate(time.Second)
	long := "Réhabilitation des points d'eau, quartier nord; lot 2, avec les comités locaux — suivi hebdomadaire ☂"
	e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(), "title": long,
		"owner_component_id": e.hns, "due_at": due})
	e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(), "title": "Fuel for PNS trucks",
		"owner_component_id": e.pns, "due_at": due})
	e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(), "title": "Security incident review",
		"owner_component_id": e.hns, "due_at": due, "classification": "restricted"})
	e.created("meeting.schedule", map[string]any{"operation_id": e.op, "id": recorder.NewID(), "mechanism_id": e.mech,
		"title": "Health TWG #4", "scheduled_for": due, "location": "Gaziantep, hall B"})

	opToken, opHash := newFeedToken(t)
	feed := uuid.New()
	r := e.cmd(e.officer, "operation.issue_calendar_feed", map[string]any{"id": e.op, "feed_id": feed, "token_sha256": opHash})
	require.Less(t, r.Status, 300, "%s", r.Body)
	compToken, compHash := newFeedToken(t)
	r = e.cmd(e.officer, "operation.issue_calendar_feed", map[string]any{"id": e.op, "feed_id": uuid.New(),
		"token_sha256": compHash, "component_id": e.pns})
	require.Less(t, r.Status, 300, "%s", r.Body)

	reply := e.calendar(opToken, http.StatusOK)
	require.Contains(t, reply.Header.Get("Content-Type"), "text/calendar")
	cal := parseICS(t, string(reply.Body))
	require.ElementsMatch(t, []string{"Due: " + long, "Due: Fuel for PNS trucks", "Health TWG #4"}, cal.summaries())
	require.NotContains(t, string(reply.Body), "Security incident")
	for _, ev := range cal.events {
		require.Equal(t, due.Format("20060102T150405Z"), ev["DTSTART"][0])
	}

	comp := parseICS(t, string(e.calendar(compToken, http.StatusOK).Body))
	require.ElementsMatch(t, []string{"Due: Fuel for PNS trucks"}, comp.summaries(), "PNS is no member of the TWG")

	r = e.cmd(e.officer, "operation.revoke_calendar_feed", map[string]any{"id": e.op, "feed_id": feed, "reason": "URL shared by mistake"})
	require.Less(t, r.Status, 300, "%s", r.Body)
	gone := e.calendar(opToken, http.StatusNotFound)
	unknown := e.calendar(strings.Repeat("0", 64), http.StatusNotFound)
	require.Equal(t, httpapitest.ProblemOf(t, unknown).Code, httpapitest.ProblemOf(t, gone).Code, "revoked reads as never issued")
	e.calendar(compToken, http.StatusOK) // the other feed still answers
}

// TestFollowUpRoute: an operation's follow-up shows its rules (the
// defaults, then the officers' own) and is refused to another operation's
// officer.
func TestFollowUpRoute(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := fmt.Sprintf("/api/v1/operations/%s/follow-up", e.op)
	r := e.get(e.officer, path)
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	got := httpapitest.Decode[httpapi.FollowUpReply](t, r)
	require.Equal(t, 3, got.Rules.RemindBeforeDays)
	require.Empty(t, got.Reminders)
	res := e.cmd(e.officer, "operation.set_followup_rules", map[string]any{"id": e.op, "remind_before_days": 5,
		"overdue_every_days": 2, "reason": "emergency phase"})
	require.Less(t, res.Status, 300, "%s", res.Body)
	require.Eventually(t, func() bool {
		return httpapitest.Decode[httpapi.FollowUpReply](t, e.get(e.officer, path)).Rules.RemindBeforeDays == 5
	}, 5*time.Second, 20*time.Millisecond)
	other := e.get(e.stranger, fmt.Sprintf("/api/v1/operations/%s/escalations", e.op)).Status
	require.GreaterOrEqual(t, other, 400)
	require.Equal(t, other, e.get(e.stranger, path).Status, "refused as the other registers are")
}
