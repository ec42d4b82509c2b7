package views

import (
	"io"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

var (
	_ projections.Snapshotter = (*Operations)(nil)
	_ projections.Snapshotter = (*Components)(nil)
	_ projections.Snapshotter = (*Contacts)(nil)
	_ projections.Snapshotter = (*Mechanisms)(nil)
	_ projections.Snapshotter = (*Decisions)(nil)
	_ projections.Snapshotter = (*Actions)(nil)
	_ projections.Snapshotter = (*Compliance)(nil)
	_ projections.Snapshotter = (*Escalations)(nil)
	_ projections.Snapshotter = (*Lessons)(nil)
)

// The mirrors below are what each register writes (with R = *Row, its live
// rows) and reads back (R = Row, into one slice); their row lists go after
// the mirror in chunks (rowsOut), in the order of the fields. Bump a register's base
// version when its Apply comes to mean something else for the same events.

type operationsState[R any] struct {
	Rows                   []R
	EmptyAllOf, EmptyAnyOf emptySlices // convening rules with an empty, non-nil list
}

var operationsVersion = snapshotVersion(2, operationsState[Operation]{})

func (*Operations) SnapshotVersion() uint32 { return operationsVersion }

func (v *Operations) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	rows := pointers(v.byID)
	var s operationsState[*Operation]
	for _, o := range rows {
		if o.ConveningRule != nil {
			noteEmpty(&s.EmptyAllOf, o.ID, o.ConveningRule.AllOf)
			noteEmpty(&s.EmptyAnyOf, o.ID, o.ConveningRule.AnyOf)
		}
	}
	return writeGob(w, &s, rowsOut(rows))
}

func (v *Operations) ReadSnapshot(r io.Reader) error {
	var s operationsState[Operation]
	if err := readGob(r, &s, rowsIn(&s.Rows)); err != nil {
		return err
	}
	v.byID = make(map[uuid.UUID]*Operation, len(s.Rows))
	for i := range s.Rows {
		v.byID[s.Rows[i].ID] = &s.Rows[i]
	}
	for _, id := range s.EmptyAllOf {
		if o := v.byID[id]; o != nil && o.ConveningRule != nil {
			o.ConveningRule.AllOf = []domain.ComponentKind{}
		}
	}
	for _, id := range s.EmptyAnyOf {
		if o := v.byID[id]; o != nil && o.ConveningRule != nil {
			o.ConveningRule.AnyOf = []domain.ComponentKind{}
		}
	}
	return nil
}

type componentsState[C, P any] struct {
	Components []C
	Projects   []P
	Roles      []roleState
}

type roleState struct {
	Operation uuid.UUID
	Conveners []uuid.UUID
	Leads     map[uuid.UUID][]string
}

var componentsVersion = snapshotVersion(2, componentsState[Component, Project]{})

func (*Components) SnapshotVersion() uint32 { return componentsVersion }

func (v *Components) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	var s componentsState[*Component, *Project]
	for op, r := range v.roles {
		rs := roleState{Operation: op, Leads: r.leads}
		for c := range r.conveners {
			rs.Conveners = append(rs.Conveners, c)
		}
		s.Roles = append(s.Roles, rs)
	}
	return writeGob(w, &s, rowsOut(pointers(v.byID)), rowsOut(pointers(v.project)))
}

func (v *Components) ReadSnapshot(r io.Reader) error {
	var s componentsState[Component, Project]
	if err := readGob(r, &s, rowsIn(&s.Components), rowsIn(&s.Projects)); err != nil {
		return err
	}
	fileRows(s.Components, func(c *Component) *Meta { return &c.Meta }, v.rows, &v.byID)
	fileRows(s.Projects, func(p *Project) *Meta { return &p.Meta }, v.projects, &v.project)
	for _, rs := range s.Roles {
		r := &roles{conveners: map[uuid.UUID]bool{}, leads: rs.Leads}
		if r.leads == nil {
			r.leads = map[uuid.UUID][]string{}
		}
		for _, c := range rs.Conveners {
			r.conveners[c] = true
		}
		v.roles[rs.Operation] = r
	}
	return nil
}

type contactsState[R any] struct{ Rows []R }

var contactsVersion = snapshotVersion(2, contactsState[Contact]{})

func (*Contacts) SnapshotVersion() uint32 { return contactsVersion }

func (v *Contacts) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeGob(w, &contactsState[*Contact]{}, rowsOut(pointers(v.byID)))
}

func (v *Contacts) ReadSnapshot(r io.Reader) error {
	var s contactsState[Contact]
	if err := readGob(r, &s, rowsIn(&s.Rows)); err != nil {
		return err
	}
	fileRows(s.Rows, func(c *Contact) *Meta { return &c.Meta }, v.rows, &v.byID)
	return nil
}

type mechanismsState[M, G any] struct {
	Mechanisms   []M
	Meetings     []G
	EmptyMembers emptySlices // mechanisms whose last member left
}

var mechanismsVersion = snapshotVersion(2, mechanismsState[Mechanism, Meeting]{})

func (*Mechanisms) SnapshotVersion() uint32 { return mechanismsVersion }

func (v *Mechanisms) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	var s mechanismsState[*Mechanism, *Meeting]
	mechanisms := pointers(v.byID)
	for _, m := range mechanisms {
		noteEmpty(&s.EmptyMembers, m.ID, m.Members)
	}
	return writeGob(w, &s, rowsOut(mechanisms), rowsOut(pointers(v.meeting)))
}

