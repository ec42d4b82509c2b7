package httpapi

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// RecordView is a record's current state, folded from its stream.
type RecordView struct {
	Ref         domain.Ref `json:"ref"`
	OperationID uuid.UUID  `json:"operation_id"`
	Version     uint64     `json:"version"`
	State       any        `json:"state"`
	// Events lists the record's events (id, type, version, occurred time and
	// the fields a correction may change): what correction.record points to.
	Events []domain.EventRef `json:"events"`
}

// getRecord serves GET /api/v1/records/{kind}/{id}. A record the principal
// may not see is 404 like one that does not exist (see visibleRecord). The
// state is folded from the read store, which opens personal fields, and the
// fields the principal may not see are left out (their catalogue tags).
func (s *Server) getRecord(c echo.Context) error {
	ref, err := parseRef(c.Param("kind"), c.Param("id"))
	if err != nil {
		return err
	}
	agg, err := recorder.ReadRecord(c.Request().Context(), s.cfg.Store, ref)
	if err != nil {
		return err
	}
	base := domain.BaseOf(agg)
	p := principalOf(c)
	class, err := s.reachable(p, ref, base.OperationID, base.Classification, base.Exists())
	if err != nil {
		return err
	}
	p.Reader().Redact(agg, "")
	state, err := stateValue(agg)
	if err != nil {
		return err
	}
	noteReleased(p, class)
	c.Response().Header().Set("ETag", etag(base.Version))
	return c.JSON(http.StatusOK, RecordView{Ref: ref, OperationID: base.OperationID, Version: base.Version, State: state,
		Events: base.History()})
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
