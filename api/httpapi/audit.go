package httpapi

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
)

// AuditPage is a page of the audit trail or a timeline. Total, on a
// timeline, counts the matching events the reader may see.
type AuditPage struct {
	Records    []audit.Record `json:"records"`
	Total      int            `json:"total,omitempty"`
	NextCursor string         `json:"next_cursor,omitempty"`
}

// timeline serves GET /api/v1/operations/{id}/timeline.
func (s *Server) timeline(c echo.Context) error {
	f, err := timelineFilter(c)
	if err != nil {
		return err
	}
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	p := principalOf(c)
	f.Sees = p.Reader().SeesRecord
	tl := set.Audit.Timeline(op, f)
	page := AuditPage{Records: sendRecords(p, tl.Records), Total: tl.Total}
	if end := f.Offset + len(tl.Records); end < tl.Total {
		page.NextCursor = strconv.Itoa(end)
	}
	return c.JSON(http.StatusOK, page)
}

// recordAudit serves GET /api/v1/audit/{kind}/{id}: every event of one
// record with who, when recorded, when occurred, and corrections linked.
// Analysts read registers and timelines, not the audit trail.
func (s *Server) recordAudit(c echo.Context) error {
	p := principalOf(c)
	if !p.Reader().SeesAuditTrail() {
		return errForbidden("the audit trail is for officers, reviewers and admins")
	}
	ref, err := parseRef(c.Param("kind"), c.Param("id"))
	if err != nil {
		return err
	}
	after, err := uintParam(c, "cursor", 0)
	if err != nil {
		return err
	}
	limit, err := limitParam(c)
	if err != nil {
		return err
	}
	set, err := s.currentViews(c)
	if err != nil {
		return err
	}
	res := set.Audit.Entity(ref, audit.Page{After: after, Limit: limit, Sees: p.Reader().SeesRecord})
	if len(res.Records) == 0 && after == 0 {
		// neither "it exists elsewhere" nor "it does not exist": the same 404
		return errNotFound("record.not_found", fmt.Sprintf("there is no %s %s that your token may read", ref.Kind, ref.ID))
	}
	page := AuditPage{Records: sendRecords(p, res.Records)}
	if res.Next > 0 {
		page.NextCursor = strconv.FormatUint(res.Next, 10)
	}
	return c.JSON(http.StatusOK, page)
}

// sendRecords counts the records a page sends (the trail filtered them for
// the principal before paging) and never answers null.
func sendRecords(p auth.Principal, rs []audit.Record) []audit.Record {
	for _, r := range rs {
		noteReleased(p, r.Classification)
	}
	if rs == nil {
		return []audit.Record{}
	}
	return rs
}

// timelineFilter reads ?kind=a,b&component=&level=&from=&to=&cursor=&limit=.
func timelineFilter(c echo.Context) (audit.TimelineFilter, error) {
	var f audit.TimelineFilter
	var err error
	for _, k := range splitList(c.QueryParam("kind")) {
		if !slices.Contains(domain.Kinds(), domain.Kind(k)) {
			return f, errBadParam("kind", "kind must be one of "+kindList())
		}
		f.Kinds = append(f.Kinds, domain.Kind(k))
	}
	if f.Component, err = uuidParam(c, "component"); err != nil {
		return f, err
	}
	if f.Level, err = enumParam(c, "level", domain.Values[domain.Level]()); err != nil {
		return f, err
	}
	if f.From, err = timeParam(c, "from"); err != nil {
		return f, err
	}
	if f.To, err = timeParam(c, "to"); err != nil {
		return f, err
	}
	offset, err := uintParam(c, "cursor", 0)
	if err != nil {
		return f, err
	}
	if offset > maxOffset {
		return f, errBadParam("cursor", "the cursor is not one this server gave out; start again without it")
	}
	f.Offset = int(offset)
	f.Limit, err = limitParam(c)
	return f, err
}

func kindList() string {
	s := make([]string, 0, len(domain.Kinds()))
	for _, k := range domain.Kinds() {
		s = append(s, string(k))
	}
	return strings.Join(s, ", ")
}
