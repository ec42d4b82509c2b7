package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/i18n"
	"github.com/movementcoord/ledger/projections/views"
)

// Page is what every template gets: the language, who is signed in, the
// navigation, the form token, and the page's own Data. Templates translate
// with {{.T "id"}} (inside a range: {{$.T "id"}}).
type Page struct {
	Lang, Dir string
	TitleID   string // message id of the page title
	Principal *auth.Principal
	CSRF      string
	Nav       []NavLink
	Languages []LangLink
	Op        *views.Operation // the operation the page is about, if any
	Notice    string           // message id of a confirmation to show
	Errors    []string         // translated messages to show above the form
	Data      any
	Live      string // the page's live stream (/ops/{id}/live?page=...); empty: none
	AsOf      *AsOf  // the date the registers are shown as they stood on; nil: today
	AsOfForm  bool   // the page is a register that offers "as it stood on"
	Now       time.Time

	loc     *i18n.Localizer
	printer *message.Printer
}

// LangLink is one entry of the language switcher.
type LangLink struct {
	Tag, Name, Href string
	Current         bool
}

// page prepares the Page of a request.
func (w *Web) page(c echo.Context, titleID string) *Page {
	loc := localizer(c)
	lang := loc.Language()
	p := &Page{Lang: lang.Tag, Dir: lang.Dir, TitleID: titleID, CSRF: csrfFor(c), Now: w.cfg.Now(),
		loc: loc, printer: message.NewPrinter(language.Make(lang.Tag))}
	if pr, ok := principal(c); ok {
		p.Principal = &pr
	}
	back := withoutLang(c.Request().URL)
	for _, l := range w.catalog.Languages() {
		p.Languages = append(p.Languages, LangLink{Tag: l.Tag, Name: l.Name, Current: l.Tag == lang.Tag,
			Href: "/lang/" + l.Tag + "?back=" + url.QueryEscape(back)})
	}
	p.Nav = navFor(p.Principal, nil, c.Request().URL.Path)
	p.AsOf, _ = readAsOf(c) // a bad date already failed in viewsFor
	p.AsOfForm = titleID != "error.title" && offersAsOf(c.Request().URL.Path)
	return p
}

// follow makes the page hold a live stream that says when the ledger changed
// after seen, the tracker's position when the page read the views: a change
// made between the page and the stream's connection is reported too.
func (p *Page) follow(op uuid.UUID, c echo.Context, seen uint64) {
	p.Live = "/ops/" + op.String() + "/live?at=" + strconv.FormatUint(seen, 10) + "&page=" + url.QueryEscape(c.Request().URL.RequestURI())
}

// inOperation sets the operation the page is about and its navigation.
func (p *Page) inOperation(op views.Operation, path string) {
	p.Op = &op
	p.Nav = navFor(p.Principal, &op, path)
}

// T translates a message; args are name, value pairs for its fields.
func (p *Page) T(id string, args ...any) string {
	var data map[string]any
	if len(args) > 0 {
		data = map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	return p.loc.T(id, data)
}

// N translates a message in the plural form for count ({{.Count}} in it).
func (p *Page) N(id string, count int, args ...any) string {
	return p.T(id, append([]any{"Count", count}, args...)...)
}

// Enum translates a value of a closed set: {{.Enum "state" .State}} looks up
// "state.blocked".
func (p *Page) Enum(kind string, v any) string { return p.T(kind + "." + fmt.Sprint(v)) }

// Num formats a number the locale's way (1,234 or 1 234).
func (p *Page) Num(n int) string { return p.printer.Sprintf("%d", n) }

// Date formats a day in the locale's words ("3 Nov 2026", "3 nov. 2026").
func (p *Page) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.UTC()
	return p.T("fmt.date", "Day", t.Day(), "Month", p.T("month."+strconv.Itoa(int(t.Month()))), "Year", t.Year())
}

// DateTime adds the time of day (UTC, which every record is kept in).
func (p *Page) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return p.Date(t) + " " + t.UTC().Format("15:04") + " UTC"
}

// ISODate is a date for an <input type="date"> value.
func (p *Page) ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02")
}

// Days is a duration in whole days, in words ("3 days").
func (p *Page) Days(d time.Duration) string { return p.N("unit.days", int(d.Hours()/24)) }

// Short is the first block of an id, which officers read aloud in meetings.
func (p *Page) Short(id uuid.UUID) string { return id.String()[:8] }

// Can reports whether the page offers its forms: to officers, on today's
// views. An admin opens operations and manages tokens (CLI and API), and
// every form here sends an officer's command, which the service would
// refuse an admin.
func (p *Page) Can() bool { return p.Principal != nil && recordsHere(*p.Principal) && p.AsOf == nil }

// Field names a record's field in the person's language ("field.due_at"),
// or in plain words when the catalogue has no name for it.
func (p *Page) Field(name string) string {
	id := "field." + name
	if s := p.T(id); s != id {
		return s
	}
	return strings.ReplaceAll(name, "_", " ")
}
