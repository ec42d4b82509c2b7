package httpapi_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/views"
)

// secretCase is a confidential compliance issue, triaged, escalated without
// a classification (so it inherits the issue's) and resolved.
type secretCase struct {
	issue, escalation uuid.UUID
	pos               uint64   // position of the last write
	traces            []string // what nothing may show an analyst
	subject           []string // the subject component, which only components and the timeline of its own record show
}

func (e *env) secretCase() secretCase {
	e.t.Helper()
	admin := e.cmd(e.admin, "operation.set_escalation_ladder", map[string]any{"id": e.op,
		"rungs": []map[string]any{{"key": "ops_committee", "name": "Operations committee"}, {"key": "platform", "name": "Movement platform"}}})
	require.Equal(e.t, http.StatusOK, admin.Status, "%s", admin.Body)
	c := secretCase{issue: e.created("compliance.report", map[string]any{"operation_id": e.op, "category": "resource_mobilisation",
		"subject_component_id": e.pns, "severity": "high", "summary": "Street appeal without agreement", "rule_reference": "Seville 2.0 art. 8",
		"reporter_name": "Ayse Demir", "classification": "confidential"})}
	e.ok(e.officer, "compliance.triage", map[string]any{"id": c.issue, "severity": "high", "note": "appeal still online"})
	c.escalation = e.created("escalation.raise", map[string]any{"operation_id": e.op, "subject_kind": "compliance",
		"subject_id": c.issue, "rung": "platform", "reason": "the partner ignores the committee"})
	e.ok(e.officer, "escalation.acknowledge", map[string]any{"id": c.escalation, "note": "on the agenda"})
	e.ok(e.officer, "escalation.answer", map[string]any{"id": c.escalation, "answer": "stop the appeal"})
	c.pos = e.ok(e.officer, "escalation.resolve", map[string]any{"id": c.escalation, "note": "appeal stopped"})
	c.subject = []string{e.pns.String(), "Norwegian RC"}
	c.traces = []string{c.issue.String(), c.escalation.String(), "resource_mobilisation",
		"Street appeal", "ignores the committee", "on the agenda", "stop the appeal", "appeal stopped", "Ayse Demir"}
	return c
}

// ok runs a command that must succeed and returns its position.
func (e *env) ok(token, name string, body map[string]any) uint64 {
	e.t.Helper()
	r := e.cmd(token, name, body)
	require.Less(e.t, r.Status, 300, "%s: %s", name, r.Body)
	return httpapitest.Decode[recorder.Result](e.t, r).Position
}

// noTrace requires that a body says nothing of the secret case.
func noTrace(t *testing.T, what string, body []byte, c secretCase) {
	t.Helper()
	for _, s := range c.traces {
		require.NotContainsf(t, string(body), s, "%s shows %q", what, s)
	}
}

// An analyst sees nothing of a confidential issue and of its escalation, on
// any read path: registers, figures, timeline, records, streams, live feed.
func TestAnalystSeesNoTraceOfAConfidentialCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.secretCase()
	q := fmt.Sprintf("?at_least=%d", c.pos)
	op := "/api/v1/operations/" + e.op.String()

	// the case is there for a reviewer, with its subject and its escalation
	f := httpapitest.Decode[httpapi.Figures](t, e.get(e.reviewer, op+"/figures"+q))
	require.Equal(t, 1, f.ReportToTriage.All.Count)
	require.Equal(t, 1, f.EscalationToResolution.All.Count)
	require.Equal(t, "Norwegian RC", f.RepeatIssues[e.pns].Name)
	require.Len(t, httpapitest.Decode[httpapi.Register[views.Escalation]](t, e.get(e.reviewer, op+"/escalations"+q)).Items, 1)

	asOf := q + "&as_of=" + time.Now().UTC().Add(time.Minute).Format(time.RFC3339)
	for _, path := range []string{op + "/figures" + q, op + "/escalations" + q, op + "/compliance-issues" + q, op + "/timeline" + q,
		op + "/lessons" + q, op + "/components" + q, op + "/figures" + asOf, op + "/escalations" + asOf,
		op + "/export" + q + "&view=escalations&format=csv", op + "/export" + q + "&view=compliance-issues&format=json",
		op + "/export" + q + "&view=timeline&format=hxl"} {
		r := e.get(e.analyst, path)
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", path, r.Body)
		if !strings.Contains(path, "/components") {
			noTrace(t, path, r.Body, c)
		}
		if !strings.Contains(path, "/components") && !strings.Contains(path, "timeline") {
			noTrace(t, path, r.Body, secretCase{traces: c.subject})
		}
	}
	for _, path := range []string{recordPath("escalation", c.escalation), recordPath("compliance", c.issue),
		"/api/v1/streams/escalation-" + c.escalation.String() + "/events", "/api/v1/streams/compliance-" + c.issue.String() + "/events"} {
		r := e.get(e.analyst, path)
		require.Equal(t, http.StatusNotFound, r.Status, "%s", path)
		noTrace(t, path, r.Body, secretCase{traces: c.traces[2:]}) // the 404 names the id asked for, nothing more
	}
	feed := e.c.OpenFeed("/api/v1/events/live?after=0&operation="+e.op.String(), e.analyst, nil)
	defer feed.Close()
	last := e.raiseAP("after the case")
	for {
		ev, ok := feed.Next(5 * time.Second)
		require.True(t, ok, "the action point never arrived")
		noTrace(t, "live event "+ev.ID, []byte(ev.Data), c)
		if decodeSSE(t, ev).Stream == "actionpoint-"+last.String() {
			return
		}
	}
}

