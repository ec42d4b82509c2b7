package httpapi

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// waitLimit bounds how long a read waits for the views to reach ?at_least=.
const waitLimit = 5 * time.Second

// Register is one page of a register of the read models.
type Register[T any] struct {
	OperationID uuid.UUID `json:"operation_id,omitzero"`
	Items       []T       `json:"items"`
	NextCursor  string    `json:"next_cursor,omitempty"`
}

// registerQuery is what every register endpoint does first: the operation
// in the path (if the principal may read it), then the views as they stand
// once ?at_least= is reached.
func (s *Server) registerQuery(c echo.Context) (uuid.UUID, *readmodel.Set, error) {
	op, err := readableOperation(c)
	if err != nil {
		return op, nil, err
	}
	set, err := s.currentViews(c)
	return op, set, err
}

// respondRegister pages rows a view copied out (the small registers, in
// their own order) and answers.
func respondRegister[T row](c echo.Context, op uuid.UUID, rows []T) error {
	return respondPage(c, op, func(after views.Key, limit int, sees views.Sees) ([]T, bool) {
		return cutRows(rows, after, limit, sees)
	})
}

// respondPage answers one page that cut takes from a register: up to
// ?limit= rows after ?cursor= that the principal's policy admits. Only the
// page's rows go through the policy again (redaction, and the access log
// of what is released), so rows on other pages are neither copied nor
// logged as read.
func respondPage[T row](c echo.Context, op uuid.UUID, cut pageCut[T]) error {
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	after, err := cursorParam(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	reader := p.Reader()
	rows, more := cut(after, limit, reader.SeesRecord)
	next := ""
	if more && len(rows) > 0 {
		next = encodeCursor(rows[len(rows)-1].OrderKey())
	}
	return respondJSONPage(c, Register[T]{OperationID: op, Items: keepPage(p, reader, rows), NextCursor: next})
}

// keepVisible is the rows the principal may see, as it may see them. Every
// register and every export of one passes its rows through it.
func keepVisible[T any](p auth.Principal, rows []T, visible func(auth.Principal, T) (T, bool)) []T {
	kept := make([]T, 0, len(rows))
	for _, r := range rows {
		if v, ok := visible(p, r); ok {
			kept = append(kept, v)
		}
	}
	return kept
}

// readableOperation is the operation in the path, if the principal may read it.
func readableOperation(c echo.Context) (uuid.UUID, error) {
	op, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return op, errBadParam("id", fmt.Sprintf("the operation id must be a UUID (got %q)", c.Param("id")))
	}
	if !principalOf(c).MayRead(op) {
		return op, errForbidden("your token is not assigned to this operation")
	}
	return op, nil
}

// currentViews waits, if asked, until the views applied ?at_least= (so a
// client reads its own write), then takes the instances serving now; with
// ?as_of= it builds the views as they stood then instead.
func (s *Server) currentViews(c echo.Context) (*readmodel.Set, error) {
	if at, basis, err := asOfParams(c); err != nil || !at.IsZero() {
		if err != nil {
			return nil, err
		}
		return s.viewsAsOf(c, at, basis)
	}
	pos, err := uintParam(c, "at_least", 0)
	if err != nil {
		return nil, err
	}
	if pos > 0 {
		ctx, cancel := context.WithTimeout(c.Request().Context(), waitLimit)
		defer cancel()
		if err := s.cfg.Runner.WaitFor(ctx, pos); err != nil {
			return nil, newAPIError(http.StatusServiceUnavailable, "views.behind",
				fmt.Sprintf("the registers have not reached position %d yet; retry shortly (%v)", pos, err))
		}
	}
	return readmodel.Current(s.cfg.Runner)
}

// operations serves GET /api/v1/operations: the operations the principal
// may read.
func (s *Server) operations(c echo.Context) error {
	set, err := s.currentViews(c)
	if err != nil {
		return err
	}
	return respondRegister(c, uuid.Nil, set.Operations.List())
}
