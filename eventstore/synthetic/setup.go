package synthetic

import (
	"fmt"

	"github.com/movementcoord/ledger/domain"
)

// component generates a component with its contacts and projects.
func (o *opState) component(kind domain.ComponentKind) []Record {
	rng := o.g.rng
	c := o.later(domain.KindComponent, 3)
	c.add(domain.ComponentJoined{Name: fmt.Sprintf("%s %d", kind, len(o.components)), Acronym: string(kind), Kind: kind, Country: "SDN"})
	o.components = append(o.components, c.ref.ID)
	c.add(domain.ComponentAgreementSigned{AgreementRef: "MCA-2026", SignedAt: c.at})
	c.add(domain.ComponentStaffingReported{AsOf: c.at, NationalStaff: rng.IntN(200), InternationalStaff: rng.IntN(20), Volunteers: rng.IntN(2000)})
	if chance(rng, 10) {
		c.add(domain.ComponentWithdrawn{Reason: "end of mandate"})
	}
	c.correct(`{"acronym":"FIXED"}`)
	out := []Record{c.out}
	for range 2 {
		out = append(out, o.contact(c.ref.ID.String()), o.project())
	}
	return out
}

func (o *opState) contact(component string) Record {
	rng := o.g.rng
	r := o.later(domain.KindContact, 5)
	cid := o.components[len(o.components)-1]
	person := o.g.id()
	o.persons = append(o.persons, person)
	if chance(rng, 10) { // an old record written before contacts had split names
		data := fmt.Appendf(nil, `{"person_id":%q,"name":"Amina Hassan","function":"health coordinator","component_id":%q}`, person, component)
		r.addRaw("contact.added.v1", data)
	} else {
		r.add(domain.ContactAdded{PersonID: person, GivenName: "Amina", FamilyName: fmt.Sprintf("Hassan %d", rng.IntN(100)),
			Email: "a.hassan@example.org", Function: "logistics", ComponentID: cid})
	}
	if chance(rng, 20) {
		r.add(domain.ContactUpdated{PersonID: o.g.id(), GivenName: "Amina", FamilyName: "Hassan", Phone: "+249 1"})
	}
	o.language(r)
	if chance(rng, 10) {
		r.add(domain.ContactRemoved{Reason: "left the operation"})
	}
	return r.out
}

var sectors = []string{"health", "shelter", "wash", "food security", "protection", "rfl"}

func (o *opState) project() Record {
	rng := o.g.rng
	r := o.later(domain.KindProject, 5)
	r.add(domain.ProjectRegistered{ComponentID: o.components[len(o.components)-1], Name: "Mobile clinics",
		Sector: sectors[rng.IntN(len(sectors))], AdminAreaCode: fmt.Sprintf("SD%02d", rng.IntN(18)),
		AdminAreaName: "Khartoum", Status: domain.ProjectPlanned, StartsAt: r.at})
	if chance(rng, 70) {
		r.add(domain.ProjectStatusChanged{From: domain.ProjectPlanned, To: domain.ProjectOngoing})
	}
	r.correct(`{"sector":"health"}`)
	return r.out
}

func (o *opState) mechanism(lvl domain.Level) Record {
	rng := o.g.rng
	r := o.later(domain.KindMechanism, 2)
	r.add(domain.MechanismEstablished{Name: "Coordination " + string(lvl), Level: lvl, TermsOfReference: "ToR v1",
		DecisionRule: domain.RuleConsensus})
	for _, c := range o.components {
		r.add(domain.MechanismMemberAdded{ComponentID: c})
	}
	if chance(rng, 30) {
		r.add(domain.MechanismTermsUpdated{TermsOfReference: "ToR v2"})
		r.add(domain.MechanismDecisionRuleChanged{DecisionRule: domain.RuleMajority, Quorum: 3, Reason: "too slow"})
		r.add(domain.MechanismMemberRemoved{ComponentID: o.components[len(o.components)-1], Reason: "withdrew"})
	}
	if chance(rng, 8) {
		r.add(domain.MechanismDissolved{Reason: "merged"})
	}
	o.mechanisms = append(o.mechanisms, r.ref.ID)
	return r.out
}
