package httpapi_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/views"
)

// adoptedDecision proposes and adopts a decision; it returns the decision
// and the id of its decision.adopted event, read from the record's page.
func (e *env) adoptedDecision(adoptedAt time.Time) (uuid.UUID, uuid.UUID) {
	e.t.Helper()
	dec := e.created("decision.propose", map[string]any{"operation_id": e.op, "mechanism_id": e.mech,
		"title": "Shelter lead", "text": "HNS leads shelter"})
	r := e.cmd(e.officer, "decision.adopt", map[string]any{"id": dec, "procedure": "written",
		"agreed_by": []any{e.hns, e.pns}, "occurred_at": adoptedAt})
	require.Equal(e.t, http.StatusOK, r.Status, "%s", r.Body)
	rec := httpapitest.Decode[httpapi.RecordView](e.t, e.get(e.officer, recordPath("decision", dec)))
	i := slices.IndexFunc(rec.Events, func(ev domain.EventRef) bool { return ev.Type == "decision.adopted.v1" })
	require.GreaterOrEqual(e.t, i, 0, "the record's page lists its events")
	require.Contains(e.t, rec.Events[i].Correctable, "occurred_at")
	return dec, rec.Events[i].ID
}

// A correction names only the corrected event's fields; anything else is a
// 400 that lists them.
func TestCorrectionOfAnUnknownFieldListsTheCorrectableOnes(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	dec, adopted := e.adoptedDecision(time.Now().Add(-48 * time.Hour).UTC())
	cases := []struct {
		name, field string
		changes     map[string]any
	}{
		{"a field no event has", "changes.adopted_at", map[string]any{"adopted_at": "2026-11-02T09:00:00Z"}},
		{"a field of another event", "changes.title", map[string]any{"title": "Other"}},
	}
	for _, tc := range cases {
		r := e.cmd(e.officer, "correction.record", map[string]any{"record": map[string]any{"kind": "decision", "id": dec},
			"event_id": adopted, "reason": "wrong date", "changes": tc.changes})
		require.Equal(t, http.StatusBadRequest, r.Status, "%s: %s", tc.name, r.Body)
		p := httpapitest.Decode[httpapi.Problem](t, r)
		require.Equal(t, "correction.field_not_correctable", p.Code, tc.name)
		require.Len(t, p.Errors, 1)
		require.Equal(t, tc.field, p.Errors[0].Field)
		require.Equal(t, domain.CorrectableFields("decision.adopted.v1"), p.Errors[0].Allowed)
		for _, f := range domain.CorrectableFields("decision.adopted.v1") {
			require.Contains(t, p.Detail, f, "%s: the problem lists what may be corrected", tc.name)
		}
	}
}

// A corrected adoption date reaches the register and the audit trail (before
// and after, who and why); projections/export shows it reaches the export.
func TestCorrectedAdoptionDateReachesRegisterAndAudit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	wrong := time.Now().Add(-48 * time.Hour).UTC().Truncate(time.Second)
	right := wrong.Add(-24 * time.Hour)
	dec, adopted := e.adoptedDecision(wrong)
	r := e.cmd(e.officer, "correction.record", map[string]any{"record": map[string]any{"kind": "decision", "id": dec},
		"event_id": adopted, "reason": "adopted by written procedure the day before", "changes": map[string]any{"occurred_at": right}})
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	pos := httpapitest.Decode[recorder.Result](t, r).Position

	reg := httpapitest.Decode[httpapi.Register[views.Decision]](t,
		e.get(e.officer, fmt.Sprintf("/api/v1/operations/%s/decisions?at_least=%d", e.op, pos)))
	require.Len(t, reg.Items, 1)
	require.True(t, right.Equal(reg.Items[0].AdoptedAt), "register shows %s, want %s", reg.Items[0].AdoptedAt, right)

	trail := httpapitest.Decode[httpapi.AuditPage](t, e.get(e.officer, "/api/v1/audit/decision/"+dec.String()))
	last := trail.Records[len(trail.Records)-1]
	require.NotNil(t, last.Correction)
	require.Equal(t, "adopted by written procedure the day before", last.Correction.Reason)
	require.Len(t, last.Correction.Fields, 1)
	require.Equal(t, "occurred_at", last.Correction.Fields[0].Field)
	require.True(t, strings.Contains(string(last.Correction.Fields[0].Before), wrong.Format(time.RFC3339)), "%s", last.Correction.Fields[0].Before)
	require.True(t, strings.Contains(string(last.Correction.Fields[0].After), right.Format(time.RFC3339)), "%s", last.Correction.Fields[0].After)
	require.NotEmpty(t, last.Actor.ID, "who corrected it")
}

// Action-point rows say whether they are overdue, and by how many days, when read.
func TestActionPointRowsSayOverdue(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	due := time.Now().Add(-(3*24 + 1) * time.Hour).UTC()
	r := e.cmd(e.officer, "actionpoint.raise", map[string]any{"operation_id": e.op, "id": recorder.NewID(),
		"title": "Kits", "owner_component_id": e.hns, "due_at": due, "occurred_at": due.Add(-72 * time.Hour)})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	pos := httpapitest.Decode[recorder.Result](t, r).Position
	reg := httpapitest.Decode[httpapi.Register[views.ActionPoint]](t,
		e.get(e.officer, fmt.Sprintf("/api/v1/operations/%s/action-points?at_least=%d", e.op, pos)))
	require.Len(t, reg.Items, 1)
	require.True(t, reg.Items[0].Overdue)
	require.Equal(t, 3, reg.Items[0].DaysOverdue)
}
