package httpapi

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/audit"
)

// visibleRecord is the classification of a record the principal may see.
// A record that does not exist and one the principal may not see (another
// operation's, or too restricted) get the same 404, so that a read by id
// never tells whether something exists outside the principal's reach.
func (s *Server) visibleRecord(c echo.Context, p auth.Principal, ref domain.Ref) (domain.Classification, error) {
	op, class, exists, err := s.reads.record(c.Request().Context(), ref.Stream())
	if err != nil {
		return "", err
	}
	return s.reachable(p, ref, op, class, exists)
}

// reachable is visibleRecord for a record already read: its operation, its
// own classification and whether it exists.
func (s *Server) reachable(p auth.Principal, ref domain.Ref, op uuid.UUID, class domain.Classification, exists bool) (domain.Classification, error) {
	class = domain.Strictest(class, s.derivedClass(ref))
	if !exists || !p.Reader().SeesRecord(op, class) {
		return "", errNotFound("record.not_found", fmt.Sprintf("there is no %s %s that your token may read", ref.Kind, ref.ID))
	}
	return class, nil
}

// derivedClass is what the views know of a record's classification beyond
// its own events: an escalation recorded before classification was
// inherited is as restricted as its subject. Empty without views.
func (s *Server) derivedClass(ref domain.Ref) domain.Classification {
	if s.cfg.Runner == nil {
		return ""
	}
	trail, err := projections.Get[*audit.Trail](s.cfg.Runner, audit.Name)
	if err != nil {
		return ""
	}
	return trail.Class(ref)
}
