package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"
)

// signinForm shows the sign-in form.
func (w *Web) signinForm(c echo.Context) error {
	if _, ok := principal(c); ok {
		return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("next")))
	}
	p := w.page(c, "signin.title")
	p.Data = safeNext(c.QueryParam("next"))
	return w.render(c, http.StatusOK, "signin", p)
}

// signin turns a pasted token into a session: the browser keeps the session
// id, the server keeps which token it stands for; the token itself is
// forgotten once checked.
func (w *Web) signin(c echo.Context) error {
	pr, err := w.cfg.Tokens.Authenticate(strings.TrimSpace(c.FormValue("token")))
	if err != nil {
		p := w.page(c, "signin.title")
		p.Data = safeNext(c.FormValue("next"))
		p.Errors = []string{p.T("signin.bad_token")}
		return w.render(c, http.StatusUnauthorized, "signin", p)
	}
	id, _ := w.sessions.start(pr.ID)
	c.SetCookie(sessionCookie(c.Request(), id))
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("next")))
}

// signout ends the session on the server and in the browser.
func (w *Web) signout(c echo.Context) error {
	if ck, err := c.Cookie(SessionCookie); err == nil {
		w.sessions.end(ck.Value)
	}
	c.SetCookie(sessionCookie(c.Request(), ""))
	return c.Redirect(http.StatusSeeOther, "/signin")
}

// switchLanguage remembers a language for a year and goes back to the page.
func (w *Web) switchLanguage(c echo.Context) error {
	l, ok := w.catalog.Known(c.Param("tag"))
	if !ok {
		return ErrNotFound
	}
	c.SetCookie(&http.Cookie{Name: LangCookie, Value: l.Tag, Path: "/", MaxAge: 365 * 24 * 3600,
		SameSite: http.SameSiteLaxMode, Secure: c.Request().TLS != nil, HttpOnly: true})
	return c.Redirect(http.StatusSeeOther, safeNext(c.QueryParam("back")))
}

// safeNext keeps a redirect on this site: a path, never another host.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || u.IsAbs() || u.Host != "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return "/"
	}
	return next
}
