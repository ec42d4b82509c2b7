package analysis

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// Repeats are the compliance issues flagged about one component.
type Repeats struct {
	Issues int `json:"issues"`
	// Repeats counts issues of a category the component had already been
	// flagged for: issues minus distinct categories.
	Repeats    int                     `json:"repeats"`
	ByCategory map[domain.Category]int `json:"by_category"`
}

// RepeatIssues counts issues and repeats per subject component. Dismissed
// issues count too: a repeated unfounded flag is itself worth seeing.
func RepeatIssues(c *views.Compliance, op uuid.UUID) map[uuid.UUID]Repeats {
	out := map[uuid.UUID]Repeats{}
	for _, i := range c.List(op, views.IssueFilter{}) {
		r := out[i.SubjectComponentID]
		if r.ByCategory == nil {
			r.ByCategory = map[domain.Category]int{}
		}
		r.Issues++
		r.ByCategory[i.Category]++
		r.Repeats = r.Issues - len(r.ByCategory)
		out[i.SubjectComponentID] = r
	}
	return out
}

// RecommendationsWithoutResponse lists the lessons whose recommendation has
// had no response.
func RecommendationsWithoutResponse(l *views.Lessons, op uuid.UUID) []views.Lesson {
	return l.List(op, true)
}