// Paging filters first: an analyst's timeline pages are full and its total
// counts only what the analyst may see.
func TestTimelinePagesWhatTheReaderMaySee(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.secretCase()
	for i := range 3 {
		e.raiseAP(fmt.Sprintf("action %d", i))
	}
	pos := e.ok(e.officer, "lesson.record", map[string]any{"operation_id": e.op, "source": "joint_review", "observation": "late"})
	path := fmt.Sprintf("/api/v1/operations/%s/timeline?at_least=%d", e.op, pos)
	all := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.reviewer, path+"&limit=1000"))
	visible := 0
	for _, r := range all.Records {
		if r.Record.ID != c.issue && r.Record.ID != c.escalation {
			visible++
		}
	}
	require.Less(t, visible, all.Total, "the reviewer sees the case")

	var seen []audit.Record
	cursor := ""
	for {
		page := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.analyst, path+"&limit=2"+cursor))
		require.Equal(t, visible, page.Total, "the total counts what the analyst may see")
		seen = append(seen, page.Records...)
		if page.NextCursor == "" {
			break
		}
		require.Len(t, page.Records, 2, "every page but the last is full")
		cursor = "&cursor=" + page.NextCursor
	}
	require.Len(t, seen, visible)
}

// The access log counts the confidential records a response carried, not
// those a filter looked at on the way to one page.
func TestAccessLogCountsWhatThePageCarried(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.confidential()
	e.confidential()
	pos := e.ok(e.officer, "compliance.triage", map[string]any{"id": e.confidential(), "severity": "high", "note": "seen"})
	register := fmt.Sprintf("/api/v1/operations/%s/compliance-issues?at_least=%d&limit=1", e.op, pos)
	page := httpapitest.Decode[httpapi.Register[views.Issue]](t, e.get(e.reviewer, register))
	require.Len(t, page.Items, 1)
	entries := httpapitest.Decode[httpapi.AccessPage](t, e.get(e.admin, "/api/v1/access-log")).Entries
	require.Len(t, entries, 1)
	require.Equal(t, int64(len(page.Items)), entries[0].Records)
}

// A record's state leaves out the fields the catalogue tags as personal for
// roles without personal data, and keeps them for the others.
func TestRecordStateLosesPersonalFieldsForAnalysts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ap := e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Brief the district teams",
		"owner_component_id": e.hns, "owner_person_id": uuid.New(), "owner_name": "Ram Thapa"})
	officer := e.get(e.officer, recordPath("actionpoint", ap))
	require.Equal(t, http.StatusOK, officer.Status)
	require.Contains(t, string(officer.Body), "Ram Thapa")
	analyst := e.get(e.analyst, recordPath("actionpoint", ap))
	require.Equal(t, http.StatusOK, analyst.Status)
	require.NotContains(t, string(analyst.Body), "Ram Thapa")
	require.NotContains(t, string(analyst.Body), "owner_name")
}
