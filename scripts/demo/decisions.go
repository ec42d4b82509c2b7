package demo

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

func (s *script) meetingsAndDecisions(m bodies) {
	all := m.all()
	ops1 := s.meeting("ops-1", m.opsCommittee, "Operations committee, week 1", 4, all, 2)
	shelter := s.decide("shelter-standard", m.opsCommittee, ops1, 4, "One shelter kit standard",
		"All components distribute the agreed shelter kit (2 tarpaulins, toolkit, rope) through the NRCS branches.", all)
	cash := s.decide("cash-transfer-value", m.opsCommittee, ops1, 4, "Common cash transfer value",
		"Multipurpose cash is NPR 15,000 per household per month, set with the cash working group.", all)
	s.meeting("platform-1", m.platform, "Movement platform, first meeting", 6, []uuid.UUID{m.hns, m.ifrc, m.icrc}, 5)
	s.do(domain.EndorseDecision{Header: s.header("endorse-shelter", s.at(6, 12), domain.ClassMovement), ID: shelter,
		ByMechanismID: m.platform, Note: "Endorsed by the heads of delegation"})

	ops2 := s.meeting("ops-2", m.opsCommittee, "Operations committee, week 2", 11, all, 9)
	cash2 := s.decide("cash-transfer-value-2", m.opsCommittee, ops2, 11, "Revised cash transfer value",
		"Multipurpose cash rises to NPR 18,000 per household per month after the market assessment.", all)
	s.do(domain.SupersedeDecision{Header: s.header("supersede-cash", s.at(11, 12), domain.ClassMovement), ID: cash, ByDecisionID: cash2,
		Reason: "market assessment of week 2"})
	comms := s.decide("joint-comms", m.opsCommittee, ops2, 11, "Joint public communication",
		"Public statements on the response are cleared by the NRCS communications lead.", all)
	s.do(domain.AmendDecision{Header: s.header("amend-comms", s.at(13, 9), domain.ClassMovement), ID: comms,
		Text: "Public statements are cleared by the NRCS communications lead within 24 hours.", Reason: "clearance took too long"})
	trucks := s.decide("fuel-pool", m.opsCommittee, ops2, 11, "Shared fuel pool", "Components share one fuel pool for trucks.", all)
	s.do(domain.RescindDecision{Header: s.header("rescind-fuel", s.at(16, 9), domain.ClassMovement), ID: trucks,
		Reason: "fuel supply normalised; each component buys its own"})

	twg := s.meeting("twg-1", m.shelterTWG, "Shelter working group", 8, []uuid.UUID{m.hns, m.ifrc, m.jrcs, m.brc}, 0)
	s.decide("winterisation", m.shelterTWG, twg, 8, "Winterisation kits for high districts",
		"Add blankets and insulation to kits above 2,000 m.", []uuid.UUID{m.hns, m.ifrc, m.jrcs, m.brc})
	s.actionPoints(m, shelter, cash2, comms)
}

// actionPoints leaves one action point in each state, some of them overdue.
func (s *script) actionPoints(m bodies, shelter, cash, comms uuid.UUID) {
	raise := func(key string, decision uuid.UUID, title string, owner uuid.UUID, day, dueDay int) uuid.UUID {
		return s.do(domain.RaiseActionPoint{Header: s.header("ap-"+key, s.at(day, 13), domain.ClassMovement),
			DecisionID: decision, Title: title, Owner: domain.Owner{ComponentID: owner}, DueAt: s.day(dueDay, 17)})
	}
	note := func(key string, day int) domain.Header { return s.header(key, s.at(day, 16), domain.ClassMovement) }

	raise("kits-jajarkot", shelter, "Distribute 3,000 shelter kits in Jajarkot", m.ifrc, 4, 60) // open, not yet due
	inProgress := raise("kits-rukum", shelter, "Distribute 2,000 shelter kits in Rukum West", m.jrcs, 4, 30)
	s.do(domain.ReportProgress{Header: note("ap-kits-rukum-progress", 20), ID: inProgress, Percent: 55, Note: "1,100 kits distributed"})
	blocked := raise("cash-registration", cash, "Register 5,000 households for cash", m.brc, 11, 25)
	s.do(domain.BlockActionPoint{Header: note("ap-cash-blocked", 18), ID: blocked, Reason: "waiting for the government's beneficiary list"})
	done := raise("kit-spec", shelter, "Publish the shelter kit specification", m.ifrc, 4, 7)
	s.do(domain.CompleteActionPoint{Header: note("ap-kit-spec-done", 6), ID: done, Note: "specification shared with all components"})
	verified := raise("comms-focal", comms, "Name a communications focal point per component", m.hns, 11, 14)
	s.do(domain.CompleteActionPoint{Header: note("ap-comms-focal-done", 13), ID: verified, Note: "list circulated"})
	s.do(domain.VerifyActionPoint{Header: note("ap-comms-focal-verified", 15), ID: verified, Note: "checked against the contact list"})
	cancelled := raise("fuel-rota", comms, "Draw up a fuel rota", m.nrc, 11, 20)
	s.do(domain.CancelActionPoint{Header: note("ap-fuel-rota-cancelled", 16), ID: cancelled, Reason: "the fuel pool decision was rescinded"})
	slipped := raise("market-assessment", cash, "Repeat the market assessment", m.ifrc, 11, 21) // overdue
	s.do(domain.ChangeDueDate{Header: note("ap-market-slip", 20), ID: slipped, DueAt: s.day(28, 17), Reason: "roads to Bajura closed by landslides"})
	raise("clinic-sites", shelter, "Agree sites for mobile clinics", m.nrc, 12, 19) // overdue, never started
}
