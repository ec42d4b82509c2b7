package analysis

import (
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/projections/views"
)

// Figures are the lessons-learned figures of one operation at a date, for
// one reader. Durations are whole seconds (fields ending in _s); groups
// keyed by an id carry the name of what the id stands for.
type Figures struct {
	OperationID                    uuid.UUID                      `json:"operation_id"`
	At                             time.Time                      `json:"at"`
	StalledDays                    int                            `json:"stalled_days"`
	EscalationToResolution         Breakdown                      `json:"escalation_to_resolution"`
	ReportToTriage                 Breakdown                      `json:"report_to_triage"`
	OverduePerComponent            map[uuid.UUID]ComponentActions `json:"overdue_per_component"`
	CompletionPerMechanism         map[uuid.UUID]Completion       `json:"completion_per_mechanism"`
	MinutesLag                     map[uuid.UUID]Durations        `json:"minutes_lag"`
	RepeatIssues                   map[uuid.UUID]Repeats          `json:"repeat_issues"`
	StalledDecisions               Stalled                        `json:"stalled_decisions"`
	RecommendationsWithoutResponse []views.Lesson                 `json:"recommendations_without_response"`
}

// Figures computes every figure at date at; a decision with open action
// points is stalled after stalledDays without progress.
func (s Scope) Figures(at time.Time, stalledDays int) Figures {
	return Figures{OperationID: s.op, At: at, StalledDays: stalledDays,
		EscalationToResolution:         s.EscalationToResolution(),
		ReportToTriage:                 s.ReportToTriage(),
		OverduePerComponent:            s.OverduePerComponent(at),
		CompletionPerMechanism:         s.CompletionPerMechanism(),
		MinutesLag:                     s.MinutesLag(),
		RepeatIssues:                   s.RepeatIssues(),
		StalledDecisions:               s.StalledDecisions(at, stalledDays),
		RecommendationsWithoutResponse: s.RecommendationsWithoutResponse(),
	}
}
