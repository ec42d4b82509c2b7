package httpapi

import (
	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// mechanisms serves GET /api/v1/operations/{id}/mechanisms.
func (s *Server) mechanisms(c echo.Context) error {
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Mechanisms.List(op))
}

// meetings serves GET /api/v1/operations/{id}/meetings?mechanism=: the
// meetings of one mechanism, or of all of them.
func (s *Server) meetings(c echo.Context) error {
	mech, err := uuidParam(c, "mechanism")
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	var rows []views.Meeting
	for _, id := range mechanismIDs(set.Mechanisms, op, mech) {
		rows = append(rows, set.Mechanisms.Meetings(op, id)...)
	}
	return respondRegister(c, op, rows)
}

func mechanismIDs(v *views.Mechanisms, op, only uuid.UUID) []uuid.UUID {
	if only != uuid.Nil {
		return []uuid.UUID{only}
	}
	var ids []uuid.UUID
	for _, m := range v.List(op) {
		ids = append(ids, m.ID)
	}
	return ids
}

// lessons serves GET /api/v1/operations/{id}/lessons?awaiting=true.
func (s *Server) lessons(c echo.Context) error {
	awaiting, err := boolParam(c, "awaiting")
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return respondRegister(c, op, set.Lessons.List(op, awaiting))
}
