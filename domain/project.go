package domain

import (
	"github.com/google/uuid"
)

// ProjectStatus is where a project stands on the who-does-what-where map.
type ProjectStatus string

const (
	ProjectPlanned   ProjectStatus = "planned"
	ProjectOngoing   ProjectStatus = "ongoing"
	ProjectCompleted ProjectStatus = "completed"
)

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

var projectOrder = map[ProjectStatus]int{ProjectPlanned: 0, ProjectOngoing: 1, ProjectCompleted: 2}
