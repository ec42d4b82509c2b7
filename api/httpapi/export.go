package httpapi

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/export"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// Export formats: JSON, CSV, and CSV with the HXL hashtag row second.
const (
	formatJSON = "json"
	formatCSV  = "csv"
	formatHXL  = "hxl"
)

var exportFormats = []string{formatJSON, formatCSV, formatHXL}

// exportView serves GET /api/v1/operations/{id}/export?view=&format=, with
// the filters, ?as_of= and ?at_least= of the register or timeline it
// exports: the whole filtered view (every page), as the reader's register
// shows it. Nobody has to stop the server to export.
func (s *Server) exportView(c echo.Context) error {
	op, set, err := s.registerQuery(c)
	if err != nil {
		return err
	}
	return ServeExport(c, principalOf(c), set, op)
}

// ServeExport answers with one view of operation op from set, for p, as a
// download: ?view= and ?format= say what and how, the view's own filters
// (the same query parameters as its register route) which rows, and ?as_of=
// the date overdue is computed at (now without it). The web pages' download
// links call it too, so a page and the API export the same rows.
func ServeExport(c echo.Context, p auth.Principal, set *readmodel.Set, op uuid.UUID) error {
	view := c.QueryParam("view")
	if !slices.Contains(export.Views(), view) {
		return errBadParam("view", fmt.Sprintf("view must be one of %v (got %q)", export.Views(), view))
	}
	format, err := enumParam(c, "format", exportFormats)
	if err != nil {
		return err
	}
	rows, err := exportFilters(c, view)
	if err != nil {
		return err
	}
	at, _, err := asOfParams(c)
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = time.Now().UTC()
	}
	rows.p, rows.set, rows.op = p, set, op
	tbl, err := export.ForReader(set, rows, op, view, p.SeesPersonalData(), at)
	if errors.Is(err, export.ErrUnknownOperation) {
		return errNotFound("record.not_found", fmt.Sprintf("no operation has id %s", op))
	}
	if err != nil {
		return err
	}
	return writeTable(c, tbl, op, format)
}

// writeTable answers with the table as a download named after the view.
func writeTable(c echo.Context, tbl export.Table, op uuid.UUID, format string) error {
	var buf bytes.Buffer
	var err error
	name, mediaType := fmt.Sprintf("%s-%s", op, tbl.View), "text/csv; charset=utf-8"
	switch format {
	case formatCSV:
		name += ".csv"
		err = tbl.WriteCSV(&buf, false)
	case formatHXL:
		name += ".hxl.csv"
		err = tbl.WriteCSV(&buf, true)
	default:
		name, mediaType = name+".json", echo.MIMEApplicationJSON
		err = tbl.WriteJSON(&buf)
	}
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	return c.Blob(http.StatusOK, mediaType, buf.Bytes())
}

// readerRows are an export's rows: the register's own query with the
// request's filters, passed through the same visibility functions as the
// register routes, so a download holds exactly what the page showed.
type readerRows struct {
	p         auth.Principal
	set       *readmodel.Set
	op        uuid.UUID
	actions   views.ActionFilter
	decisions views.DecisionFilter
	issues    views.IssueFilter
	timeline  audit.TimelineFilter
	pending   bool // escalations
	removed   bool // contacts
}

// exportFilters reads the filters the exported view's own route takes.
func exportFilters(c echo.Context, view string) (*readerRows, error) {
	r := &readerRows{}
	var err error
	switch view {
	case "action-points":
		r.actions, err = actionFilter(c)
	case "decisions":
		r.decisions, err = decisionFilter(c)
	case "compliance-issues":
		r.issues, err = issueFilter(c)
	case "escalations":
		r.pending, err = boolParam(c, "pending")
	case "contacts":
		r.removed, err = boolParam(c, "removed")
	case "timeline":
		r.timeline, err = timelineFilter(c)
	}
	return r, err
}

func (r *readerRows) ActionPoints() []views.ActionPoint {
	return keepVisible(r.p, r.set.Actions.List(r.op, r.actions), VisibleActionPoint)
}

func (r *readerRows) Decisions() []views.Decision {
	return keepVisible(r.p, r.set.Decisions.List(r.op, r.decisions), VisibleDecision)
}

func (r *readerRows) Issues() []views.Issue {
	return keepVisible(r.p, r.set.Compliance.List(r.op, r.issues), VisibleIssue)
}

func (r *readerRows) Escalations() []views.Escalation {
	return keepVisible(r.p, r.set.Escalations.List(r.op, r.pending), VisibleEscalation)
}

func (r *readerRows) Contacts() []views.Contact {
	return keepVisible(r.p, r.set.Contacts.List(r.op, r.removed), VisibleContact)
}

func (r *readerRows) Components() []views.Component {
	return keepVisible(r.p, r.set.Components.Map(r.op), VisibleComponent)
}

// Timeline is filtered by the reader's policy before it is read whole, as
// the timeline route filters before it pages.
func (r *readerRows) Timeline() []audit.Record {
	f := r.timeline
	f.Sees = r.p.Reader().SeesRecord
	return sendRecords(r.p, export.WholeTimeline(r.set.Audit, r.op, f))
}
