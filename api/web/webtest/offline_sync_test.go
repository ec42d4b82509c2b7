package webtest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/scripts/demo"
)

// outboxClient is an officer's outbox talking to the server as the
// service worker's page script does: one form post per item.
type outboxClient struct {
	*client
	site *webtest.Site
	csrf string
}

func newOutbox(t *testing.T, site *webtest.Site) *outboxClient {
	c := signedIn(t, site, site.Token(t, auth.RoleOfficer))
	page := c.plain(site.OpPath("/conflicts"))
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page)
	require.Len(t, m, 2)
	return &outboxClient{client: c, site: site, csrf: m[1]}
}

type answer struct {
	Outcome    string     `json:"outcome"`
	Record     domain.Ref `json:"record"`
	Version    uint64     `json:"version"`
	ConflictID uuid.UUID  `json:"conflict_event_id"`
	Message    string     `json:"message"`
}

// send posts one outbox item; seen < 0 sends none (a new record).
func (o *outboxClient) send(key, command string, body any, seen int, captured time.Time) answer {
	b, err := json.Marshal(body)
	require.NoError(o.t, err)
	form := url.Values{"csrf": {o.csrf}, "command": {command}, "body": {string(b)},
		"captured_at": {captured.UTC().Format(time.RFC3339)}, "device": {"test-phone"}}
	if seen >= 0 {
		form.Set("seen_version", fmt.Sprint(seen))
	}
	req, _ := http.NewRequest(http.MethodPost, o.site.OpPath("/outbox"), strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Idempotency-Key", key)
	res, err := o.http.Do(req)
	require.NoError(o.t, err)
	defer res.Body.Close()
	var a answer
	require.NoError(o.t, json.NewDecoder(res.Body).Decode(&a))
	require.Equal(o.t, http.StatusOK, res.StatusCode, a.Message)
	return a
}

// history reads the record as the ledger holds it, through the API: its
// state and its audit trail.
func history(t *testing.T, site *webtest.Site, ref domain.Ref) (domain.Aggregate, []audit.Record) {
	b, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	admin := strings.TrimSpace(string(b))
	agg, err := demo.NewClient(site.Base, admin).Load(context.Background(), ref)
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, site.Base+"/api/v1/audit/"+string(ref.Kind)+"/"+ref.ID.String(), nil)
	req.Header.Set("Authorization", "Bearer "+admin)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	var trail audit.Result
	require.NoError(t, json.NewDecoder(res.Body).Decode(&trail))
	return agg, trail.Records
}

func typesOf(recs []audit.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Type
	}
	return out
}

