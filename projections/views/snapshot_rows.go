package views

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// The row codecs: each writes every field of its row, in the order of the
// struct, and reads them back in that order. Strings that repeat across
// rows (enumerations, countries, sectors, owners' names) are read as words,
// allocated once each. TestEveryRowFieldRoundTrips fails when a row gains
// a field one of these does not write.

// minRow is the fewest bytes a row can take (its Meta's ids alone are 32):
// it bounds what a corrupt count can make the reader allocate.
const minRow = 36

func metaOut(e *enc, m *Meta) {
	e.uuid(m.ID)
	e.uuid(m.OperationID)
	e.word(string(m.Classification))
	e.time(m.CreatedAt)
	e.time(m.UpdatedAt)
	e.uvarint(m.Version)
}

func metaIn(d *dec, m *Meta) {
	m.ID, m.OperationID = d.uuid(), d.uuid()
	m.Classification = domain.Classification(d.word())
	m.CreatedAt, m.UpdatedAt = d.time(), d.time()
	m.Version = d.uvarint()
}

func uuidsOut(e *enc, ids []uuid.UUID) { sliceOut(e, ids, e.uuid) }
func uuidsIn(d *dec) []uuid.UUID       { return sliceIn(d, 16, d.uuid) }
func wordsOut[S ~string](e *enc, s []S) {
	sliceOut(e, s, func(v S) { e.word(string(v)) })
}
func wordsIn[S ~string](d *dec) []S { return sliceIn(d, 1, func() S { return S(d.word()) }) }

func operationOut(e *enc, o *Operation) {
	metaOut(e, &o.Meta)
	e.str(o.Name)
	e.word(o.Country)
	e.word(o.CrisisType)
	e.str(o.Glide)
	e.str(o.ExternalID)
	e.time(o.StartedAt)
	e.word(string(o.Phase))
	e.word(o.Severity)
	e.bool(o.ConveningRule != nil)
	if r := o.ConveningRule; r != nil {
		wordsOut(e, r.AllOf)
		wordsOut(e, r.AnyOf)
		e.str(r.Description)
	}
	sliceOut(e, o.Ladder, func(r domain.Rung) { e.word(r.Key); e.word(r.Name) })
}

func operationIn(d *dec, o *Operation) {
	metaIn(d, &o.Meta)
	o.Name, o.Country, o.CrisisType = d.str(), d.word(), d.word()
	o.Glide, o.ExternalID = d.str(), d.str()
	o.StartedAt = d.time()
	o.Phase, o.Severity = domain.Phase(d.word()), d.word()
	if d.bool() {
		o.ConveningRule = &domain.OperationConveningRuleSet{
			AllOf: wordsIn[domain.ComponentKind](d), AnyOf: wordsIn[domain.ComponentKind](d), Description: d.str()}
	}
	o.Ladder = sliceIn(d, 2, func() domain.Rung { return domain.Rung{Key: d.word(), Name: d.word()} })
}

func componentOut(e *enc, c *Component) {
	metaOut(e, &c.Meta)
	e.str(c.Name)
	e.str(c.Acronym)
	e.word(string(c.Kind))
	e.word(c.Country)
	e.str(c.AgreementRef)
	e.time(c.AgreementSignedAt)
	e.bool(c.Withdrawn)
	e.bool(c.Convener)
	wordsOut(e, c.LeadAreas)
	e.bool(c.Staffing != nil)
	if s := c.Staffing; s != nil {
		e.time(s.AsOf)
		e.int(s.NationalStaff)
		e.int(s.InternationalStaff)
		e.int(s.Volunteers)
	}
	sliceOut(e, c.Projects, func(p Project) { projectOut(e, &p) })
}

func componentIn(d *dec, c *Component) {
	metaIn(d, &c.Meta)
	c.Name, c.Acronym, c.Kind, c.Country = d.str(), d.str(), domain.ComponentKind(d.word()), d.word()
	c.AgreementRef, c.AgreementSignedAt = d.str(), d.time()
	c.Withdrawn, c.Convener = d.bool(), d.bool()
	c.LeadAreas = wordsIn[string](d)
	if d.bool() {
		c.Staffing = &domain.ComponentStaffingReported{AsOf: d.time(),
			NationalStaff: d.int(), InternationalStaff: d.int(), Volunteers: d.int()}
	}
	c.Projects = sliceIn(d, minRow, func() (p Project) { projectIn(d, &p); return p })
}

func projectOut(e *enc, p *Project) {
	metaOut(e, &p.Meta)
	e.uuid(p.ComponentID)
	e.str(p.Name)
	e.word(p.Sector)
	e.word(p.AdminAreaCode)
	e.word(p.AdminAreaName)
	e.word(string(p.Status))
	e.time(p.StartsAt)
	e.time(p.EndsAt)
}

func projectIn(d *dec, p *Project) {
	metaIn(d, &p.Meta)
	p.ComponentID, p.Name, p.Sector = d.uuid(), d.str(), d.word()
	p.AdminAreaCode, p.AdminAreaName = d.word(), d.word()
	p.Status = domain.ProjectStatus(d.word())
	p.StartsAt, p.EndsAt = d.time(), d.time()
}

