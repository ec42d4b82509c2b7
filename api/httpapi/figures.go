package httpapi

import (
	"fmt"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/projections/analysis"
)

// defaultStalledDays is how long a decision may go without progress before
// the figures call it stalled, unless ?stalled_days= says otherwise.
const defaultStalledDays = 14

// Figures are the lessons-learned figures of one operation at a date,
// computed from the records the reader may see and nothing else (so an
// analyst's figures hold no trace of a confidential case). Durations are
// whole seconds (fields ending in _s); groups keyed by an id carry its name.
type Figures = analysis.Figures

// figures serves GET /api/v1/operations/{id}/figures?at=&stalled_days=. It
// is one document, not a list: it takes no limit or cursor.
func (s *Server) figures(c echo.Context) error {
	at, err := timeParam(c, "at")
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = time.Now().UTC().Truncate(time.Minute) // the figures as of this minute, shared by its readers
	}
	days, err := uintParam(c, "stalled_days", defaultStalledDays)
	if err != nil {
		return err
	}
	if days > 3650 {
		return errBadParam("stalled_days", fmt.Sprintf("stalled_days must be at most 3650 (got %d)", days))
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	compute := func() analysis.Figures { return analysis.NewScope(set, op, p.Reader()).Figures(at.UTC(), int(days)) }
	if asOf, _, _ := asOfParams(c); !asOf.IsZero() || s.cfg.Runner == nil {
		return respondFigures(c, p, compute(), nil) // views as they stood then: built for this request alone
	}
	f, raw, err := s.figureCache.get(figuresKey{views: viewsFingerprint(s.cfg.Runner), op: op, reader: readerKey(p), at: at.UTC(), days: days}, compute)
	if err != nil {
		return err
	}
	return respondFigures(c, p, f, raw)
}

// respondFigures counts what the figures release and answers them, with
// their JSON if it was encoded already.
func respondFigures(c echo.Context, p auth.Principal, f analysis.Figures, raw []byte) error {
	for _, l := range f.RecommendationsWithoutResponse {
		noteReleased(p, l.Classification)
	}
	if _, pretty := c.QueryParams()["pretty"]; raw == nil || pretty || c.Echo().Debug {
		return c.JSON(http.StatusOK, f)
	}
	return c.JSONBlob(http.StatusOK, raw)
}
