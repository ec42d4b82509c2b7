package httpapi

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/projections/views"
)

// actionPoints serves GET /api/v1/operations/{id}/action-points.
func (s *Server) actionPoints(c echo.Context) error {
	f, err := actionFilter(c)
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Actions.List(op, f), func(p auth.Principal, a views.ActionPoint) (views.ActionPoint, bool) {
		if !p.SeesPersonalData() {
			a.Owner.Name = ""
		}
		return a, released(p, a.Classification)
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
	return respondRegister(c, op, set.Decisions.List(op, f), func(p auth.Principal, d views.Decision) (views.Decision, bool) {
		return d, released(p, d.Classification)
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
	return respondRegister(c, op, set.Compliance.List(op, f), visibleIssue)
}

func visibleIssue(p auth.Principal, i views.Issue) (views.Issue, bool) {
	if !p.SeesPersonalData() || !p.SeesReporter(i.ReportedBy) {
		i.ReporterName, i.ReporterPersonID = "", uuid.Nil
	}
	return i, released(p, i.Classification)
}

// components serves GET /api/v1/operations/{id}/components: the component map.
func (s *Server) components(c echo.Context) error {
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Components.Map(op), func(p auth.Principal, x views.Component) (views.Component, bool) {
		return x, released(p, x.Classification)
	})
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
	return respondRegister(c, op, set.Contacts.List(op, removed), func(p auth.Principal, x views.Contact) (views.Contact, bool) {
		if !p.SeesPersonalData() {
			x.GivenName, x.FamilyName, x.Email, x.Phone = "", "", "", ""
		}
		return x, released(p, x.Classification)
	})
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
	return respondRegister(c, op, set.Escalations.List(op, pending), func(p auth.Principal, e views.Escalation) (views.Escalation, bool) {
		return e, released(p, e.Classification)
	})
}
