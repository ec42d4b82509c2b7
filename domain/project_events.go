package domain

import (
	"time"

	"github.com/google/uuid"
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

func (ProjectRegistered) EventType() string { return "project.registered.v1" }

func (ProjectStatusChanged) EventType() string { return "project.status_changed.v1" }

var projectEvents = []eventSpec{
	spec[ProjectRegistered](KindProject, "A component's project was put on the who-does-what-where map."),
	spec[ProjectStatusChanged](KindProject, "A project's status changed."),
}