func contactOut(e *enc, c *Contact) {
	metaOut(e, &c.Meta)
	e.uuid(c.PersonID)
	e.str(c.GivenName)
	e.str(c.FamilyName)
	e.str(c.Email)
	e.str(c.Phone)
	e.word(c.Function)
	e.uuid(c.ComponentID)
	e.bool(c.Removed)
}

// contactIn reads personal fields as plain strings, never shared with
// another row, so that erasing a person leaves no copy behind.
func contactIn(d *dec, c *Contact) {
	metaIn(d, &c.Meta)
	c.PersonID = d.uuid()
	c.GivenName, c.FamilyName, c.Email, c.Phone = d.str(), d.str(), d.str(), d.str()
	c.Function, c.ComponentID, c.Removed = d.word(), d.uuid(), d.bool()
}

func mechanismOut(e *enc, m *Mechanism) {
	metaOut(e, &m.Meta)
	e.str(m.Name)
	e.word(string(m.Level))
	e.str(m.TermsOfReference)
	e.word(string(m.DecisionRule))
	e.int(m.Quorum)
	uuidsOut(e, m.Members)
	e.bool(m.Dissolved)
}

func mechanismIn(d *dec, m *Mechanism) {
	metaIn(d, &m.Meta)
	m.Name, m.Level, m.TermsOfReference = d.str(), domain.Level(d.word()), d.str()
	m.DecisionRule, m.Quorum = domain.DecisionRule(d.word()), d.int()
	m.Members, m.Dissolved = uuidsIn(d), d.bool()
}

func meetingOut(e *enc, m *Meeting) {
	metaOut(e, &m.Meta)
	e.uuid(m.MechanismID)
	e.str(m.Title)
	e.time(m.ScheduledFor)
	e.word(m.Location)
	e.word(string(m.State))
	e.time(m.HeldAt)
	e.int(m.Attendees)
	uuidsOut(e, m.ComponentsPresent)
	e.bool(m.QuorumMet)
	e.int(m.Drafts)
	e.time(m.MinutesCirculated)
	e.time(m.MinutesApproved)
	e.int(m.MinutesCorrections)
}

func meetingIn(d *dec, m *Meeting) {
	metaIn(d, &m.Meta)
	m.MechanismID, m.Title, m.ScheduledFor = d.uuid(), d.str(), d.time()
	m.Location, m.State, m.HeldAt = d.word(), domain.MeetingState(d.word()), d.time()
	m.Attendees, m.ComponentsPresent, m.QuorumMet, m.Drafts = d.int(), uuidsIn(d), d.bool(), d.int()
	m.MinutesCirculated, m.MinutesApproved, m.MinutesCorrections = d.time(), d.time(), d.int()
}

func decisionOut(e *enc, x *Decision) {
	metaOut(e, &x.Meta)
	e.uuid(x.MechanismID)
	e.uuid(x.MeetingID)
	e.str(x.Title)
	e.str(x.Text)
	e.str(x.Rationale)
	e.word(string(x.State))
	e.word(string(x.Procedure))
	e.time(x.AdoptedAt)
	uuidsOut(e, x.AgreedBy)
	e.int(x.Objections)
	uuidsOut(e, x.EndorsedBy)
	e.int(x.Amendments)
	e.uuid(x.SupersededBy)
	sliceOut(e, x.ActionPoints, func(a LinkedAction) {
		e.uuid(a.ID)
		e.word(string(a.State))
		e.int(a.Percent)
		e.time(a.LastProgressAt)
	})
}

func decisionIn(d *dec, x *Decision) {
	metaIn(d, &x.Meta)
	x.MechanismID, x.MeetingID = d.uuid(), d.uuid()
	x.Title, x.Text, x.Rationale = d.str(), d.str(), d.str()
	x.State, x.Procedure, x.AdoptedAt = domain.DecisionState(d.word()), domain.Procedure(d.word()), d.time()
	x.AgreedBy, x.Objections, x.EndorsedBy, x.Amendments = uuidsIn(d), d.int(), uuidsIn(d), d.int()
	x.SupersededBy = d.uuid()
	x.ActionPoints = sliceIn(d, 19, func() LinkedAction {
		return LinkedAction{ID: d.uuid(), State: domain.APState(d.word()), Percent: d.int(), LastProgressAt: d.time()}
	})
}

func actionOut(e *enc, a *ActionPoint) {
	metaOut(e, &a.Meta)
	e.uuid(a.DecisionID)
	e.uuid(a.MeetingID)
	e.uuid(a.MechanismID)
	e.str(a.Title)
	e.uuid(a.Owner.ComponentID)
	e.uuid(a.Owner.PersonID)
	e.word(a.Owner.Name)
	e.word(string(a.State))
	e.int(a.Percent)
	e.time(a.DueAt)
	e.time(a.OriginalDueAt)
	e.int(a.DueChanges)
	e.str(a.BlockedReason)
	e.time(a.ClosedAt)
	e.time(a.LastProgressAt)
	e.bool(a.Overdue)
	e.int(a.DaysOverdue)
}

