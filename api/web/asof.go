package web

import (
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/readmodel"
)

// AsOf is the date a page shows the registers as they stood on, from
// ?as_of=YYYY-MM-DD (or an RFC 3339 time) and ?as_of_basis=recorded|occurred:
// "recorded" is what the ledger held at the end of that day, "occurred" what
// is now known to have happened by then (including what was written down
// later). The API's ?as_of= does the same replay (httpapi.Server.ViewsAsOf).
type AsOf struct {
	At    time.Time
	Basis string
	Date  string // the day as typed in the form, YYYY-MM-DD
}

// Bases of an as-of page, as the API names them.
const (
	basisRecorded = "recorded"
	basisOccurred = "occurred"
)

// readAsOf reads the request's as-of date; nil when the page is of today.
func readAsOf(c echo.Context) (*AsOf, error) {
	raw := strings.TrimSpace(c.QueryParam("as_of"))
	if raw == "" {
		return nil, nil
	}
	a := &AsOf{Basis: c.QueryParam("as_of_basis")}
	switch a.Basis {
	case "":
		a.Basis = basisRecorded
	case basisRecorded, basisOccurred:
	default:
		return nil, errBadAsOf
	}
	if day, err := time.Parse(time.DateOnly, raw); err == nil {
		// "as it stood on 10 November" includes all of 10 November
		a.At, a.Date = day.Add(24*time.Hour-time.Nanosecond), raw
		return a, nil
	}
	at, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return nil, errBadAsOf
	}
	a.At, a.Date = at.UTC(), at.UTC().Format(time.DateOnly)
	return a, nil
}

// viewsFor is the views a page reads: the live ones, or with ?as_of= the
// log replayed up to that date (about one rebuild of the views).
func (w *Web) viewsFor(c echo.Context) (*readmodel.Set, error) {
	a, err := readAsOf(c)
	if err != nil || a == nil {
		if err != nil {
			return nil, err
		}
		return w.views()
	}
	if w.cfg.API == nil {
		return nil, ErrNotFound
	}
	return w.cfg.API.ViewsAsOf(c.Request().Context(), a.At, a.Basis)
}

// asOfPages are the pages that offer "as it stood on", relative to
// /ops/{id}: the operation home, every register list, and the figures
// (overdue at that date, from the records as they stood).
var asOfPages = []string{"", "/actions", "/decisions", "/compliance", "/components", "/contacts", "/meetings", "/figures"}

// offersAsOf reports whether the page at path is a register that offers
// "as it stood on".
func offersAsOf(path string) bool {
	rest, ok := strings.CutPrefix(path, "/ops/")
	if !ok {
		return false
	}
	_, rest, _ = strings.Cut(rest, "/")
	if rest != "" {
		rest = "/" + rest
	}
	for _, p := range asOfPages {
		if rest == p {
			return true
		}
	}
	return false
}
