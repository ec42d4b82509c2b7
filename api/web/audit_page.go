package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/audit"
)

// auditPageSize is how many events one page of the audit search lists.
const auditPageSize = 100

// auditQuery is the audit search form: one actor, or a time window by
// recorded or occurred time. A record's own events are its history page.
type auditQuery struct {
	Actor    string
	From, To string // YYYY-MM-DD, both days included
	By       string // recorded or occurred
	Kind, ID string // a record: the search sends the reader to its history
	After    uint64
}

type auditView struct {
	Q       auditQuery
	Kinds   []domain.Kind
	Rows    []audit.Record
	Asked   bool
	Next    template.URL // query of the next page, "" at the end
	Names   map[uuid.UUID]string
	BadDate bool
}

// auditPage searches the operation's audit trail by actor or time window;
// a record's id leads to its history.
func (w *Web) auditPage(c echo.Context) error {
	o, set, err := w.operation(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	q := readAuditQuery(c)
	if id, err := uuid.Parse(strings.TrimSpace(q.ID)); err == nil && q.Kind != "" {
		return c.Redirect(http.StatusSeeOther, opPath(o.ID.String(), "/history/"+url.PathEscape(q.Kind)+"/"+id.String()))
	}
	v := auditView{Q: q, Kinds: domain.Kinds(), Names: componentNames(pr, set, o.ID)}
	page := audit.Page{After: q.After, Limit: auditPageSize, Sees: inOperation(pr, o.ID)}
	var res audit.Result
	switch from, to, ok := q.window(); {
	case q.Actor != "":
		v.Asked, res = true, set.Audit.Actor(q.Actor, page)
	case ok:
		v.Asked, res = true, set.Audit.Window(from, to, q.By == basisOccurred, page)
	default:
		v.BadDate = q.From != "" || q.To != ""
	}
	v.Rows = httpapi.SendRecords(pr, res.Records)
	if res.Next > 0 {
		v.Next = q.withAfter(res.Next)
	}
	p := w.page(c, "rev.audit.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = v
	return w.render(c, http.StatusOK, "audit", p)
}

func readAuditQuery(c echo.Context) auditQuery {
	q := auditQuery{Actor: strings.TrimSpace(c.QueryParam("actor")), From: c.QueryParam("from"), To: c.QueryParam("to"),
		By: c.QueryParam("by"), Kind: c.QueryParam("kind"), ID: c.QueryParam("id")}
	if q.By != basisOccurred {
		q.By = basisRecorded
	}
	q.After, _ = strconv.ParseUint(c.QueryParam("after"), 10, 64)
	return q
}

// window is the time window asked for: from the start of From to the end
// of To; ok is false unless both are dates and From is not after To.
func (q auditQuery) window() (from, to time.Time, ok bool) {
	f, err1 := time.Parse(time.DateOnly, q.From)
	t, err2 := time.Parse(time.DateOnly, q.To)
	if err1 != nil || err2 != nil || t.Before(f) {
		return f, t, false
	}
	return f, t.Add(24 * time.Hour), true
}

// withAfter is the query of the page after position after.
func (q auditQuery) withAfter(after uint64) template.URL {
	v := url.Values{"by": {q.By}, "after": {strconv.FormatUint(after, 10)}}
	if q.Actor != "" {
		v.Set("actor", q.Actor)
	} else {
		v.Set("from", q.From)
		v.Set("to", q.To)
	}
	return template.URL(v.Encode()) // encoded by url.Values
}