// actionIn reads the owner's name as a word: owners repeat across action
// points, and erasure replaces the field, so sharing it keeps no copy alive.
func actionIn(d *dec, a *ActionPoint) {
	metaIn(d, &a.Meta)
	a.DecisionID, a.MeetingID, a.MechanismID = d.uuid(), d.uuid(), d.uuid()
	a.Title = d.str()
	a.Owner = domain.Owner{ComponentID: d.uuid(), PersonID: d.uuid(), Name: d.word()}
	a.State, a.Percent = domain.APState(d.word()), d.int()
	a.DueAt, a.OriginalDueAt, a.DueChanges = d.time(), d.time(), d.int()
	a.BlockedReason, a.ClosedAt, a.LastProgressAt = d.str(), d.time(), d.time()
	a.Overdue, a.DaysOverdue = d.bool(), d.int()
}

func issueOut(e *enc, i *Issue) {
	metaOut(e, &i.Meta)
	e.word(string(i.Category))
	e.word(i.RuleReference)
	e.uuid(i.SubjectComponentID)
	e.word(string(i.Severity))
	e.str(i.Summary)
	e.uuid(i.ReporterPersonID)
	e.str(i.ReporterName)
	e.word(i.ReportedBy)
	e.str(i.ExternalCaseRef)
	e.word(string(i.State))
	e.time(i.TriagedAt)
	e.time(i.ClosedAt)
	e.int(i.Reopened)
	sliceOut(e, i.Measures, func(m Measure) {
		e.uuid(m.ID)
		e.str(m.Description)
		e.uuid(m.OwnerComponentID)
		e.time(m.DueAt)
		e.word(m.State)
		uuidsOut(e, m.AgreedBy)
	})
	sliceOut(e, i.Referrals, func(r Referral) { e.word(r.Body); e.str(r.CaseReference) })
}

func issueIn(d *dec, i *Issue) {
	metaIn(d, &i.Meta)
	i.Category, i.RuleReference = domain.Category(d.word()), d.word()
	i.SubjectComponentID, i.Severity, i.Summary = d.uuid(), domain.Severity(d.word()), d.str()
	i.ReporterPersonID, i.ReporterName, i.ReportedBy = d.uuid(), d.str(), d.word()
	i.ExternalCaseRef, i.State = d.str(), domain.IssueState(d.word())
	i.TriagedAt, i.ClosedAt, i.Reopened = d.time(), d.time(), d.int()
	i.Measures = sliceIn(d, 36, func() Measure {
		return Measure{ID: d.uuid(), Description: d.str(), OwnerComponentID: d.uuid(), DueAt: d.time(),
			State: d.word(), AgreedBy: uuidsIn(d)}
	})
	i.Referrals = sliceIn(d, 2, func() Referral { return Referral{Body: d.word(), CaseReference: d.str()} })
}

func escalationOut(e *enc, x *Escalation) {
	metaOut(e, &x.Meta)
	e.word(string(x.SubjectKind))
	e.uuid(x.SubjectID)
	e.uuid(x.Follows)
	e.word(x.Rung)
	e.word(x.BodyName)
	e.str(x.Reason)
	e.word(string(x.State))
	e.time(x.AtRungSince)
	e.time(x.AcknowledgedAt)
	e.time(x.AnsweredAt)
	e.time(x.ResolvedAt)
	e.int(x.Hops)
	wordsOut(e, x.Rungs)
	e.word(x.Category)
	e.uuid(x.Component)
}

func escalationIn(d *dec, x *Escalation) {
	metaIn(d, &x.Meta)
	x.SubjectKind, x.SubjectID, x.Follows = domain.Kind(d.word()), d.uuid(), d.uuid()
	x.Rung, x.BodyName, x.Reason = d.word(), d.word(), d.str()
	x.State, x.AtRungSince = domain.EscalationState(d.word()), d.time()
	x.AcknowledgedAt, x.AnsweredAt, x.ResolvedAt = d.time(), d.time(), d.time()
	x.Hops, x.Rungs = d.int(), wordsIn[string](d)
	x.Category, x.Component = d.word(), d.uuid()
}

func lessonOut(e *enc, l *Lesson) {
	metaOut(e, &l.Meta)
	e.word(string(l.Source))
	e.str(l.Observation)
	e.str(l.Recommendation)
	sliceOut(e, l.Links, func(r domain.Ref) { e.word(string(r.Kind)); e.uuid(r.ID) })
	e.word(string(l.Response))
	e.str(l.ResponseNote)
	e.uuid(l.ResponderComponentID)
	e.time(l.RespondedAt)
}

func lessonIn(d *dec, l *Lesson) {
	metaIn(d, &l.Meta)
	l.Source, l.Observation, l.Recommendation = domain.LessonSource(d.word()), d.str(), d.str()
	l.Links = sliceIn(d, 17, func() domain.Ref { return domain.Ref{Kind: domain.Kind(d.word()), ID: d.uuid()} })
	l.Response, l.ResponseNote = domain.Response(d.word()), d.str()
	l.ResponderComponentID, l.RespondedAt = d.uuid(), d.time()
}
