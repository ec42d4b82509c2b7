package analysis

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// Repeats are the compliance issues flagged about one component.
type Repeats struct {
	Name   string `json:"name,omitempty"` // the component's name
	Issues int    `json:"issues"`
	// Repeats counts issues of a category the component had already been
	// flagged for: issues minus distinct categories.
	Repeats    int                     `json:"repeats"`
	ByCategory map[domain.Category]int `json:"by_category"`
}

// RepeatIssues counts the issues the reader may see, and the repeats, per
// subject component. Dismissed issues count too: a repeated unfounded flag
// is itself worth seeing.
func (s Scope) RepeatIssues() map[uuid.UUID]Repeats {
	out := map[uuid.UUID]Repeats{}
	for _, i := range s.set.Compliance.List(s.op, views.IssueFilter{}) {
		if !s.sees(i.Record()) {
			continue
		}
		r := out[i.SubjectComponentID]
		if r.ByCategory == nil {
			r.ByCategory = map[domain.Category]int{}
		}
		r.Name = s.name(i.SubjectComponentID)
		r.Issues++
		r.ByCategory[i.Category]++
		r.Repeats = r.Issues - len(r.ByCategory)
		out[i.SubjectComponentID] = r
	}
	return out
}

// RecommendationsWithoutResponse lists the lessons the reader may see whose
// recommendation has had no response.
func (s Scope) RecommendationsWithoutResponse() []views.Lesson {
	out := []views.Lesson{}
	for _, l := range s.set.Lessons.List(s.op, true) {
		if s.sees(l.Record()) {
			out = append(out, l)
		}
	}
	return out
}
