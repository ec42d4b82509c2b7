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

// Each register writes its lists (snapshot.go) with the row codecs of
// snapshot_rows.go, and reads them all before it touches the view, so that
// a damaged snapshot leaves it as it was. Bump codecBase when the codec or
// what a register's Apply means for the same events changes; the versions
// also change by themselves with the shape of the rows (snapshotVersion).
// Base 3: the row codec replaced gob; 4: repeated words as a dictionary.
const codecBase = 4

// uuidPair is an entry of a lookup from one id to another.
type uuidPair struct{ from, to uuid.UUID }

const minPair = 32

func pairsOut(m map[uuid.UUID]uuid.UUID) listOut {
	pairs := make([]uuidPair, 0, len(m))
	for from, to := range m {
		pairs = append(pairs, uuidPair{from, to})
	}
	return list(pairs, func(e *enc, p uuidPair) { e.uuid(p.from); e.uuid(p.to) })
}

func pairIn(d *dec) uuidPair { return uuidPair{d.uuid(), d.uuid()} }

var operationsVersion = snapshotVersion(codecBase, Operation{})

func (*Operations) SnapshotVersion() uint32 { return operationsVersion }

func (v *Operations) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeRegister(w, OperationsName, list(pointers(v.byID), operationOut))
}

func (v *Operations) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, OperationsName, 1)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, operationIn)
	if err != nil {
		return err
	}
	v.byID = make(map[uuid.UUID]*Operation, len(rows))
	for _, o := range rows {
		v.byID[o.ID] = o
	}
	return nil
}

// roleState is an operation's roles as written.
type roleState struct {
	Operation uuid.UUID
	Conveners []uuid.UUID
	Leads     map[uuid.UUID][]string
}

var componentsVersion = snapshotVersion(codecBase, struct {
	C Component
	P Project
	R roleState
}{})

func (*Components) SnapshotVersion() uint32 { return componentsVersion }

func (v *Components) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	roles := make([]roleState, 0, len(v.roles))
	for op, r := range v.roles {
		rs := roleState{Operation: op, Leads: r.leads}
		for c := range r.conveners {
			rs.Conveners = append(rs.Conveners, c)
		}
		roles = append(roles, rs)
	}
	return writeRegister(w, ComponentsName, list(pointers(v.byID), componentOut),
		list(pointers(v.project), projectOut), list(roles, roleOut))
}

func roleOut(e *enc, r roleState) {
	e.uuid(r.Operation)
	uuidsOut(e, r.Conveners)
	e.uvarint(uint64(len(r.Leads)))
	for c, areas := range r.Leads {
		e.uuid(c)
		wordsOut(e, areas)
	}
}

func roleIn(d *dec) roleState {
	r := roleState{Operation: d.uuid(), Conveners: uuidsIn(d)}
	n := d.count(17)
	r.Leads = make(map[uuid.UUID][]string, n)
	for range n {
		c := d.uuid()
		r.Leads[c] = wordsIn[string](d)
	}
	return r
}

func (v *Components) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, ComponentsName, 3)
	if err != nil {
		return err
	}
	components, err := readRows(sr, n[0], minRow, componentIn)
	if err != nil {
		return err
	}
	projects, err := readRows(sr, n[1], minRow, projectIn)
	if err != nil {
		return err
	}
	roleList, err := readItems(sr, n[2], 17, roleIn)
	if err != nil {
		return err
	}
	fileRows(components, func(c *Component) *Meta { return &c.Meta }, v.rows, &v.byID)
	fileRows(projects, func(p *Project) *Meta { return &p.Meta }, v.projects, &v.project)
	for _, rs := range roleList {
		r := &roles{conveners: make(map[uuid.UUID]bool, len(rs.Conveners)), leads: rs.Leads}
		for _, c := range rs.Conveners {
			r.conveners[c] = true
		}
		v.roles[rs.Operation] = r
	}
	return nil
}

var contactsVersion = snapshotVersion(codecBase, Contact{})

func (*Contacts) SnapshotVersion() uint32 { return contactsVersion }

func (v *Contacts) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeRegister(w, ContactsName, list(pointers(v.byID), contactOut))
}

func (v *Contacts) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, ContactsName, 1)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, contactIn)
	if err != nil {
		return err
	}
	fileRows(rows, func(c *Contact) *Meta { return &c.Meta }, v.rows, &v.byID)
	return nil
}

var mechanismsVersion = snapshotVersion(codecBase, struct {
	M Mechanism
	G Meeting
}{})

func (*Mechanisms) SnapshotVersion() uint32 { return mechanismsVersion }

func (v *Mechanisms) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeRegister(w, MechanismsName, list(pointers(v.byID), mechanismOut), list(pointers(v.meeting), meetingOut))
}

func (v *Mechanisms) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, MechanismsName, 2)
	if err != nil {
		return err
	}
	mechanisms, err := readRows(sr, n[0], minRow, mechanismIn)
	if err != nil {
		return err
	}
	meetings, err := readRows(sr, n[1], minRow, meetingIn)
	if err != nil {
		return err
	}
	fileRows(mechanisms, func(m *Mechanism) *Meta { return &m.Meta }, v.rows, &v.byID)
	fileRows(meetings, func(m *Meeting) *Meta { return &m.Meta }, v.meetings, &v.meeting)
	return nil
}

