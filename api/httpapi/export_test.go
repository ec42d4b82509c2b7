package httpapi_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
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

// exportFixture: three action points (one blocked, one with a named owner),
// a confidential compliance issue and a restricted one, a contact.
func exportFixture(t *testing.T) (*env, uint64) {
	e := newEnv(t)
	e.raiseAP("Deploy ORPs")
	e.created("actionpoint.raise", map[string]any{"operation_id": e.op, "title": "Hygiene kits",
		"owner_component_id": e.pns, "owner_name": "Mehmet Yilmaz"})
	blocked := e.raiseAP("Water trucking")
	e.cmd(e.officer, "actionpoint.block", map[string]any{"id": blocked, "reason": "no fuel"})
	e.confidential()
	e.created("compliance.report", map[string]any{"operation_id": e.op, "category": "resource_mobilisation",
		"subject_component_id": e.pns, "severity": "medium", "summary": "Street collection without agreement",
		"rule_reference": "Seville 2.0 art. 8", "reporter_name": "Can Ozturk", "classification": "restricted"})
	r := e.cmd(e.officer, "contact.add", map[string]any{"operation_id": e.op, "component_id": e.hns,
		"given_name": "Elif", "family_name": "Kaya", "email": "elif@example.org", "function": "Focal point"})
	require.Equal(t, http.StatusCreated, r.Status, "%s", r.Body)
	return e, httpapitest.Decode[recorder.Result](t, r).Position
}

// exported downloads a view as JSON rows.
func (e *env) exported(token, query string) []map[string]string {
	e.t.Helper()
	r := e.get(token, fmt.Sprintf("/api/v1/operations/%s/export?%s", e.op, query))
	require.Equal(e.t, http.StatusOK, r.Status, "%s", r.Body)
	var rows []map[string]string
	require.NoError(e.t, json.Unmarshal(r.Body, &rows))
	return rows
}

func registerIDs[T any](t *testing.T, e *env, token, path string, id func(T) string) []string {
	t.Helper()
	reg := httpapitest.Decode[httpapi.Register[T]](t, e.get(token, path+"&limit=1000"))
	out := []string{}
	for _, x := range reg.Items {
		out = append(out, id(x))
	}
	return out
}

func column(rows []map[string]string, key string) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, r[key])
	}
	return out
}

// Every role downloads exactly the rows its register shows, with the same
// filters: the export reads through the registers' own visibility.
func TestExportHoldsExactlyWhatTheRegisterShows(t *testing.T) {
	t.Parallel()
	e, last := exportFixture(t)
	reg := func(view, filter string) string {
		return fmt.Sprintf("/api/v1/operations/%s/%s?at_least=%d%s", e.op, view, last, filter)
	}
	exp := func(view, filter string) string { return fmt.Sprintf("view=%s&at_least=%d%s", view, last, filter) }
	for role, token := range map[string]string{"officer": e.officer, "reviewer": e.reviewer, "analyst": e.analyst, "admin": e.admin} {
		t.Run(role, func(t *testing.T) {
			cases := []struct {
				view, filter string
				ids          func() []string
			}{
				{"action-points", "", func() []string {
					return registerIDs(t, e, token, reg("action-points", ""), func(a views.ActionPoint) string { return a.ID.String() })
				}},
				{"action-points", "&state=blocked", func() []string {
					return registerIDs(t, e, token, reg("action-points", "&state=blocked"), func(a views.ActionPoint) string { return a.ID.String() })
				}},
				{"compliance-issues", "", func() []string {
					return registerIDs(t, e, token, reg("compliance-issues", ""), func(i views.Issue) string { return i.ID.String() })
				}},
				{"decisions", "", func() []string {
					return registerIDs(t, e, token, reg("decisions", ""), func(d views.Decision) string { return d.ID.String() })
				}},
			}
			for _, tc := range cases {
				require.ElementsMatch(t, tc.ids(), column(e.exported(token, exp(tc.view, tc.filter)), "id"), "%s%s", tc.view, tc.filter)
			}
			timeline := httpapitest.Decode[httpapi.AuditPage](t, e.get(token, reg("timeline", "&kind=compliance&limit=1000")))
			require.ElementsMatch(t, recordIDs(timeline.Records), column(e.exported(token, exp("timeline", "&kind=compliance")), "record_id"))
		})
	}
}

func recordIDs(rs []audit.Record) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.Record.ID.String())
	}
	return out
}

