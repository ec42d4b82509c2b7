package visibility_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
)

func TestWhoSeesWhichRecords(t *testing.T) {
	t.Parallel()
	mine, other := uuid.New(), uuid.New()
	officer := visibility.ForRole(visibility.RoleOfficer, "token:o", []uuid.UUID{mine})
	analyst := visibility.ForRole(visibility.RoleAnalyst, "token:a", nil)
	reviewer := visibility.ForRole(visibility.RoleReviewer, "token:r", nil)
	cases := []struct {
		name   string
		reader visibility.Reader
		op     uuid.UUID
		class  domain.Classification
		want   bool
	}{
		{"officer, own operation, confidential", officer, mine, domain.ClassConfidential, true},
		{"officer, other operation", officer, other, domain.ClassPublic, false},
		{"officer, no operation", officer, uuid.Nil, domain.ClassPublic, false},
		{"analyst, restricted", analyst, other, domain.ClassRestricted, true},
		{"analyst, confidential", analyst, other, domain.ClassConfidential, false},
		{"reviewer, confidential", reviewer, other, domain.ClassConfidential, true},
		{"unknown role", visibility.ForRole("guest", "", nil), mine, domain.ClassPublic, false},
		{"external export, public", visibility.External, mine, domain.ClassPublic, true},
		{"external export, movement", visibility.External, mine, domain.ClassMovement, false},
		{"movement export, restricted", visibility.Movement, mine, domain.ClassRestricted, true},
		{"movement export, confidential", visibility.Movement, mine, domain.ClassConfidential, false},
		{"movement export, unclassified legacy event", visibility.Movement, mine, "", true},
		{"external export, unclassified legacy event", visibility.External, mine, "", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			require.Equal(t, tc.want, tc.reader.SeesRecord(tc.op, tc.class))
		})
	}
}

// The catalogue's tags decide what leaves a payload: personal fields for
// readers without personal data, the reporter for all but reviewers and
// whoever recorded the report.
func TestPayloadsLoseWhatTheCatalogueTags(t *testing.T) {
	t.Parallel()
	report := domain.ComplianceReported{Category: domain.CatEmblem, SubjectComponentID: uuid.New(),
		Severity: domain.SevLow, Summary: "emblem on a truck", ReporterPersonID: uuid.New(), ReporterName: "Sita Gurung"}
	reportJSON, err := json.Marshal(report)
	require.NoError(t, err)
	recorder := "token:o1"
	cases := []struct {
		name   string
		reader visibility.Reader
		gone   []string
	}{
		{"reviewer sees the reporter", visibility.ForRole(visibility.RoleReviewer, "token:r", nil), nil},
		{"the officer who recorded it sees the reporter", visibility.ForRole(visibility.RoleOfficer, recorder, nil), nil},
		{"another officer does not", visibility.ForRole(visibility.RoleOfficer, "token:o2", nil), []string{"reporter_person_id", "reporter_name"}},
		{"an admin does not", visibility.ForRole(visibility.RoleAdmin, "token:adm", nil), []string{"reporter_person_id", "reporter_name"}},
		{"an analyst does not", visibility.ForRole(visibility.RoleAnalyst, recorder, nil), []string{"reporter_person_id", "reporter_name"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			out, err := tc.reader.Event(report.EventType(), recorder, reportJSON)
			require.NoError(t, err)
			var got map[string]any
			require.NoError(t, json.Unmarshal(out, &got))
			require.Equal(t, report.Summary, got["summary"])
			for _, k := range []string{"reporter_person_id", "reporter_name"} {
				_, present := got[k]
				require.Equal(t, !slices.Contains(tc.gone, k), present, k)
			}
		})
	}
}

func TestRowsLosePersonalFieldsByTheirTags(t *testing.T) {
	t.Parallel()
	type row struct {
		Title string
		Owner domain.Owner
		List  []domain.Attendee
	}
	r := row{Title: "Distribute kits", Owner: domain.Owner{ComponentID: uuid.New(), PersonID: uuid.New(), Name: "Ram Thapa"},
		List: []domain.Attendee{{PersonID: uuid.New(), Name: "Anna Berg"}}}
	analystView, officerView := r, r
	analystView.List = []domain.Attendee{r.List[0]}
	visibility.ForRole(visibility.RoleAnalyst, "", nil).Redact(&analystView, "")
	visibility.ForRole(visibility.RoleOfficer, "", nil).Redact(&officerView, "")
	require.Empty(t, analystView.Owner.Name)
	require.Empty(t, analystView.List[0].Name)
	require.Equal(t, r.Title, analystView.Title)
	require.Equal(t, r.Owner.ComponentID, analystView.Owner.ComponentID)
	require.Equal(t, r, officerView)
}

func TestWhoReadsTheAuditTrailAndTheStoredLog(t *testing.T) {
	t.Parallel()
	cases := []struct {
		role              string
		audit, storedLog  bool
		personal, anyOpen bool
	}{
		{visibility.RoleOfficer, true, false, true, false},
		{visibility.RoleReviewer, true, true, true, true},
		{visibility.RoleAdmin, true, true, true, true},
		{visibility.RoleAnalyst, false, false, false, true},
		{"guest", false, false, false, false},
	}
	for _, tc := range cases {
		r := visibility.ForRole(tc.role, "token:x", nil)
		require.Equal(t, tc.audit, r.SeesAuditTrail(), tc.role)
		require.Equal(t, tc.storedLog, r.SeesStoredLog(), tc.role)
		require.Equal(t, tc.personal, r.SeesPersonal(), tc.role)
		require.Equal(t, tc.anyOpen, r.SeesOperation(uuid.New()), tc.role)
	}
}

// A row handed out by a view shares its slices with the view: redacting it
// for one reader must leave the view, and the next reader, untouched.
func TestRedactLeavesSharedSlicesAlone(t *testing.T) {
	t.Parallel()
	type row struct{ Attendees []domain.Attendee }
	shared := []domain.Attendee{{PersonID: uuid.New(), Name: "Anna Berg"}}
	r := row{Attendees: shared}
	visibility.ForRole(visibility.RoleAnalyst, "", nil).Redact(&r, "")
	require.Empty(t, r.Attendees[0].Name)
	require.Equal(t, "Anna Berg", shared[0].Name)
}