func (v *Mechanisms) ReadSnapshot(r io.Reader) error {
	var s mechanismsState[Mechanism, Meeting]
	if err := readGob(r, &s, rowsIn(&s.Mechanisms), rowsIn(&s.Meetings)); err != nil {
		return err
	}
	fileRows(s.Mechanisms, func(m *Mechanism) *Meta { return &m.Meta }, v.rows, &v.byID)
	fileRows(s.Meetings, func(m *Meeting) *Meta { return &m.Meta }, v.meetings, &v.meeting)
	for _, id := range s.EmptyMembers {
		if m := v.byID[id]; m != nil {
			m.Members = []uuid.UUID{}
		}
	}
	return nil
}

type decisionsState[R any] struct {
	Rows    []R
	Actions map[uuid.UUID]uuid.UUID // action point -> the decision it carries out
}

var decisionsVersion = snapshotVersion(2, decisionsState[Decision]{})

func (*Decisions) SnapshotVersion() uint32 { return decisionsVersion }

func (v *Decisions) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	s := decisionsState[*Decision]{Actions: make(map[uuid.UUID]uuid.UUID, len(v.actions))}
	for ap, d := range v.actions {
		s.Actions[ap] = d.ID
	}
	return writeGob(w, &s, rowsOut(pointers(v.byID)))
}

func (v *Decisions) ReadSnapshot(r io.Reader) error {
	var s decisionsState[Decision]
	if err := readGob(r, &s, rowsIn(&s.Rows)); err != nil {
		return err
	}
	fileRows(s.Rows, func(d *Decision) *Meta { return &d.Meta }, v.rows, &v.byID)
	v.actions = make(map[uuid.UUID]*Decision, len(s.Actions))
	for ap, id := range s.Actions {
		if d := v.byID[id]; d != nil {
			v.actions[ap] = d
		}
	}
	return nil
}

type actionsState[R any] struct {
	Rows      []R                     // in the tracker's order, so filing them back only appends
	Mechanism map[uuid.UUID]uuid.UUID // decision or meeting -> mechanism
}

var actionsVersion = snapshotVersion(2, actionsState[ActionPoint]{})

func (*Actions) SnapshotVersion() uint32 { return actionsVersion }

func (v *Actions) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	rows := make([]*ActionPoint, 0, len(v.byID))
	for _, o := range v.filed.byOp {
		for a := range o.after(Key{}) {
			rows = append(rows, a)
		}
	}
	if len(rows) != len(v.byID) {
		rows = pointers(v.byID) // never expected; filing back then sorts as it goes
	}
	return writeGob(w, &actionsState[*ActionPoint]{Mechanism: v.mechanism}, rowsOut(rows))
}

func (v *Actions) ReadSnapshot(r io.Reader) error {
	var s actionsState[ActionPoint]
	if err := readGob(r, &s, rowsIn(&s.Rows)); err != nil {
		return err
	}
	v.byID = make(map[uuid.UUID]*ActionPoint, len(s.Rows))
	for i := range s.Rows {
		a := &s.Rows[i]
		v.filed.add(a)
		v.byID[a.ID] = a
	}
	if s.Mechanism != nil {
		v.mechanism = s.Mechanism
	}
	return nil
}

type complianceState[R any] struct{ Rows []R }

var complianceVersion = snapshotVersion(2, complianceState[Issue]{})

func (*Compliance) SnapshotVersion() uint32 { return complianceVersion }

func (v *Compliance) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeGob(w, &complianceState[*Issue]{}, rowsOut(pointers(v.byID)))
}

func (v *Compliance) ReadSnapshot(r io.Reader) error {
	var s complianceState[Issue]
	if err := readGob(r, &s, rowsIn(&s.Rows)); err != nil {
		return err
	}
	fileRows(s.Rows, func(i *Issue) *Meta { return &i.Meta }, v.rows, &v.byID)
	return nil
}

type escalationsState[R any] struct {
	Rows     []R
	Subjects []subjectState
}

// subjectState mirrors subject, whose fields are unexported.
type subjectState struct {
	ID        uuid.UUID
	Category  string
	Component uuid.UUID
	Class     domain.Classification
}

var escalationsVersion = snapshotVersion(2, escalationsState[Escalation]{})

func (*Escalations) SnapshotVersion() uint32 { return escalationsVersion }

func (v *Escalations) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	subjects := make([]subjectState, 0, len(v.subjects))
	for id, sub := range v.subjects {
		subjects = append(subjects, subjectState{ID: id, Category: sub.category, Component: sub.component, Class: sub.class})
	}
	return writeGob(w, &escalationsState[*Escalation]{}, rowsOut(pointers(v.byID)), rowsOut(subjects))
}

func (v *Escalations) ReadSnapshot(r io.Reader) error {
	var s escalationsState[Escalation]
	if err := readGob(r, &s, rowsIn(&s.Rows), rowsIn(&s.Subjects)); err != nil {
		return err
	}
	fileRows(s.Rows, func(x *Escalation) *Meta { return &x.Meta }, v.rows, &v.byID)
	v.subjects = make(map[uuid.UUID]subject, len(s.Subjects))
	for _, sub := range s.Subjects {
		v.subjects[sub.ID] = subject{category: sub.Category, component: sub.Component, class: sub.Class}
	}
	return nil
}

type lessonsState[R any] struct{ Rows []R }

var lessonsVersion = snapshotVersion(2, lessonsState[Lesson]{})

func (*Lessons) SnapshotVersion() uint32 { return lessonsVersion }

func (v *Lessons) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeGob(w, &lessonsState[*Lesson]{}, rowsOut(pointers(v.byID)))
}

func (v *Lessons) ReadSnapshot(r io.Reader) error {
	var s lessonsState[Lesson]
	if err := readGob(r, &s, rowsIn(&s.Rows)); err != nil {
		return err
	}
	fileRows(s.Rows, func(l *Lesson) *Meta { return &l.Meta }, v.rows, &v.byID)
	return nil
}
