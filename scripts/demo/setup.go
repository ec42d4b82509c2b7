package demo

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// parties are the components taking part, by short name.
type parties struct {
	hns, ifrc, icrc, jrcs, nrc, brc uuid.UUID
}

func (p parties) all() []uuid.UUID { return []uuid.UUID{p.hns, p.ifrc, p.icrc, p.jrcs, p.nrc, p.brc} }

// ladder is where escalations go, lowest rung first; it is data the
// operation sets, not a rule in code.
var ladder = []domain.Rung{
	{Key: "twg", Name: "Technical working group"},
	{Key: "ops_committee", Name: "Movement operations committee"},
	{Key: "platform", Name: "Movement platform and heads of delegation"},
	{Key: "regional_directors", Name: "Regional directors"},
	{Key: "leadership", Name: "Leadership of the components"},
}

func (s *script) setUp() {
	h := s.header("operation", s.at(0, 6), domain.ClassMovement)
	h.OperationID = uuid.Nil
	s.op = s.do(domain.OpenOperation{Header: h, Name: "Western Nepal earthquake response",
		Country: "NPL", CrisisType: "disaster", Glide: "EQ-2026-000142-NPL", StartedAt: s.at(0, 4),
		Severity: "high", Description: "M7.1 earthquake; Karnali and Sudurpashchim provinces"})
	s.do(domain.SetConveningRule{Header: s.header("convening-rule", s.at(0, 8), domain.ClassMovement), ID: s.op,
		AllOf: []domain.ComponentKind{domain.ComponentHNS}, AnyOf: []domain.ComponentKind{domain.ComponentIFRC, domain.ComponentICRC},
		Description: "Seville Agreement 2.0: the HNS convenes with the IFRC and/or the ICRC"})
	s.do(domain.SetEscalationLadder{Header: s.header("ladder", s.at(0, 8), domain.ClassMovement), ID: s.op, Rungs: ladder})
}

func (s *script) join(key, name, acronym string, kind domain.ComponentKind, country string, day int) uuid.UUID {
	id := s.do(domain.JoinComponent{Header: s.header("join-"+key, s.at(day, 9), domain.ClassMovement),
		Name: name, Acronym: acronym, Kind: kind, Country: country})
	s.do(domain.SignAgreement{Header: s.header("agreement-"+key, s.at(day+1, 10), domain.ClassMovement), ID: id,
		AgreementRef: "MCA-NPL-2026/" + acronym})
	return id
}

func (s *script) components() parties {
	p := parties{
		hns:  s.join("hns", "Nepal Red Cross Society", "NRCS", domain.ComponentHNS, "NPL", 0),
		ifrc: s.join("ifrc", "International Federation of Red Cross and Red Crescent Societies", "IFRC", domain.ComponentIFRC, "", 0),
		icrc: s.join("icrc", "International Committee of the Red Cross", "ICRC", domain.ComponentICRC, "", 0),
		jrcs: s.join("jrcs", "Japanese Red Cross Society", "JRCS", domain.ComponentPNS, "JPN", 2),
		nrc:  s.join("norcross", "Norwegian Red Cross", "NorCross", domain.ComponentPNS, "NOR", 3),
		brc:  s.join("brc", "British Red Cross", "BRC", domain.ComponentPNS, "GBR", 4),
	}
	s.actor.Component = p.ifrc
	s.do(domain.AssignConvener{Header: s.header("convener-hns", s.at(1, 9), domain.ClassMovement), ID: s.op, ComponentID: p.hns})
	s.do(domain.AssignConvener{Header: s.header("convener-ifrc", s.at(1, 9), domain.ClassMovement), ID: s.op, ComponentID: p.ifrc})
	s.do(domain.AssignLeadRole{Header: s.header("lead-shelter", s.at(2, 9), domain.ClassMovement), ID: s.op, ComponentID: p.ifrc, Area: "shelter"})
	s.do(domain.AssignLeadRole{Header: s.header("lead-rfl", s.at(2, 9), domain.ClassMovement), ID: s.op, ComponentID: p.icrc, Area: "restoring family links"})
	s.do(domain.ChangeSeverity{Header: s.header("severity-critical", s.at(3, 12), domain.ClassMovement), ID: s.op,
		Severity: "critical", Reason: "aftershock M6.2 on day 3; death toll revised upwards"})
	s.staffing(p)
	s.projects(p)
	s.contacts(p)
	return p
}

