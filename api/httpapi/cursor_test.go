package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/views"
)

// Given three action points read two at a time, when one is raised
// back-dated before the first page's end and another after, then the next
// page holds the third and the new one: nothing repeated, nothing skipped
// (an offset cursor would repeat the second and show the back-dated one).
func TestActionPointCursorSurvivesInsertsAndBackDating(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := []uuid.UUID{e.raiseAP("one"), e.raiseAP("two")}
	third := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "id": recorder.NewID(), "title": "three", "owner_component_id": e.hns}))
	first = append(first, third.Ref.ID)
	register := func(pos uint64, query string) httpapi.Register[views.ActionPoint] {
		path := fmt.Sprintf("/api/v1/operations/%s/action-points?at_least=%d&limit=2%s", e.op, pos, query)
		r := e.get(e.officer, path)
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		return httpapitest.Decode[httpapi.Register[views.ActionPoint]](t, r)
	}
	page := register(third.Position, "") // read once the views hold all three
	require.Equal(t, first[:2], ids(page.Items))
	require.NotEmpty(t, page.NextCursor)

	e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "title": "back-dated",
		"owner_component_id": e.hns, "occurred_at": time.Now().Add(-24 * time.Hour).UTC()})
	late := e.raiseAP("four")
	pos := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.block", map[string]any{"id": late, "reason": "no fuel"})).Position

	rest := register(pos, "&cursor="+page.NextCursor)
	require.Equal(t, []uuid.UUID{first[2], late}, ids(rest.Items))
	require.Empty(t, rest.NextCursor, "no page after the last")
}

// A cursor this server did not give out (an old offset, a forged value) is
// refused with a clear error on the cursor, not read as the start.
func TestRegisterCursorRefusesForeignValues(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, bad := range []string{"2", "not-a-cursor", "AQAAAAAAAAAA"} {
		r := e.get(e.officer, fmt.Sprintf("/api/v1/operations/%s/action-points?cursor=%s", e.op, bad))
		require.Equal(t, http.StatusBadRequest, r.Status, bad)
		require.Equal(t, "cursor", httpapitest.ProblemOf(t, r).Errors[0].Field, bad)
	}
}

func ids(rows []views.ActionPoint) []uuid.UUID {
	out := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

// The compliance register is ordered most severe first: its cursor carries
// the severity's rank, so a page of one issue at a time walks low after
// critical; an issue filed meanwhile before the cursor (critical, back-dated)
// is not shown, one filed after it (critical, later) is, in its place.
func TestComplianceCursorFollowsTheSeverityOrder(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var pos uint64
	report := func(severity string, occurred ...time.Time) uuid.UUID {
		body := map[string]any{"operation_id": e.op, "category": "emblem",
			"subject_component_id": e.pns, "severity": severity, "summary": "s", "rule_reference": "art. 1"}
		if len(occurred) > 0 {
			body["occurred_at"] = occurred[0]
		}
		r := e.cmd(e.officer, "compliance.report", body)
		require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
		res := httpapitest.Decode[recorder.Result](t, r)
		pos = res.Position
		return res.Ref.ID
	}
	low, critical, medium := report("low"), report("critical"), report("medium")
	var got []uuid.UUID
	var later uuid.UUID
	cursor := ""
	for range 5 {
		path := fmt.Sprintf("/api/v1/operations/%s/compliance-issues?limit=1&at_least=%d&cursor=%s", e.op, pos, cursor)
		r := e.get(e.officer, path)
		require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
		page := httpapitest.Decode[httpapi.Register[views.Issue]](t, r)
		for _, i := range page.Items {
			got = append(got, i.ID)
		}
		if len(got) == 1 { // after the page that held the critical one
			report("critical", time.Now().Add(-24*time.Hour).UTC())
			later = report("critical")
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	require.Equal(t, []uuid.UUID{critical, later, medium, low}, got)
}
