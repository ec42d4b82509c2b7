package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// trackerFilter is the tracker's filter, read from and written to the URL,
// so a filtered view can be bookmarked, shared and reloaded.
type trackerFilter struct {
	State   string
	Owner   uuid.UUID
	Overdue bool
	Open    bool
	Page    int // from 1
}

// pageSize is how many rows a tracker page shows: a page stays small on a
// poor connection, whatever the size of the operation.
const pageSize = 50

func readTrackerFilter(c echo.Context) trackerFilter {
	f := trackerFilter{State: c.QueryParam("state"), Overdue: c.QueryParam("overdue") != "", Open: c.QueryParam("open") != ""}
	f.Owner, _ = uuid.Parse(c.QueryParam("owner"))
	f.Page, _ = strconv.Atoi(c.QueryParam("page"))
	f.Page = max(f.Page, 1)
	return f
}

// At is the filter on another page.
func (f trackerFilter) At(page int) trackerFilter {
	f.Page = page
	return f
}

func (f trackerFilter) views(now views.ActionFilter) views.ActionFilter {
	out := now
	if f.State != "" {
		out.States = []domain.APState{domain.APState(f.State)}
	}
	out.OwnerComponent, out.OpenOnly = f.Owner, f.Open
	return out
}

// Query is the filter as a query string, for the links that keep it.
func (f trackerFilter) Query() string {
	q := url.Values{}
	if f.State != "" {
		q.Set("state", f.State)
	}
	if f.Owner != uuid.Nil {
		q.Set("owner", f.Owner.String())
	}
	if f.Overdue {
		q.Set("overdue", "1")
	}
	if f.Open {
		q.Set("open", "1")
	}
	if f.Page > 1 {
		q.Set("page", strconv.Itoa(f.Page))
	}
	return q.Encode()
}

// trackerView is the tracker page.
type trackerView struct {
	Filter     trackerFilter
	Rows       []trackerRow // this page's
	Total      int          // rows matching the filter
	Prev, Next bool
	Names      map[uuid.UUID]string
	Components []views.Component
	States     []domain.APState
	Moves      []string
	Key        string
}

// trackerRow is an action point and whether it is overdue now (derived at
// the time asked, never stored).
type trackerRow struct {
	A       views.ActionPoint
	Overdue bool
}

func trackerRows(rows []views.ActionPoint, now time.Time) []trackerRow {
	out := make([]trackerRow, len(rows))
	for i := range rows {
		out[i] = trackerRow{A: rows[i], Overdue: rows[i].OverdueAt(now)}
	}
	return out
}

// apStates are the states the filter offers, in lifecycle order: the
// domain's one list of them.
var apStates = domain.Values[domain.APState]()

// apMoves are the status changes a row offers (the domain says which one
// the action point's state allows).
var apMoves = []string{"in_progress", "blocked", "completed", "verified", "cancelled", "reopen"}

// actionsPage is the action tracker.
func (w *Web) actionsPage(c echo.Context) error {
	seen := w.position() // before the views are read: the live stream reports anything after
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	f := readTrackerFilter(c)
	var af views.ActionFilter
	if f.Overdue {
		af.OverdueAt = w.cfg.Now()
	}
	p := w.page(c, "actions.title")
	p.inOperation(o, c.Request().URL.Path)
	p.follow(o.ID, c, seen)
	if c.QueryParam("saved") != "" {
		p.Notice = "actions.saved"
	}
	all := keep(pr, set.Actions.List(o.ID, f.views(af)), seeAction)
	from := min((f.Page-1)*pageSize, len(all))
	to := min(from+pageSize, len(all))
	p.Data = trackerView{Filter: f, Rows: trackerRows(shown(pr, all[from:to], seeAction), w.cfg.Now()), Total: len(all), Prev: from > 0, Next: to < len(all),
		Names: componentNames(pr, set, o.ID), Components: keepShown(pr, set.Components.Map(o.ID), seeComponent),
		States: apStates, Moves: apMoves, Key: newFormKey()}
	return w.render(c, http.StatusOK, "actions", p)
}

// changeStatus moves one action point: in place for htmx (the row comes
// back), or back to the tracker with its filter kept.
func (w *Web) changeStatus(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	id, _ := uuid.Parse(c.Param("id"))
	cmd, err := statusCommand(header(pr, o.ID, formKey(c)), id, c.FormValue("to"), strings.TrimSpace(c.FormValue("note")), c.FormValue("percent"))
	if err == nil {
		_, err = w.write(c.Request().Context(), pr, cmd)
	}
	back := fmt.Sprintf("/ops/%s/actions?%s", o.ID, c.FormValue("filter"))
	if err != nil && !isFragmentRequest(c) {
		return w.refusedOrFail(c, err, back)
	}
	if isFragmentRequest(c) {
		return w.actionRow(c, pr, o.ID, id, err)
	}
	return c.Redirect(http.StatusSeeOther, back+"&saved=1")
}

// actionRow renders one tracker row again, with the refusal beside it.
func (w *Web) actionRow(c echo.Context, pr auth.Principal, op, id uuid.UUID, werr error) error {
	if werr != nil && !isRefusal(werr) {
		return werr
	}
	set, err := w.views()
	if err != nil {
		return err
	}
	a, ok := set.Actions.Get(id)
	if ok {
		a, ok = seeAction(pr, a)
	}
	if !ok || a.OperationID != op {
		return ErrNotFound
	}
	p := w.page(c, "actions.title")
	v := trackerView{Names: componentNames(pr, set, op), Moves: apMoves, Key: newFormKey(), Filter: readTrackerFilterForm(c)}
	row := map[string]any{"P": p, "V": v, "R": trackerRows([]views.ActionPoint{a}, w.cfg.Now())[0]}
	if werr != nil {
		row["Error"] = p.problem(werr)
	}
	return w.renderFragment(c, http.StatusOK, "actions", "ap-row", row)
}

func readTrackerFilterForm(c echo.Context) trackerFilter {
	q, _ := url.ParseQuery(c.FormValue("filter"))
	f := trackerFilter{State: q.Get("state"), Overdue: q.Get("overdue") != "", Open: q.Get("open") != ""}
	f.Owner, _ = uuid.Parse(q.Get("owner"))
	f.Page, _ = strconv.Atoi(q.Get("page"))
	return f
}

// statusCommand is the domain command for a status change.
func statusCommand(h domain.Header, id uuid.UUID, to, note, percent string) (domain.Command, error) {
	switch to {
	case "in_progress":
		pc, _ := strconv.Atoi(percent)
		return domain.ReportProgress{Header: h, ID: id, Percent: pc, Note: note}, nil
	case "blocked":
		return domain.BlockActionPoint{Header: h, ID: id, Reason: note}, nil
	case "completed":
		return domain.CompleteActionPoint{Header: h, ID: id, Note: note}, nil
	case "verified":
		return domain.VerifyActionPoint{Header: h, ID: id, Note: note}, nil
	case "cancelled":
		return domain.CancelActionPoint{Header: h, ID: id, Reason: note}, nil
	case "reopen":
		return domain.ReopenActionPoint{Header: h, ID: id, Reason: note}, nil
	}
	return nil, errUnknownMove
}
