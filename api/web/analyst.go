package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
	"github.com/movementcoord/ledger/projections/export"
)

// timelinePageSize is how many events one page of the timeline shows.
const timelinePageSize = 50

// timelineQuery is the timeline's filters as the form sends them; they stay
// in the URL, so a filtered timeline can be bookmarked and shared.
type timelineQuery struct {
	Kind      string
	Component string
	Level     string
	From, To  string // YYYY-MM-DD, both days included
	Offset    int
}

type timelineView struct {
	Q          timelineQuery
	Kinds      []domain.Kind
	Levels     []domain.Level
	Components map[uuid.UUID]string
	Rows       []audit.Record
	Total      int
	First      int // 1-based number of the first row shown
	Prev, Next template.URL
	Export     template.URL // query of the export of exactly this filtered view, without format
	History    bool         // rows link to the record's history (not for analysts)
	Bad        bool         // a filter could not be read; the whole timeline is shown
}

// timelinePage is the operation's timeline, filtered and paged, with the
// downloads of exactly the filtered view.
func (w *Web) timelinePage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	q := readTimelineQuery(c)
	f, ok := q.filter()
	f.Sees, f.Offset, f.Limit = inOperation(pr, o.ID), q.Offset, timelinePageSize
	tl := set.Audit.Timeline(o.ID, f)
	v := timelineView{Q: q, Kinds: domain.Kinds(), Levels: domain.Values[domain.Level](), Components: componentNames(pr, set, o.ID),
		Rows: httpapi.SendRecords(pr, tl.Records), Total: tl.Total, First: q.Offset + 1, Export: q.exportQuery(f),
		History: pr.Role != auth.RoleAnalyst, Bad: !ok}
	if q.Offset > 0 {
		v.Prev = q.at(max(q.Offset-timelinePageSize, 0))
	}
	if end := q.Offset + len(tl.Records); end < tl.Total {
		v.Next = q.at(end)
	}
	p := w.page(c, "ana.timeline.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = v
	return w.render(c, http.StatusOK, "timeline", p)
}

func readTimelineQuery(c echo.Context) timelineQuery {
	q := timelineQuery{Kind: c.QueryParam("kind"), Component: c.QueryParam("component"), Level: c.QueryParam("level"),
		From: c.QueryParam("from"), To: c.QueryParam("to")}
	q.Offset, _ = strconv.Atoi(c.QueryParam("offset"))
	q.Offset = max(q.Offset, 0)
	return q
}

// filter is the trail's filter for the query; ok is false when a value was
// not one the form offers (that filter is then left out).
func (q timelineQuery) filter() (audit.TimelineFilter, bool) {
	var f audit.TimelineFilter
	ok := true
	if q.Kind != "" {
		ok = ok && slices.Contains(domain.Kinds(), domain.Kind(q.Kind))
		if ok {
			f.Kinds = []domain.Kind{domain.Kind(q.Kind)}
		}
	}
	if q.Component != "" {
		id, err := uuid.Parse(q.Component)
		ok, f.Component = ok && err == nil, id
	}
	if q.Level != "" {
		valid := slices.Contains(domain.Values[domain.Level](), domain.Level(q.Level))
		ok = ok && valid
		if valid {
			f.Level = domain.Level(q.Level)
		}
	}
	var good bool
	if f.From, good = day(q.From); !good {
		ok = false
	}
	if f.To, good = day(q.To); !good {
		ok = false
	} else if !f.To.IsZero() {
		f.To = f.To.Add(24 * time.Hour) // the last day is included
	}
	return f, ok
}

// day reads a YYYY-MM-DD date; "" is no date, and good.
func day(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// values are the query's filters as URL parameters.
func (q timelineQuery) values() url.Values {
	v := url.Values{}
	for k, x := range map[string]string{"kind": q.Kind, "component": q.Component, "level": q.Level, "from": q.From, "to": q.To} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return v
}

// at is the query of the page starting at offset.
func (q timelineQuery) at(offset int) template.URL {
	v := q.values()
	if offset > 0 {
		v.Set("offset", strconv.Itoa(offset))
	}
	return template.URL(v.Encode()) // encoded by url.Values
}

// exportQuery is the same filter in the API's terms (RFC 3339 times), for
// /ops/{id}/export, which serves it through httpapi.ServeExport: the file
// holds exactly the rows the filtered timeline shows, on every page.
func (q timelineQuery) exportQuery(f audit.TimelineFilter) template.URL {
	v := url.Values{"view": {"timeline"}}
	if len(f.Kinds) == 1 {
		v.Set("kind", string(f.Kinds[0]))
	}
	if f.Component != uuid.Nil {
		v.Set("component", f.Component.String())
	}
	if f.Level != "" {
		v.Set("level", string(f.Level))
	}
	if !f.From.IsZero() {
		v.Set("from", f.From.Format(time.RFC3339))
	}
	if !f.To.IsZero() {
		v.Set("to", f.To.Format(time.RFC3339))
	}
	return template.URL(v.Encode()) // encoded by url.Values
}

// exportDownload serves a register or the timeline as a file, through the
// API's own export (same filters, same visibility, same columns), from the
// views the page shows (as they stood on ?as_of=, if given).
func (w *Web) exportDownload(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	if !slices.Contains(export.Views(), c.QueryParam("view")) {
		return ErrNotFound
	}
	pr, _ := principal(c)
	return httpapi.ServeExport(c, pr, set, o.ID)
}
