package views

import (
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// ComponentsName is the checkpoint key of the component map.
const ComponentsName = "components"

// Component is a row of the component map: who is there, in what role,
// under which agreement, with which staff and projects.
type Component struct {
	Meta
	Name              string                            `json:"name"`
	Acronym           string                            `json:"acronym,omitempty"`
	Kind              domain.ComponentKind              `json:"kind"`
	Country           string                            `json:"country,omitempty"`
	AgreementRef      string                            `json:"agreement_ref,omitempty"`
	AgreementSignedAt time.Time                         `json:"agreement_signed_at,omitzero"`
	Withdrawn         bool                              `json:"withdrawn"`
	Convener          bool                              `json:"convener"`
	LeadAreas         []string                          `json:"lead_areas,omitempty"`
	Staffing          *domain.ComponentStaffingReported `json:"staffing,omitempty"`
	Projects          []Project                         `json:"projects,omitempty"`
}

// Project is one activity of a component (who does what where).
type Project struct {
	Meta
	ComponentID   uuid.UUID            `json:"component_id"`
	Name          string               `json:"name"`
	Sector        string               `json:"sector"`
	AdminAreaCode string               `json:"admin_area_code"`
	AdminAreaName string               `json:"admin_area_name,omitempty"`
	Status        domain.ProjectStatus `json:"status"`
	StartsAt      time.Time            `json:"starts_at,omitzero"`
	EndsAt        time.Time            `json:"ends_at,omitzero"`
}

// roles are an operation's role assignments, kept apart from components
// because a role may be assigned before the component's record is replayed.
type roles struct {
	conveners map[uuid.UUID]bool
	leads     map[uuid.UUID][]string
}

// Components is the component map.
type Components struct {
	sync.RWMutex
	rows     perOp[Component]
	byID     map[uuid.UUID]*Component
	projects perOp[Project]
	project  map[uuid.UUID]*Project
	roles    map[uuid.UUID]*roles // operation -> roles
}

// NewComponents returns an empty map.
func NewComponents() *Components {
	return &Components{rows: perOp[Component]{}, byID: map[uuid.UUID]*Component{},
		projects: perOp[Project]{}, project: map[uuid.UUID]*Project{}, roles: map[uuid.UUID]*roles{}}
}

func (*Components) Name() string { return ComponentsName }

// Apply implements projections.Projection.
func (v *Components) Apply(e *projections.Event) error {
	switch e.Ref.Kind {
	case domain.KindOperation:
		v.applyRole(e)
	case domain.KindComponent:
		v.applyComponent(e)
	case domain.KindProject:
		v.applyProject(e)
	}
	return nil
}

func (v *Components) applyComponent(e *projections.Event) {
	if p, ok := e.Payload.(domain.ComponentJoined); ok {
		c := &Component{Meta: newMeta(e), Name: p.Name, Acronym: p.Acronym, Kind: p.Kind, Country: p.Country}
		v.rows.put(c.OperationID, c.ID, c)
		v.byID[c.ID] = c
		return
	}
	c := v.byID[e.Ref.ID]
	if c == nil {
		return
	}
	c.touch(e)
	switch p := e.Payload.(type) {
	case domain.ComponentAgreementSigned:
		c.AgreementRef, c.AgreementSignedAt = p.AgreementRef, p.SignedAt
	case domain.ComponentStaffingReported:
		c.Staffing = &p
	case domain.ComponentWithdrawn:
		c.Withdrawn = true
	case domain.CorrectionRecorded:
		correct(c, p, componentFeeds)
	}
}

func (v *Components) applyProject(e *projections.Event) {
	if p, ok := e.Payload.(domain.ProjectRegistered); ok {
		pr := &Project{Meta: newMeta(e), ComponentID: p.ComponentID, Name: p.Name, Sector: p.Sector,
			AdminAreaCode: p.AdminAreaCode, AdminAreaName: p.AdminAreaName, Status: p.Status, StartsAt: p.StartsAt, EndsAt: p.EndsAt}
		v.projects.put(pr.OperationID, pr.ID, pr)
		v.project[pr.ID] = pr
		return
	}
	pr := v.project[e.Ref.ID]
	if pr == nil {
		return
	}
	pr.touch(e)
	switch p := e.Payload.(type) {
	case domain.ProjectStatusChanged:
		pr.Status = p.To
	case domain.CorrectionRecorded:
		correct(pr, p, projectFeeds)
	}
}

// componentFeeds and projectFeeds are the columns corrected fields feed.
var componentFeeds = []feed[Component]{
	column(domain.ComponentJoined{}, "name", func(c *Component) *string { return &c.Name }),
	column(domain.ComponentJoined{}, "acronym", func(c *Component) *string { return &c.Acronym }),
	column(domain.ComponentJoined{}, "kind", func(c *Component) *domain.ComponentKind { return &c.Kind }),
	column(domain.ComponentJoined{}, "country", func(c *Component) *string { return &c.Country }),
	column(domain.ComponentAgreementSigned{}, "agreement_ref", func(c *Component) *string { return &c.AgreementRef }),
	column(domain.ComponentAgreementSigned{}, "signed_at", func(c *Component) *time.Time { return &c.AgreementSignedAt }),
}

var projectFeeds = []feed[Project]{
	column(domain.ProjectRegistered{}, "name", func(p *Project) *string { return &p.Name }),
	column(domain.ProjectRegistered{}, "sector", func(p *Project) *string { return &p.Sector }),
	column(domain.ProjectRegistered{}, "admin_area_code", func(p *Project) *string { return &p.AdminAreaCode }),
	column(domain.ProjectRegistered{}, "admin_area_name", func(p *Project) *string { return &p.AdminAreaName }),
	column(domain.ProjectRegistered{}, "status", func(p *Project) *domain.ProjectStatus { return &p.Status }),
	column(domain.ProjectRegistered{}, "starts_at", func(p *Project) *time.Time { return &p.StartsAt }),
	column(domain.ProjectRegistered{}, "ends_at", func(p *Project) *time.Time { return &p.EndsAt }),
}
