package export_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/export"
	"github.com/movementcoord/ledger/projections/views"
)

// onlySource is a reader's rows: some of the views' records, as a server's
// register handlers filtered and redacted them.
type onlySource struct {
	export.Source
	actions []views.ActionPoint
	issues  []views.Issue
}

func (s onlySource) ActionPoints() []views.ActionPoint { return s.actions }
func (s onlySource) Issues() []views.Issue             { return s.issues }

func TestForReaderExportsExactlyTheRowsItIsGiven(t *testing.T) {
	set, op := demoLedger(t)
	all := export.AllRows(set, op)
	blocked := []views.ActionPoint{}
	for _, a := range all.ActionPoints() {
		if a.State == domain.APBlocked || a.State == domain.APInProgress {
			blocked = append(blocked, a)
		}
	}
	require.NotEmpty(t, blocked)
	issues := all.Issues()
	require.NotEmpty(t, issues)
	for _, i := range issues {
		require.Equal(t, domain.ClassConfidential, i.Classification, "the demo's issues are confidential")
	}
	src := onlySource{Source: all, actions: blocked, issues: issues}

	cases := []struct {
		name     string
		view     string
		personal bool
		wantIDs  []uuid.UUID
	}{
		{"a filtered register, personal data allowed", "action-points", true, ids(blocked, func(a views.ActionPoint) uuid.UUID { return a.ID })},
		{"no personal data", "action-points", false, ids(blocked, func(a views.ActionPoint) uuid.UUID { return a.ID })},
		{"confidential rows the reader may see go out", "compliance-issues", true, ids(issues, func(i views.Issue) uuid.UUID { return i.ID })},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tbl, err := export.ForReader(set, src, op, tc.view, tc.personal, demoNow)
			require.NoError(t, err)
			rows := csvRows(t, tbl, true)
			var got []uuid.UUID
			for _, v := range column(t, rows, "id") {
				got = append(got, uuid.MustParse(v))
			}
			require.Equal(t, tc.wantIDs, got)
			require.Zero(t, tbl.Withheld, "the source already left out what the reader may not see")
			for _, c := range tbl.Columns {
				require.True(t, tc.personal || !c.Personal, "%s is personal", c.Header)
			}
		})
	}
	_, err := export.ForReader(set, src, uuid.New(), "decisions", true, demoNow)
	require.ErrorIs(t, err, export.ErrUnknownOperation)
}

func ids[T any](rows []T, id func(T) uuid.UUID) []uuid.UUID {
	out := make([]uuid.UUID, 0, len(rows))
	for _, r := range rows {
		out = append(out, id(r))
	}
	return out
}
