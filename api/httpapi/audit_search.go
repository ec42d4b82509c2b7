package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/audit"
)

// auditSearch serves GET /api/v1/audit?actor=ID or ?from=&to=&by=occurred:
// every event one actor recorded, or every event in a time window (recorded
// time unless by=occurred), across operations the principal may read.
func (s *Server) auditSearch(c echo.Context) error {
	p := principalOf(c)
	if !p.Reader().SeesAuditTrail() {
		return errForbidden("the audit trail is for officers, reviewers and admins")
	}
	q, err := parseAuditSearch(c)
	if err != nil {
		return err
	}
	set, err := s.currentViews(c)
	if err != nil {
		return err
	}
	var res audit.Result
	q.page.Sees = p.Reader().SeesRecord
	if q.actor != "" {
		res = set.Audit.Actor(q.actor, q.page)
	} else {
		res = set.Audit.Window(q.from, q.to, q.byOccurred, q.page)
	}
	page := AuditPage{Records: sendRecords(p, res.Records)}
	if res.Next > 0 {
		page.NextCursor = strconv.FormatUint(res.Next, 10)
	}
	return c.JSON(http.StatusOK, page)
}

type auditQuery struct {
	actor      string
	from, to   time.Time
	byOccurred bool
	page       audit.Page
}

func parseAuditSearch(c echo.Context) (auditQuery, error) {
	q := auditQuery{actor: c.QueryParam("actor")}
	var err error
	if q.from, err = timeParam(c, "from"); err != nil {
		return q, err
	}
	if q.to, err = timeParam(c, "to"); err != nil {
		return q, err
	}
	if (q.actor == "") == (q.from.IsZero() || q.to.IsZero()) {
		return q, errBadParam("actor", "give either actor, or both from and to")
	}
	by, err := enumParam(c, "by", []string{basisRecorded, basisOccurred})
	if err != nil {
		return q, err
	}
	q.byOccurred = by == basisOccurred
	if q.page.After, err = uintParam(c, "cursor", 0); err != nil {
		return q, err
	}
	q.page.Limit, err = limitParam(c)
	return q, err
}
