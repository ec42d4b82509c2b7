package httpapi

import (
	"fmt"
	"strconv"

	"github.com/labstack/echo/v4"
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
