package httpapi_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/views"
)

func TestMechanismsMeetingsLessons(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.created("meeting.schedule", map[string]any{"operation_id": e.op, "mechanism_id": e.mech, "title": "Weekly TWG",
		"scheduled_for": time.Now().Add(24 * time.Hour).UTC()})
	r := e.cmd(e.officer, "lesson.record", map[string]any{"operation_id": e.op, "source": "joint_review",
		"observation": "Late minutes", "recommendation": "Circulate within 48h"})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	q := fmt.Sprintf("?at_least=%d", httpapitest.Decode[recorder.Result](t, r).Position)
	op := "/api/v1/operations/" + e.op.String()

	require.Len(t, httpapitest.Decode[httpapi.Register[views.Mechanism]](t, e.get(e.analyst, op+"/mechanisms"+q)).Items, 1)
	require.Len(t, httpapitest.Decode[httpapi.Register[views.Meeting]](t, e.get(e.analyst, op+"/meetings"+q)).Items, 1)
	require.Len(t, httpapitest.Decode[httpapi.Register[views.Meeting]](t, e.get(e.analyst, op+"/meetings"+q+"&mechanism="+e.mech.String())).Items, 1)
	require.Len(t, httpapitest.Decode[httpapi.Register[views.Lesson]](t, e.get(e.analyst, op+"/lessons"+q+"&awaiting=true")).Items, 1)
}

func TestFigures(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Overdue already",
		"owner_component_id": e.hns, "due_at": time.Now().Add(-48 * time.Hour).UTC()})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	q := fmt.Sprintf("?at_least=%d", httpapitest.Decode[recorder.Result](t, r).Position)
	f := httpapitest.Decode[httpapi.Figures](t, e.get(e.analyst, "/api/v1/operations/"+e.op.String()+"/figures"+q))
	require.Equal(t, 1, f.OverduePerComponent[e.hns].Overdue)
	require.Equal(t, 14, f.StalledDays)
	bad := e.get(e.analyst, "/api/v1/operations/"+e.op.String()+"/figures?stalled_days=99999")
	require.Equal(t, http.StatusBadRequest, bad.Status)
}

// The figures are one document: the OpenAPI document declares no paging
// for them (it declared limit and cursor, which the route ignored), and
// says durations are seconds.
func TestFiguresDeclareOnlyTheParametersTheyHonour(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	doc := httpapitest.Decode[map[string]any](t, e.get("", "/api/openapi.json"))
	get := doc["paths"].(map[string]any)["/api/v1/operations/{id}/figures"].(map[string]any)["get"].(map[string]any)
	var names []string
	for _, p := range get["parameters"].([]any) {
		names = append(names, p.(map[string]any)["name"].(string))
	}
	require.Subset(t, names, []string{"at", "stalled_days", "as_of"})
	require.NotContains(t, names, "limit")
	require.NotContains(t, names, "cursor")
	require.Contains(t, get["summary"], "seconds")
	require.NotContains(t, get["summary"], "nanoseconds")
}
