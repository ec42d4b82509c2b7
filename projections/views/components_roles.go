package views

import (
	"cmp"
	"slices"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// applyRole follows the operation's convener and lead-role assignments.
func (v *Components) applyRole(e *projections.Event) {
	r := v.roles[e.Ref.ID]
	if r == nil {
		r = &roles{conveners: map[uuid.UUID]bool{}, leads: map[uuid.UUID][]string{}}
		v.roles[e.Ref.ID] = r
	}
	switch p := e.Payload.(type) {
	case domain.OperationConvenerAssigned:
		r.conveners[p.ComponentID] = true
	case domain.OperationConvenerRemoved:
		delete(r.conveners, p.ComponentID)
	case domain.OperationLeadRoleAssigned:
		if !slices.Contains(r.leads[p.ComponentID], p.Area) {
			r.leads[p.ComponentID] = append(r.leads[p.ComponentID], p.Area)
		}
	case domain.OperationLeadRoleEnded:
		r.leads[p.ComponentID] = slices.DeleteFunc(slices.Clone(r.leads[p.ComponentID]), func(a string) bool { return a == p.Area })
	}
}

// Map returns an operation's components with their roles and projects,
// sorted by name.
func (v *Components) Map(op uuid.UUID) []Component {
	v.RLock()
	defer v.RUnlock()
	byComp := map[uuid.UUID][]Project{}
	for _, p := range v.projects[op] {
		byComp[p.ComponentID] = append(byComp[p.ComponentID], *p)
	}
	r := v.roles[op]
	out := make([]Component, 0, len(v.rows[op]))
	for _, c := range v.rows[op] {
		row := *c
		if r != nil {
			row.Convener, row.LeadAreas = r.conveners[c.ID], slices.Clone(r.leads[c.ID])
		}
		row.Projects = byComp[c.ID]
		sortByCreation(row.Projects, func(p *Project) *Meta { return &p.Meta })
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b Component) int {
		if a.Name != b.Name {
			return cmp.Compare(a.Name, b.Name)
		}
		return slices.Compare(a.ID[:], b.ID[:])
	})
	return out
}

// ProjectsBy groups an operation's projects by a key (sector, admin area).
func (v *Components) ProjectsBy(op uuid.UUID, key func(*Project) string) map[string][]Project {
	v.RLock()
	defer v.RUnlock()
	out := map[string][]Project{}
	for _, p := range v.projects[op] {
		k := key(p)
		out[k] = append(out[k], *p)
	}
	for _, ps := range out {
		sortByCreation(ps, func(p *Project) *Meta { return &p.Meta })
	}
	return out
}

// BySector and ByArea are the usual keys of ProjectsBy.
func BySector(p *Project) string { return p.Sector }
func ByArea(p *Project) string   { return p.AdminAreaCode }
