package httpapi

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/accesslog"
	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
)

// AccessLog keeps who read confidential records (api/accesslog.File).
type AccessLog interface {
	Record(e accesslog.Entry) error
	Query(f accesslog.Filter, limit int) ([]accesslog.Entry, error)
}

// AccessPage is an answer of GET /api/v1/access-log.
type AccessPage struct {
	Entries []accesslog.Entry `json:"entries"`
}

// noteReleased counts a record that is on its way to the principal: a
// confidential one leaves the request a line in the access log. It is
// called for what a response carries, never for what a filter looked at,
// so rows on other pages are not counted.
func noteReleased(p auth.Principal, c domain.Classification) {
	if c == domain.ClassConfidential {
		p.NoteConfidentialRead()
	}
}

// logConfidentialReads writes the request's line in the access log when it
// released confidential records. The response is already on its way, so a
// failure to write is logged as an error rather than answered.
func (s *Server) logConfidentialReads(c echo.Context, p auth.Principal, rc *auth.ReadCounter) {
	n := rc.Count()
	if n == 0 || s.cfg.Access == nil {
		return
	}
	e := accesslog.Entry{At: time.Now().UTC(), Principal: p.Actor().ID, Role: string(p.Role),
		Method: c.Request().Method, Path: c.Request().URL.RequestURI(), Records: n, Status: c.Response().Status}
	if err := s.cfg.Access.Record(e); err != nil {
		s.log.Error("access log: a confidential read was not recorded", "err", err, "principal", e.Principal, "path", e.Path)
	}
}

// accessLog serves GET /api/v1/access-log?from=&to=&principal=&limit= to
// reviewers.
func (s *Server) accessLog(c echo.Context) error {
	var f accesslog.Filter
	var err error
	if f.From, err = timeParam(c, "from"); err != nil {
		return err
	}
	if f.To, err = timeParam(c, "to"); err != nil {
		return err
	}
	f.Principal = c.QueryParam("principal")
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	entries, err := s.cfg.Access.Query(f, limit)
	if err != nil {
		return err
	}
	if entries == nil {
		entries = []accesslog.Entry{}
	}
	return c.JSON(http.StatusOK, AccessPage{Entries: entries})
}
