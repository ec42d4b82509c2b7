package httpapi

import (
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/analysis"
	"github.com/movementcoord/ledger/projections/views"
)

// defaultStalledDays is how long a decision may go without progress before
// the figures call it stalled, unless ?stalled_days= says otherwise.
const defaultStalledDays = 14

// Figures are the lessons-learned figures of one operation at a date.
// Durations are in nanoseconds (Go's time.Duration). They are aggregates:
// confidential issues count in them, but no detail of one is shown.
type Figures struct {
	OperationID                    uuid.UUID                               `json:"operation_id"`
	At                             time.Time                               `json:"at"`
	StalledDays                    int                                     `json:"stalled_days"`
	EscalationToResolution         analysis.Breakdown                      `json:"escalation_to_resolution"`
	ReportToTriage                 analysis.Breakdown                      `json:"report_to_triage"`
	OverduePerComponent            map[uuid.UUID]analysis.ComponentActions `json:"overdue_per_component"`
	CompletionPerMechanism         map[uuid.UUID]analysis.Completion       `json:"completion_per_mechanism"`
	MinutesLag                     map[uuid.UUID]analysis.Durations        `json:"minutes_lag"`
	RepeatIssues                   map[uuid.UUID]analysis.Repeats          `json:"repeat_issues"`
	StalledDecisions               analysis.Stalled                        `json:"stalled_decisions"`
	RecommendationsWithoutResponse []views.Lesson                          `json:"recommendations_without_response"`
}

// figures serves GET /api/v1/operations/{id}/figures?at=&stalled_days=.
func (s *Server) figures(c echo.Context) error {
	at, err := timeParam(c, "at")
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = time.Now().UTC()
	}
	days, err := uintParam(c, "stalled_days", defaultStalledDays)
	if err != nil || days > 3650 {
		return firstErr(err, errBadParam("stalled_days", fmt.Sprintf("stalled_days must be at most 3650 (got %d)", days)))
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	var recs []views.Lesson
	for _, l := range analysis.RecommendationsWithoutResponse(set.Lessons, op) {
		if released(p, l.Classification) {
			recs = append(recs, l)
		}
	}
	return c.JSON(http.StatusOK, Figures{OperationID: op, At: at, StalledDays: int(days),
		EscalationToResolution:         analysis.EscalationToResolution(set.Escalations, op),
		ReportToTriage:                 analysis.ReportToTriage(set.Compliance, op),
		OverduePerComponent:            analysis.OverduePerComponent(set.Actions, op, at),
		CompletionPerMechanism:         analysis.CompletionPerMechanism(set.Actions, op),
		MinutesLag:                     analysis.MinutesLag(set.Mechanisms, op),
		RepeatIssues:                   analysis.RepeatIssues(set.Compliance, op),
		StalledDecisions:               analysis.StalledDecisions(set.Decisions, op, at, int(days)),
		RecommendationsWithoutResponse: recs,
	})
}
