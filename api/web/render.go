package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/web/assets"
	"github.com/movementcoord/ledger/api/web/templates"
)

// shared are the templates every page is parsed with.
var shared = []string{"layout.html", "parts.html", "parts_review.html", "parts_followup.html", "parts_offline.html"}

// pageSet is one parsed template per page file.
type pageSet struct{ byName map[string]*template.Template }

func mustParsePages(a *assets.Set) *pageSet {
	funcs := template.FuncMap{"asset": a.URL, "dict": dict, "add": func(a, b int) int { return a + b }}
	names, err := fs.Glob(templates.FS, "*.html")
	if err != nil {
		panic(err)
	}
	ps := &pageSet{byName: map[string]*template.Template{}}
	for _, n := range names {
		if isShared(n) {
			continue
		}
		files := append(append([]string(nil), shared...), n)
		t := template.Must(template.New(n).Funcs(funcs).ParseFS(templates.FS, files...))
		ps.byName[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return ps
}

func isShared(n string) bool {
	for _, s := range shared {
		if s == n {
			return true
		}
	}
	return false
}

// dict builds a map in a template: {{template "x" dict "Page" $ "Row" .}}.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := map[string]any{}
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// render writes a whole page: the page file's "content" inside the layout.
func (w *Web) render(c echo.Context, status int, page string, p *Page) error {
	return w.execute(c, status, page, "layout", p)
}

// renderFragment writes one named template of a page (a table row, a
// panel) for htmx to swap in.
func (w *Web) renderFragment(c echo.Context, status int, page, name string, data any) error {
	return w.execute(c, status, page, name, data)
}

func (w *Web) execute(c echo.Context, status int, page, name string, data any) error {
	t, ok := w.pages.byName[page]
	if !ok {
		return fmt.Errorf("web: no page template %q", page)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("web: render %s/%s: %w", page, name, err)
	}
	c.Response().Header().Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, buf.Bytes())
}

// isFragmentRequest: htmx asked for a piece of a page, not a whole one
// (a boosted link or form wants the whole page).
func isFragmentRequest(c echo.Context) bool {
	h := c.Request().Header
	return h.Get("HX-Request") == "true" && h.Get("HX-Boosted") != "true"
}

// errorHandler shows an error as a page in the person's language.
func (w *Web) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, msg := statusOf(err)
	if status >= http.StatusInternalServerError {
		w.log.Error("web: request failed", "err", err, "path", c.Request().URL.Path)
	}
	p := w.page(c, "error.title")
	p.Data = msg
	if rerr := w.render(c, status, "error", p); rerr != nil {
		w.log.Error("web: error page", "err", rerr)
		_ = c.String(status, http.StatusText(status))
	}
}