func (s *script) staffing(p parties) {
	figures := []struct {
		key                        string
		id                         uuid.UUID
		national, intl, volunteers int
	}{
		{"hns", p.hns, 120, 0, 2400}, {"ifrc", p.ifrc, 35, 18, 0}, {"icrc", p.icrc, 28, 9, 0},
		{"jrcs", p.jrcs, 4, 6, 0}, {"norcross", p.nrc, 3, 5, 0}, {"brc", p.brc, 2, 4, 0},
	}
	for _, f := range figures {
		s.do(domain.ReportStaffing{Header: s.header("staffing-"+f.key, s.at(7, 10), domain.ClassMovement), ID: f.id,
			AsOf: s.at(7, 0), NationalStaff: f.national, InternationalStaff: f.intl, Volunteers: f.volunteers})
	}
}

func (s *script) projects(p parties) {
	list := []struct {
		key, name, sector, area, areaName string
		owner                             uuid.UUID
		status                            domain.ProjectStatus
	}{
		{"shelter-jajarkot", "Emergency shelter kits", "shelter", "NP-KA-JAJ", "Jajarkot", p.ifrc, domain.ProjectOngoing},
		{"wash-rukum", "Water trucking and latrines", "wash", "NP-KA-RUW", "Rukum West", p.jrcs, domain.ProjectOngoing},
		{"health-bajura", "Mobile health clinics", "health", "NP-SU-BAJ", "Bajura", p.nrc, domain.ProjectPlanned},
		{"cash-jajarkot", "Multipurpose cash", "cash", "NP-KA-JAJ", "Jajarkot", p.brc, domain.ProjectPlanned},
		{"rfl-surkhet", "Restoring family links", "protection", "NP-KA-SUR", "Surkhet", p.icrc, domain.ProjectOngoing},
	}
	for _, pr := range list {
		id := s.do(domain.RegisterProject{Header: s.header("project-"+pr.key, s.at(5, 11), domain.ClassMovement),
			ComponentID: pr.owner, Name: pr.name, Sector: pr.sector, AdminAreaCode: pr.area, AdminAreaName: pr.areaName,
			Status: domain.ProjectPlanned, StartsAt: s.day(6, 0), EndsAt: s.day(120, 0)})
		if pr.status != domain.ProjectPlanned {
			s.do(domain.ChangeProjectStatus{Header: s.header("project-start-"+pr.key, s.at(9, 11), domain.ClassMovement), ID: id, Status: pr.status})
		}
	}
}

func (s *script) contacts(p parties) {
	list := []struct {
		key, given, family, function string
		component                    uuid.UUID
	}{
		{"hns-dm", "Sita", "Gurung", "Head of disaster management", p.hns},
		{"ifrc-hoo", "Marco", "Bianchi", "Head of operation", p.ifrc},
		{"icrc-hod", "Amira", "Haddad", "Head of delegation", p.icrc},
		{"jrcs-tl", "Kenji", "Sato", "Team leader", p.jrcs},
		{"norcross-hc", "Ingrid", "Larsen", "Health coordinator", p.nrc},
		{"brc-cash", "Oliver", "Hughes", "Cash delegate", p.brc},
	}
	for i, c := range list {
		s.do(domain.AddContact{Header: s.header("contact-"+c.key, s.at(2+i%3, 12), domain.ClassRestricted),
			PersonID: PersonID(c.key), GivenName: c.given, FamilyName: c.family,
			Email: c.key + "@example.org", Phone: "+977-1-555-01" + string(rune('0'+i)) + "0",
			Function: c.function, ComponentID: c.component})
	}
}

// PersonID is the stable pseudonymous id of a demo person, by key (for
// example "hns-dm", whose contact address is hns-dm@example.org).
func PersonID(key string) uuid.UUID {
	return uuid.NewSHA1(uuid.NameSpaceOID, []byte("ledger-demo-person/"+key))
}
