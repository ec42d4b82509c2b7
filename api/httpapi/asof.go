package httpapi

import (
	"context"
	"fmt"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// asOfLimit bounds an as-of replay, which costs up to one rebuild of the views.
const asOfLimit = 60 * time.Second

// Bases of an as-of read.
const (
	basisRecorded = "recorded" // as the ledger stood at the date: what a reader could have seen
	basisOccurred = "occurred" // as now known for the date: including what was written down later
)

// asOfParams reads ?as_of=<RFC 3339>&as_of_basis=recorded|occurred.
func asOfParams(c echo.Context) (time.Time, string, error) {
	at, err := timeParam(c, "as_of")
	if err != nil || at.IsZero() {
		return at, "", err
	}
	basis, err := enumParam(c, "as_of_basis", []string{basisRecorded, basisOccurred})
	if basis == "" {
		basis = basisRecorded
	}
	return at, basis, err
}

// viewsAsOf replays the log into fresh views up to the date.
func (s *Server) viewsAsOf(c echo.Context, at time.Time, basis string) (*readmodel.Set, error) {
	return s.ViewsAsOf(c.Request().Context(), at, basis)
}

// ViewsAsOf replays the log into fresh views as they stood at the date:
// basis "recorded" (what the ledger held then) or "occurred" (what is now
// known to have happened by then). The web pages' "as it stood on" uses it
// too, so a page and GET ...?as_of= agree.
func (s *Server) ViewsAsOf(ctx context.Context, at time.Time, basis string) (*readmodel.Set, error) {
	ctx, cancel := context.WithTimeout(ctx, asOfLimit)
	defer cancel()
	var snaps *projections.Snapshots
	if s.cfg.Runner != nil {
		snaps = s.cfg.Runner.Snapshots() // the nearest earlier snapshot spares most of the replay
	}
	build := func(ctx context.Context, store eventstore.Store, at time.Time) (*readmodel.Set, error) {
		return asof.RecordedFrom(ctx, store, snaps, at)
	}
	if basis == basisOccurred {
		build = asof.Occurred
	}
	set, err := build(ctx, s.cfg.Store, at)
	if err != nil {
		return nil, fmt.Errorf("views as of %s (%s): %w", at.Format(time.RFC3339), basis, err)
	}
	return set, nil
}
