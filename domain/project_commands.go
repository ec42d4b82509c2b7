package domain

import (
	"time"

	"github.com/google/uuid"
)

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

func (RegisterProject) creates() {}

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