// The outbox's sync: a retry after a lost answer is recognised, never
// written twice; an addition that meets a newer version is applied on it;
// a due-date change that meets another officer's is recorded as a conflict
// holding both values, not written over it; resolving it records who chose
// what. Captured times are the events' occurred times.
func TestOutboxSyncAppliesOnceAndRecordsConflicts(t *testing.T) {
	site := webtest.Start(t)
	mine, theirs := newOutbox(t, site), newOutbox(t, site)
	ap := uuid.New()
	ref := domain.Ref{Kind: domain.KindActionPoint, ID: ap}
	captured := time.Now().Add(-2 * time.Hour).Truncate(time.Second)
	due := time.Now().Add(10 * 24 * time.Hour).Truncate(24 * time.Hour)

	raised := mine.send("k-raise", "actionpoint.raise", map[string]any{"id": ap, "title": "Water trucking to camp B", "due_at": due}, -1, captured)
	require.Equal(t, "applied", raised.Outcome)
	progress := map[string]any{"id": ap, "percent": 20, "note": "two trucks hired"}
	first := mine.send("k-progress", "actionpoint.report_progress", progress, 1, captured.Add(time.Minute))
	require.Equal(t, "applied", first.Outcome)
	retry := mine.send("k-progress", "actionpoint.report_progress", progress, 1, captured.Add(time.Minute))
	require.Equal(t, "duplicate", retry.Outcome, "the answer was lost; the retry is recognised")
	require.Equal(t, first.Version, retry.Version)

	theirDue, myDue := due.Add(7*24*time.Hour), due.Add(14*24*time.Hour)
	other := theirs.send("k-theirs", "actionpoint.change_due_date", map[string]any{"id": ap, "due_at": theirDue, "reason": "convoy delayed"}, int(first.Version), time.Now())
	require.Equal(t, "applied", other.Outcome)
	change := map[string]any{"id": ap, "due_at": myDue, "reason": "rains"}
	clash := mine.send("k-mine", "actionpoint.change_due_date", change, int(first.Version), captured.Add(2*time.Minute))
	require.Equal(t, "conflict", clash.Outcome)
	require.NotEqual(t, uuid.Nil, clash.ConflictID)
	again := mine.send("k-mine", "actionpoint.change_due_date", change, int(first.Version), captured.Add(2*time.Minute))
	require.Equal(t, "duplicate", again.Outcome, "the conflict is recorded once")
	addition := mine.send("k-progress-2", "actionpoint.report_progress", map[string]any{"id": ap, "percent": 40, "note": "half delivered"}, int(first.Version), captured.Add(3*time.Minute))
	require.Equal(t, "on_newer", addition.Outcome, "an addition is applied on the current version")

	ap1, events := history(t, site, ref)
	require.Equal(t, []string{"actionpoint.raised.v1", "actionpoint.progress_reported.v1", "actionpoint.due_date_changed.v1",
		"conflict.recorded.v1", "actionpoint.progress_reported.v1"}, typesOf(events), "each item exactly once, in order")
	require.True(t, ap1.(*domain.ActionPoint).DueAt.Equal(theirDue), "nothing is written over the newer due date")
	for i, at := range map[int]time.Time{0: captured, 1: captured.Add(time.Minute), 3: captured.Add(2 * time.Minute), 4: captured.Add(3 * time.Minute)} {
		require.True(t, events[i].OccurredAt.Equal(at), "event %d occurred at the captured time", i)
		require.True(t, events[i].RecordedAt.After(at), "event %d was recorded when the server received it", i)
	}

	page := mine.plain(site.OpPath("/conflicts?record=" + ap.String()))
	require.Contains(t, page, "c-"+clash.ConflictID.String(), "the conflict is listed, waiting")
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(page)
	require.Len(t, key, 2)
	res, err := mine.http.PostForm(site.OpPath("/conflicts/resolve"), url.Values{"csrf": {mine.csrf}, "key": {key[1]},
		"record_kind": {"actionpoint"}, "record_id": {ap.String()}, "conflict_event_id": {clash.ConflictID.String()},
		"keep": {"proposed"}, "reason": {"the rains are the real constraint"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	ap2, events := history(t, site, ref)
	require.True(t, ap2.(*domain.ActionPoint).DueAt.Equal(myDue), "keeping the offline value applies it")
	tail := events[len(events)-2:]
	require.Equal(t, []string{"conflict.resolved.v1", "actionpoint.due_date_changed.v1"}, typesOf(tail), "the choice and its effect land together")
	require.True(t, strings.HasPrefix(tail[0].Actor.ID, "token:"), "who chose is recorded")
	require.Contains(t, mine.plain(site.OpPath("/conflicts")), "Applied the change made offline")

	// Another officer's choice on the same conflict, made from a page opened before: refused, said on the page.
	res, err = theirs.http.PostForm(site.OpPath("/conflicts/resolve"), url.Values{"csrf": {theirs.csrf}, "key": {"k-late"},
		"record_kind": {"actionpoint"}, "record_id": {ap.String()}, "conflict_event_id": {clash.ConflictID.String()}, "keep": {"theirs"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	_, after := history(t, site, ref)
	require.Len(t, after, len(events), "a second choice writes nothing")
}
