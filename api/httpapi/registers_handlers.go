package httpapi

import (
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// actionPoints serves GET /api/v1/operations/{id}/action-points.
func (s *Server) actionPoints(c echo.Context) error {
	f, err := actionFilter(c)
	if err != nil {
		return err
	}
	if f.At, _, err = asOfParams(c); err != nil {
		return err
	}
	if f.At.IsZero() {
		f.At = time.Now().UTC() // overdue and days_overdue as the reader stands now
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondPage(c, op, func(after views.Key, limit int, sees views.Sees) ([]views.ActionPoint, bool) {
		return set.Actions.Page(op, f, after, limit, sees)
	})
}

// decisions serves GET /api/v1/operations/{id}/decisions.
func (s *Server) decisions(c echo.Context) error {
	f, err := decisionFilter(c)
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondPage(c, op, func(after views.Key, limit int, sees views.Sees) ([]views.Decision, bool) {
		return set.Decisions.Page(op, f, after, limit, sees)
	})
}

// complianceIssues serves GET /api/v1/operations/{id}/compliance-issues.
// Analysts see no confidential issue and no reporter; the subject component
// sees the issue but never who reported it.
func (s *Server) complianceIssues(c echo.Context) error {
	f, err := issueFilter(c)
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondPage(c, op, func(after views.Key, limit int, sees views.Sees) ([]views.Issue, bool) {
		return set.Compliance.Page(op, f, after, limit, sees)
	})
}

// components serves GET /api/v1/operations/{id}/components: the component map.
func (s *Server) components(c echo.Context) error {
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Components.Map(op))
}

// contacts serves GET /api/v1/operations/{id}/contacts?removed=true. Roles
// that see no personal data get the functions and components, not the people.
func (s *Server) contacts(c echo.Context) error {
	removed, err := boolParam(c, "removed")
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Contacts.List(op, removed))
}

// escalations serves GET /api/v1/operations/{id}/escalations?pending=true.
func (s *Server) escalations(c echo.Context) error {
	pending, err := boolParam(c, "pending")
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Escalations.List(op, pending))
}
