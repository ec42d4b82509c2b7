package httpapi

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
)

// RecordView is a record's current state, folded from its stream.
type RecordView struct {
	Ref         domain.Ref `json:"ref"`
	OperationID uuid.UUID  `json:"operation_id"`
	Version     uint64     `json:"version"`
	State       any        `json:"state"`
}

// getRecord serves GET /api/v1/records/{kind}/{id}.
func (s *Server) getRecord(c echo.Context) error {
	ref, err := parseRef(c.Param("kind"), c.Param("id"))
	if err != nil {
		return err
	}
	agg, err := s.cfg.Service.Load(c.Request().Context(), ref)
	if err != nil {
		return err
	}
	base := domain.BaseOf(agg)
	if !base.Exists() {
		return errNotFound("record.not_found", fmt.Sprintf("no %s has id %s", ref.Kind, ref.ID))
	}
	p := principalOf(c)
	if err := s.mayReadRecord(c, p, ref, base); err != nil {
		return err
	}
	state, err := stateFor(p, agg)
	if err != nil {
		return err
	}
	c.Response().Header().Set("ETag", etag(base.Version))
	return c.JSON(http.StatusOK, RecordView{Ref: ref, OperationID: base.OperationID, Version: base.Version, State: state})
}

func (s *Server) mayReadRecord(c echo.Context, p auth.Principal, ref domain.Ref, base *domain.Base) error {
	if !p.MayRead(base.OperationID) {
		return errForbidden("this record belongs to an operation your token is not assigned to")
	}
	classes, err := s.reads.classes(c.Request().Context(), ref.Stream())
	if err != nil {
		return err
	}
	if classes[domain.ClassConfidential] && !released(p, domain.ClassConfidential) {
		return errForbidden("this record holds confidential events, which your role does not see")
	}
	return nil
}

// stateFor encodes the state, without personal data for roles that must not
// see it.
func stateFor(p auth.Principal, agg domain.Aggregate) (any, error) {
	v, err := stateValue(agg)
	if err != nil || p.SeesPersonalData() {
		return v, err
	}
	return redactState(v), nil
}

func parseRef(kind, id string) (domain.Ref, error) {
	if !slices.Contains(domain.Kinds(), domain.Kind(kind)) {
		return domain.Ref{}, errNotFound("record.unknown_kind",
			fmt.Sprintf("%q is not a kind of record; use one of %v", kind, domain.Kinds()))
	}
	u, err := uuid.Parse(id)
	if err != nil {
		return domain.Ref{}, errBadParam("id", fmt.Sprintf("%q is not a UUID", id))
	}
	return domain.Ref{Kind: domain.Kind(kind), ID: u}, nil
}
