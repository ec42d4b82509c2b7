package httpapi

import (
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

const (
	defaultPageSize = 100
	maxPageSize     = 1000
	// maxOffset bounds offset cursors so that converting one to an int can
	// never overflow; no register holds that many rows.
	maxOffset = 1 << 31
)

// uintParam reads an optional non-negative integer query parameter.
func uintParam(c echo.Context, name string, def uint64) (uint64, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return def, nil
	}
	v, err := strconv.ParseUint(raw, 10, 64)
	if err != nil {
		return 0, errBadParam(name, fmt.Sprintf("%s must be a whole number of 0 or more (got %q)", name, raw))
	}
	return v, nil
}

// limitParam reads ?limit=, between 1 and maxPageSize.
func limitParam(c echo.Context) (int, error) {
	v, err := uintParam(c, "limit", defaultPageSize)
	if err != nil {
		return 0, err
	}
	if v < 1 || v > maxPageSize {
		return 0, errBadParam("limit", fmt.Sprintf("limit must be between 1 and %d", maxPageSize))
	}
	return int(v), nil
}

// pageCut takes one page from a register: up to limit rows after the key
// that sees admits, and whether rows remain after them.
type pageCut[T any] func(after views.Key, limit int, sees views.Sees) ([]T, bool)

// cutRows is the page of rows a view copied out in its own order: after
// the row the cursor names, or, when that row has left the list (a filter
// it no longer matches), after the first row filed later than it.
func cutRows[T row](rows []T, after views.Key, limit int, sees views.Sees) ([]T, bool) {
	from := 0
	if !after.IsZero() {
		from = resumeAt(rows, after)
	}
	var page []T
	for _, r := range rows[from:] {
		if len(page) == limit {
			return page, true
		}
		if sees(r.Record()) {
			page = append(page, r)
		}
	}
	return page, false
}

func resumeAt[T row](rows []T, after views.Key) int {
	for i, r := range rows {
		if r.OrderKey().ID == after.ID {
			return i + 1
		}
	}
	for i, r := range rows {
		if r.OrderKey().Compare(after) > 0 {
			return i
		}
	}
	return len(rows)
}
