package synthetic

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// followUp generates the action points of the decisions and the compliance
// issues flagged meanwhile.
func (o *opState) followUp() []Record {
	var out []Record
	for _, d := range o.decisions {
		for range o.g.rng.IntN(4) {
			out = append(out, o.action(d))
		}
	}
	for range 1 + len(o.decisions)/3 {
		out = append(out, o.issue())
	}
	return out
}

func (o *opState) action(decision uuid.UUID) Record {
	rng := o.g.rng
	r := o.later(domain.KindActionPoint, 30)
	due := r.at.Add(time.Duration(7+rng.IntN(30)) * 24 * time.Hour)
	owner := domain.Owner{ComponentID: o.pick(), PersonID: o.g.id(), Name: "Jean Dupont"}
	if chance(rng, 15) { // raised in the meeting, owner found later
		r.add(domain.ActionPointRaised{DecisionID: decision, Title: "Deploy field teams", DueAt: due})
		r.add(domain.ActionPointAssigned{Owner: owner})
	} else {
		r.add(domain.ActionPointRaised{DecisionID: decision, Title: "Deploy field teams", Owner: owner, DueAt: due})
	}
	o.actions = append(o.actions, r.ref.ID)
	if chance(rng, 20) {
		r.add(domain.ActionPointReassigned{FromComponentID: o.pick(), Owner: domain.Owner{ComponentID: o.pick()}, Reason: "capacity"})
	}
	if chance(rng, 30) {
		changed := domain.ActionPointDueDateChanged{From: due, To: due.Add(14 * 24 * time.Hour), Reason: "access delayed"}
		theirs := r.add(changed)
		if len(o.actions)%10 == 0 { // now and then an offline change met it (issue 19)
			r.conflict(theirs, changed)
		}
	}
	for p := range rng.IntN(4) {
		r.add(domain.ActionPointProgressReported{Percent: 20 * (p + 1), Note: "teams deployed in two areas"})
	}
	o.remind(r, owner.ComponentID)
	switch n := rng.IntN(100); {
	case n < 15:
		r.add(domain.ActionPointBlocked{Reason: "no fuel"})
	case n < 55:
		r.add(domain.ActionPointCompleted{Note: "done"})
		if chance(rng, 50) {
			r.add(domain.ActionPointVerified{Note: "checked on site"})
		} else if chance(rng, 10) {
			r.add(domain.ActionPointReopened{Reason: "not finished after all"})
		}
	case n < 62:
		r.add(domain.ActionPointCancelled{Reason: "overtaken by events"})
	}
	r.correct(`{"title":"Deploy field teams to the east"}`)
	return r.out
}

var categories = []domain.Category{domain.CatEmblem, domain.CatResourceMobilisation, domain.CatRolesAgreements,
	domain.CatCommunicationVisibility, domain.CatFundamentalPrinciples, domain.CatCodeOfConduct, domain.CatFraud}

var severities = domain.Values[domain.Severity]()

func (o *opState) issue() Record {
	rng := o.g.rng
	r := o.later(domain.KindCompliance, 40)
	cat := categories[rng.IntN(len(categories))]
	rep := domain.ComplianceReported{Category: cat, SubjectComponentID: o.pick(), Severity: severities[rng.IntN(4)],
		RuleReference: "Seville Agreement 2.0 art. 6", ReporterPersonID: o.g.id(), ReporterName: "A. Reporter"}
	if cat == domain.CatFraud {
		rep.ExternalCaseRef = "CASE-2026-77"
	} else {
		rep.Summary = "Fundraising appeal launched without the host society's agreement"
	}
	r.add(rep)
	o.issues = append(o.issues, r.ref.ID)
	if chance(rng, 15) {
		return r.out // not triaged yet
	}
	r.add(domain.ComplianceTriaged{Severity: severities[rng.IntN(4)], Note: "confirmed"})
	if cat == domain.CatFraud {
		r.add(domain.ComplianceReferred{Body: "IFRC investigations", CaseReference: "INV-42"})
	}
	m := o.g.id()
	r.add(domain.ComplianceMeasureProposed{MeasureID: m, Description: "withdraw the appeal", OwnerComponentID: rep.SubjectComponentID, DueAt: r.at.Add(10 * 24 * time.Hour)})
	if chance(rng, 70) {
		r.add(domain.ComplianceMeasureAgreed{MeasureID: m, AgreedBy: o.components[:2]})
		if chance(rng, 70) {
			r.add(domain.ComplianceMeasureCompleted{MeasureID: m, Note: "appeal withdrawn"})
		}
	}
	switch n := rng.IntN(100); {
	case n < 50:
		r.add(domain.ComplianceResolved{ResolutionNote: "corrected"})
		if chance(rng, 10) {
			r.add(domain.ComplianceReopened{Reason: "happened again"})
		}
	case n < 60:
		r.add(domain.ComplianceDismissed{Note: "unfounded"})
	}
	r.correct(`{"rule_reference":"Seville Agreement 2.0 art. 7"}`)
	return r.out
}