func TestAnalystsExportNoConfidentialRowAndNoPersonalColumn(t *testing.T) {
	t.Parallel()
	e, last := exportFixture(t)
	for _, view := range []string{"action-points", "compliance-issues", "contacts", "timeline", "escalations", "decisions", "projects"} {
		r := e.get(e.analyst, fmt.Sprintf("/api/v1/operations/%s/export?view=%s&format=csv&at_least=%d", e.op, view, last))
		require.Equal(t, http.StatusOK, r.Status, "%s: %s", view, r.Body)
		body := string(r.Body)
		for _, secret := range []string{"Logo on fundraising flyers", "Emblem regulations", "Ayse Demir", "Can Ozturk", "Mehmet Yilmaz", "Elif", "elif@example.org"} {
			require.NotContains(t, body, secret, view)
		}
		head := strings.SplitN(body, "\n", 2)[0]
		for _, personal := range []string{"owner_name", "reporter_name", "given_name", "email"} {
			require.NotContains(t, head, personal, "%s: analysts get no personal column", view)
		}
	}
	issues := e.exported(e.analyst, fmt.Sprintf("view=compliance-issues&at_least=%d", last))
	require.Len(t, issues, 1, "the restricted issue, not the confidential one")
	officer := e.exported(e.officer, fmt.Sprintf("view=action-points&at_least=%d", last))
	require.Contains(t, column(officer, "owner_name"), "Mehmet Yilmaz", "officers see named owners")
}

func TestExportAsHXLHasTheHashtagRowSecond(t *testing.T) {
	t.Parallel()
	e, last := exportFixture(t)
	r := e.get(e.analyst, fmt.Sprintf("/api/v1/operations/%s/export?view=action-points&format=hxl&state=blocked&at_least=%d", e.op, last))
	require.Equal(t, http.StatusOK, r.Status, "%s", r.Body)
	require.Contains(t, r.Header.Get("Content-Type"), "text/csv")
	require.Contains(t, r.Header.Get("Content-Disposition"), "action-points.hxl.csv")
	rows, err := csv.NewReader(bytes.NewReader(r.Body)).ReadAll()
	require.NoError(t, err)
	require.Len(t, rows, 3, "header, hashtags, the one blocked action point")
	for i, tag := range rows[1] {
		require.True(t, strings.HasPrefix(tag, "#"), "column %s: %q", rows[0][i], tag)
	}
	require.Contains(t, rows[1], "#status")
	require.Equal(t, "blocked", rows[2][indexOf(rows[0], "state")])

	plain := e.get(e.analyst, fmt.Sprintf("/api/v1/operations/%s/export?view=action-points&format=csv&at_least=%d", e.op, last))
	csvRows, err := csv.NewReader(bytes.NewReader(plain.Body)).ReadAll()
	require.NoError(t, err)
	require.Len(t, csvRows, 1+3, "plain CSV: a header and the three action points, no hashtag row")
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestExportAsItStoodOnADate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.raiseAP("Deploy ORPs")
	time.Sleep(20 * time.Millisecond)
	between := time.Now().UTC()
	time.Sleep(20 * time.Millisecond)
	last := httpapitest.Decode[recorder.Result](t, e.cmd(e.officer, "actionpoint.raise",
		map[string]any{"operation_id": e.op, "id": uuid.New(), "title": "Later", "owner_component_id": e.hns})).Position
	now := e.exported(e.reviewer, fmt.Sprintf("view=action-points&at_least=%d", last))
	then := e.exported(e.reviewer, "view=action-points&as_of="+between.Format(time.RFC3339Nano))
	require.Len(t, now, 2)
	require.Len(t, then, 1)
	require.Equal(t, "Deploy ORPs", then[0]["title"])
}

func TestExportRefusesWhatItCannotDo(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct {
		name, token, query string
		status             int
		field              string
	}{
		{"no view", e.analyst, "format=csv", 400, "view"},
		{"unknown view", e.analyst, "view=minutes", 400, "view"},
		{"unknown format", e.analyst, "view=decisions&format=xlsx", 400, "format"},
		{"bad filter of the view", e.analyst, "view=action-points&state=done", 400, "state"},
		{"another operation's officer", e.stranger, "view=decisions", 403, ""},
		{"no token", "", "view=decisions", 401, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.get(tc.token, fmt.Sprintf("/api/v1/operations/%s/export?%s", e.op, tc.query))
			require.Equal(t, tc.status, r.Status, "%s", r.Body)
			if tc.field != "" {
				require.Contains(t, string(r.Body), `"field":"`+tc.field+`"`)
			}
		})
	}
	r := e.get(e.reviewer, fmt.Sprintf("/api/v1/operations/%s/export?view=decisions", uuid.New()))
	require.Equal(t, http.StatusNotFound, r.Status, "%s", r.Body)
}
