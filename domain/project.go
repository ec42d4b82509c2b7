package domain

import (
	"time"

	"github.com/google/uuid"
)

// ProjectStatus is where a project stands on the who-does-what-where map.
type ProjectStatus string

const (
	ProjectPlanned   ProjectStatus = "planned"
	ProjectOngoing   ProjectStatus = "ongoing"
	ProjectCompleted ProjectStatus = "completed"
)

// ProjectRegistered puts a component's project on the map.
type ProjectRegistered struct {
	ComponentID   uuid.UUID     `json:"component_id" doc:"component that runs the project"`
	Name          string        `json:"name" doc:"name of the project or activity"`
	Sector        string        `json:"sector" doc:"sector, e.g. health, shelter, WASH (HXL #sector)"`
	AdminAreaCode string        `json:"admin_area_code" doc:"P-code of the admin area (HXL #adm1+code or finer)"`
	AdminAreaName string        `json:"admin_area_name,omitempty" doc:"name of the admin area"`
	Status        ProjectStatus `json:"status" doc:"planned, ongoing or completed"`
	StartsAt      time.Time     `json:"starts_at,omitzero" doc:"planned or actual start"`
	EndsAt        time.Time     `json:"ends_at,omitzero" doc:"planned or actual end"`
}

// ProjectStatusChanged moves a project forward.
type ProjectStatusChanged struct {
	From ProjectStatus `json:"from" doc:"status before"`
	To   ProjectStatus `json:"to" doc:"status after"`
}

func (ProjectRegistered) EventType() string    { return "project.registered.v1" }
func (ProjectStatusChanged) EventType() string { return "project.status_changed.v1" }

var projectEvents = []eventSpec{
	spec[ProjectRegistered](KindProject, "A component's project was put on the who-does-what-where map."),
	spec[ProjectStatusChanged](KindProject, "A project's status changed."),
}

// Project is one line of the who-does-what-where map.
type Project struct {
	Base
	ComponentID uuid.UUID     `json:"component_id"`
	Name        string        `json:"name"`
	Status      ProjectStatus `json:"status"`
}

func (p *Project) apply(ev Payload) {
	switch e := ev.(type) {
	case ProjectRegistered:
		p.ComponentID, p.Name, p.Status = e.ComponentID, e.Name, e.Status
	case ProjectStatusChanged:
		p.Status = e.To
	}
}

// RegisterProject maps a project of an active component.
type RegisterProject struct {
	Header
	ID            uuid.UUID     `json:"id"`
	ComponentID   uuid.UUID     `json:"component_id"`
	Name          string        `json:"name" required:"true"`
	Sector        string        `json:"sector" required:"true"`
	AdminAreaCode string        `json:"admin_area_code" required:"true"`
	AdminAreaName string        `json:"admin_area_name"`
	Status        ProjectStatus `json:"status"` // defaults to planned
	StartsAt      time.Time     `json:"starts_at"`
	EndsAt        time.Time     `json:"ends_at"`
}

func (c RegisterProject) Target() Ref { return Ref{KindProject, c.ID} }
func (RegisterProject) creates()      {}

func (c RegisterProject) decide(s *Scope) ([]Payload, error) {
	if c.Status == "" {
		c.Status = ProjectPlanned
	}
	err := checkEnum("status", c.Status)
	if err != nil {
		return nil, err
	}
	if !c.EndsAt.IsZero() && c.EndsAt.Before(c.StartsAt) {
		return nil, ErrInvalid.at("ends_at", "the project ends before it starts")
	}
	if _, err := s.activeComponent(c.ComponentID, "component_id"); err != nil {
		return nil, err
	}
	return one(ProjectRegistered{ComponentID: c.ComponentID, Name: c.Name, Sector: c.Sector,
		AdminAreaCode: c.AdminAreaCode, AdminAreaName: c.AdminAreaName, Status: c.Status,
		StartsAt: c.StartsAt.UTC(), EndsAt: c.EndsAt.UTC()})
}

// ChangeProjectStatus moves a project forward: planned, ongoing, completed.
type ChangeProjectStatus struct {
	Header
	ID     uuid.UUID     `json:"id"`
	Status ProjectStatus `json:"status"`
}

func (c ChangeProjectStatus) Target() Ref { return Ref{KindProject, c.ID} }

var projectOrder = map[ProjectStatus]int{ProjectPlanned: 0, ProjectOngoing: 1, ProjectCompleted: 2}

func (c ChangeProjectStatus) decide(s *Scope) ([]Payload, error) {
	p := self[*Project](s)
	if err := checkEnum("status", c.Status); err != nil {
		return nil, err
	}
	if projectOrder[c.Status] <= projectOrder[p.Status] {
		return nil, ErrWrongState.at("status", "project %q is %s; it can only move forward", p.Name, p.Status)
	}
	return one(ProjectStatusChanged{From: p.Status, To: c.Status})
}
