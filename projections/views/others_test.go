package views_test

import (
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

func TestComponentMapRolesAndProjects(t *testing.T) {
	t.Parallel()
	v := views.NewComponents()
	f := newFold(t, v)
	hns, _ := f.new(domain.KindComponent, T, domain.ComponentJoined{Name: "Host RC", Kind: domain.ComponentHNS})
	f.on(domain.KindOperation, f.op, T, domain.ClassMovement, domain.OperationConvenerAssigned{ComponentID: hns})
	f.on(domain.KindOperation, f.op, T, domain.ClassMovement, domain.OperationLeadRoleAssigned{ComponentID: hns, Area: "health"})
	f.on(domain.KindOperation, f.op, T, domain.ClassMovement, domain.OperationLeadRoleAssigned{ComponentID: hns, Area: "shelter"})
	f.on(domain.KindOperation, f.op, day(1), domain.ClassMovement, domain.OperationLeadRoleEnded{ComponentID: hns, Area: "health", Reason: "r"})
	f.on(domain.KindComponent, hns, day(1), domain.ClassMovement, domain.ComponentStaffingReported{Volunteers: 300})
	pr, _ := f.new(domain.KindProject, day(1), domain.ProjectRegistered{ComponentID: hns, Name: "Clinics", Sector: "health", AdminAreaCode: "SD01", Status: domain.ProjectPlanned})
	f.on(domain.KindProject, pr, day(2), domain.ClassMovement, domain.ProjectStatusChanged{From: domain.ProjectPlanned, To: domain.ProjectOngoing})

	m := v.Map(f.op)
	require.Len(t, m, 1)
	require.True(t, m[0].Convener)
	require.Equal(t, []string{"shelter"}, m[0].LeadAreas)
	require.Equal(t, 300, m[0].Staffing.Volunteers)
	require.Len(t, m[0].Projects, 1)
	require.Equal(t, domain.ProjectOngoing, m[0].Projects[0].Status)
	require.Len(t, v.ProjectsBy(f.op, views.BySector)["health"], 1)
	f.on(domain.KindOperation, f.op, day(3), domain.ClassMovement, domain.OperationConvenerRemoved{ComponentID: hns, Reason: "r"})
	require.False(t, v.Map(f.op)[0].Convener)
}

func TestContactsMechanismsMeetingsLessons(t *testing.T) {
	t.Parallel()
	c := views.NewContacts()
	f := newFold(t, c)
	id, _ := f.new(domain.KindContact, T, domain.ContactAdded{PersonID: uuid.New(), GivenName: "Amina", FamilyName: "Hassan"})
	f.new(domain.KindContact, T, domain.ContactAdded{PersonID: uuid.New(), GivenName: "Jean", FamilyName: "Dupont"})
	f.on(domain.KindContact, id, day(1), domain.ClassMovement, domain.ContactRemoved{Reason: "left"})
	require.Len(t, c.List(f.op, false), 1)
	all := c.List(f.op, true)
	require.Equal(t, []string{"Dupont", "Hassan"}, []string{all[0].FamilyName, all[1].FamilyName})

	m := views.NewMechanisms()
	g := newFold(t, m)
	a, b := uuid.New(), uuid.New()
	mech, _ := g.new(domain.KindMechanism, T, domain.MechanismEstablished{Name: "TWG", Level: domain.LevelTechnical})
	g.on(domain.KindMechanism, mech, T, domain.ClassMovement, domain.MechanismMemberAdded{ComponentID: a})
	g.on(domain.KindMechanism, mech, T, domain.ClassMovement, domain.MechanismMemberAdded{ComponentID: b})
	g.on(domain.KindMechanism, mech, day(1), domain.ClassMovement, domain.MechanismMemberRemoved{ComponentID: a, Reason: "r"})
	got, _ := m.Get(mech)
	require.Equal(t, []uuid.UUID{b}, got.Members)
	mt, _ := g.new(domain.KindMeeting, T, domain.MeetingScheduled{MechanismID: mech, Title: "w", ScheduledFor: day(1)})
	_, ok := m.Meetings(g.op, mech)[0].MinutesLag()
	require.False(t, ok, "no lag before the meeting is held")
	g.on(domain.KindMeeting, mt, day(1), domain.ClassMovement, domain.MeetingHeld{HeldAt: day(1), Attendees: []domain.Attendee{{Name: "A"}, {Name: "B"}}, QuorumMet: true})
	g.on(domain.KindMeeting, mt, day(3), domain.ClassMovement, domain.MeetingMinutesCirculated{Minutes: "m", Draft: 1})
	g.on(domain.KindMeeting, mt, day(4), domain.ClassMovement, domain.MeetingMinutesCirculated{Minutes: "m2", Draft: 2})
	g.on(domain.KindMeeting, mt, day(5), domain.ClassMovement, domain.MeetingMinutesApproved{Draft: 2})
	meeting := m.Meetings(g.op, uuid.Nil)[0]
	require.Equal(t, domain.MtgMinutesApproved, meeting.State)
	require.Equal(t, 2, meeting.Attendees)
	require.Equal(t, 2, meeting.Drafts)
	require.Equal(t, day(3), meeting.MinutesCirculated, "the lag runs to the first draft")

	l := views.NewLessons()
	h := newFold(t, l)
	les, _ := h.new(domain.KindLesson, T, domain.LessonRecorded{Observation: "o", Recommendation: "r"})
	h.on(domain.KindLesson, les, day(1), domain.ClassMovement, domain.LessonLinked{TargetKind: domain.KindDecision, TargetID: a})
	require.Len(t, l.List(h.op, true), 1)
	h.on(domain.KindLesson, les, day(2), domain.ClassMovement, domain.LessonResponded{Response: domain.ResponsePartly, Note: "n"})
	require.Empty(t, l.List(h.op, true))
	require.Equal(t, []domain.Ref{{Kind: domain.KindDecision, ID: a}}, l.List(h.op, false)[0].Links)
}