var decisionsVersion = snapshotVersion(codecBase, Decision{})

func (*Decisions) SnapshotVersion() uint32 { return decisionsVersion }

// WriteSnapshot writes the rows, then which decision each action point
// carries out (action point -> decision id).
func (v *Decisions) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	actions := make(map[uuid.UUID]uuid.UUID, len(v.actions))
	for ap, d := range v.actions {
		actions[ap] = d.ID
	}
	return writeRegister(w, DecisionsName, list(pointers(v.byID), decisionOut), pairsOut(actions))
}

func (v *Decisions) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, DecisionsName, 2)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, decisionIn)
	if err != nil {
		return err
	}
	actions, err := readItems(sr, n[1], minPair, pairIn)
	if err != nil {
		return err
	}
	fileRows(rows, func(d *Decision) *Meta { return &d.Meta }, v.rows, &v.byID)
	v.actions = make(map[uuid.UUID]*Decision, len(actions))
	for _, p := range actions {
		if d := v.byID[p.to]; d != nil {
			v.actions[p.from] = d
		}
	}
	return nil
}

var actionsVersion = snapshotVersion(codecBase, ActionPoint{})

func (*Actions) SnapshotVersion() uint32 { return actionsVersion }

// WriteSnapshot writes the rows in the tracker's order, so filing them
// back only appends, then the lookup decision or meeting -> mechanism.
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
	return writeRegister(w, ActionsName, list(rows, actionOut), pairsOut(v.mechanism))
}

func (v *Actions) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, ActionsName, 2)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, actionIn)
	if err != nil {
		return err
	}
	mechanism, err := readItems(sr, n[1], minPair, pairIn)
	if err != nil {
		return err
	}
	v.byID = make(map[uuid.UUID]*ActionPoint, len(rows))
	for _, a := range rows {
		v.filed.add(a)
		v.byID[a.ID] = a
	}
	v.mechanism = make(map[uuid.UUID]uuid.UUID, len(mechanism))
	for _, p := range mechanism {
		v.mechanism[p.from] = p.to
	}
	return nil
}

var complianceVersion = snapshotVersion(codecBase, Issue{})

func (*Compliance) SnapshotVersion() uint32 { return complianceVersion }

func (v *Compliance) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeRegister(w, ComplianceName, list(pointers(v.byID), issueOut))
}

func (v *Compliance) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, ComplianceName, 1)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, issueIn)
	if err != nil {
		return err
	}
	fileRows(rows, func(i *Issue) *Meta { return &i.Meta }, v.rows, &v.byID)
	return nil
}

// subjectState is an escalation's subject as written (subject's fields are
// unexported, and the shape is what snapshotVersion hashes).
type subjectState struct {
	ID        uuid.UUID
	Category  string
	Component uuid.UUID
	Class     domain.Classification
}

var escalationsVersion = snapshotVersion(codecBase, struct {
	E Escalation
	S subjectState
}{})

func (*Escalations) SnapshotVersion() uint32 { return escalationsVersion }

func (v *Escalations) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	subjects := make([]subjectState, 0, len(v.subjects))
	for id, sub := range v.subjects {
		subjects = append(subjects, subjectState{ID: id, Category: sub.category, Component: sub.component, Class: sub.class})
	}
	return writeRegister(w, EscalationsName, list(pointers(v.byID), escalationOut), list(subjects, subjectOut))
}

func subjectOut(e *enc, s subjectState) {
	e.uuid(s.ID)
	e.word(s.Category)
	e.uuid(s.Component)
	e.word(string(s.Class))
}

func subjectIn(d *dec) subjectState {
	return subjectState{ID: d.uuid(), Category: d.word(), Component: d.uuid(), Class: domain.Classification(d.word())}
}

func (v *Escalations) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, EscalationsName, 2)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, escalationIn)
	if err != nil {
		return err
	}
	subjects, err := readItems(sr, n[1], 34, subjectIn)
	if err != nil {
		return err
	}
	fileRows(rows, func(x *Escalation) *Meta { return &x.Meta }, v.rows, &v.byID)
	v.subjects = make(map[uuid.UUID]subject, len(subjects))
	for _, sub := range subjects {
		v.subjects[sub.ID] = subject{category: sub.Category, component: sub.Component, class: sub.Class}
	}
	return nil
}

var lessonsVersion = snapshotVersion(codecBase, Lesson{})

func (*Lessons) SnapshotVersion() uint32 { return lessonsVersion }

func (v *Lessons) WriteSnapshot(w io.Writer) error {
	v.RLock()
	defer v.RUnlock()
	return writeRegister(w, LessonsName, list(pointers(v.byID), lessonOut))
}

func (v *Lessons) ReadSnapshot(r io.Reader) error {
	sr, n, err := readHead(r, LessonsName, 1)
	if err != nil {
		return err
	}
	rows, err := readRows(sr, n[0], minRow, lessonIn)
	if err != nil {
		return err
	}
	fileRows(rows, func(l *Lesson) *Meta { return &l.Meta }, v.rows, &v.byID)
	return nil
}
