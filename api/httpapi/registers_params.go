package httpapi

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// actionFilter reads ?state=a,b&owner=&decision=&mechanism=&open=true&overdue_at=.
func actionFilter(c echo.Context) (views.ActionFilter, error) {
	var f views.ActionFilter
	var err error
	for _, s := range splitList(c.QueryParam("state")) {
		if states := domain.Values[domain.APState](); !slices.Contains(states, domain.APState(s)) {
			return f, errBadParam("state", fmt.Sprintf("%q is not a state; use %v", s, states))
		}
		f.States = append(f.States, domain.APState(s))
	}
	if f.OwnerComponent, err = uuidParam(c, "owner"); err != nil {
		return f, err
	}
	if f.DecisionID, err = uuidParam(c, "decision"); err != nil {
		return f, err
	}
	if f.MechanismID, err = uuidParam(c, "mechanism"); err != nil {
		return f, err
	}
	if f.OpenOnly, err = boolParam(c, "open"); err != nil {
		return f, err
	}
	f.OverdueAt, err = timeParam(c, "overdue_at")
	return f, err
}

// decisionFilter reads ?in_force=true&mechanism=.
func decisionFilter(c echo.Context) (views.DecisionFilter, error) {
	var f views.DecisionFilter
	var err error
	if f.InForce, err = boolParam(c, "in_force"); err != nil {
		return f, err
	}
	f.MechanismID, err = uuidParam(c, "mechanism")
	return f, err
}

// issueFilter reads ?open=true&severity=&category=&subject=.
func issueFilter(c echo.Context) (views.IssueFilter, error) {
	var f views.IssueFilter
	var err error
	if f.OpenOnly, err = boolParam(c, "open"); err != nil {
		return f, err
	}
	if f.Severity, err = enumParam(c, "severity", domain.Values[domain.Severity]()); err != nil {
		return f, err
	}
	if f.Category, err = enumParam(c, "category", domain.Values[domain.Category]()); err != nil {
		return f, err
	}
	f.SubjectComponent, err = uuidParam(c, "subject")
	return f, err
}

// enumParam reads one value from a list: for the domain's enums, the
// domain's own list (domain.Values).
func enumParam[T ~string](c echo.Context, name string, allowed []T) (T, error) {
	raw := T(c.QueryParam(name))
	if raw == "" || slices.Contains(allowed, raw) {
		return raw, nil
	}
	return "", errBadParam(name, fmt.Sprintf("%q is not allowed for %s; use one of %v", raw, name, allowed))
}

func splitList(raw string) []string {
	var out []string
	for _, s := range strings.Split(raw, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func uuidParam(c echo.Context, name string) (uuid.UUID, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return uuid.Nil, nil
	}
	id, err := uuid.Parse(raw)
	if err != nil {
		return id, errBadParam(name, fmt.Sprintf("%s must be a UUID (got %q)", name, raw))
	}
	return id, nil
}

func boolParam(c echo.Context, name string) (bool, error) {
	raw := c.QueryParam(name)
	if raw == "" {
		return false, nil
	}
	v, err := strconv.ParseBool(raw)
	if err != nil {
		return false, errBadParam(name, fmt.Sprintf("%s must be true or false (got %q)", name, raw))
	}
	return v, nil
}

// timeParam reads an RFC 3339 time, or "now" (overdue is asked of a date).
func timeParam(c echo.Context, name string) (time.Time, error) {
	raw := c.QueryParam(name)
	switch raw {
	case "":
		return time.Time{}, nil
	case "now":
		return time.Now().UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, raw)
	if err != nil {
		return t, errBadParam(name, fmt.Sprintf("%s must be an RFC 3339 time such as 2026-03-01T00:00:00Z, or now (got %q)", name, raw))
	}
	return t, nil
}
