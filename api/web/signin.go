package web

import (
	"fmt"
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
	if c.QueryParam("signed_out") != "" {
		p.Notice = "signin.signed_out"
	}
	return w.render(c, http.StatusOK, "signin", p)
}

// signin turns a pasted token into a session: the browser keeps a signed
// cookie naming the token's id; the token itself is forgotten once checked.
func (w *Web) signin(c echo.Context) error {
	pr, err := w.cfg.Tokens.Authenticate(strings.TrimSpace(c.FormValue("token")))
	if err != nil {
		p := w.page(c, "signin.title")
		p.Data = safeNext(c.FormValue("next"))
		p.Errors = []string{p.T("signin.bad_token")}
		return w.render(c, http.StatusUnauthorized, "signin", p)
	}
	value, err := w.sessions.start(c.Request().Context(), pr.ID)
	if err != nil {
		return err
	}
	c.SetCookie(sessionCookie(c.Request(), value))
	return c.Redirect(http.StatusSeeOther, safeNext(c.FormValue("next")))
}

// signout ends the session in the browser and, through the token registry,
// every session of its token on every server: one token is one person's,
// so they are signed out on all their devices, as the sign-in page then
// says.
func (w *Web) signout(c echo.Context) error {
	c.SetCookie(sessionCookie(c.Request(), ""))
	sess, ok := c.Get(keySession).(session)
	if !ok {
		return c.Redirect(http.StatusSeeOther, "/signin")
	}
	if _, err := w.cfg.Tokens.SignOut(sess.tokenID, w.cfg.Now()); err != nil {
		return fmt.Errorf("web: sign out everywhere: %w", err)
	}
	return c.Redirect(http.StatusSeeOther, "/signin?signed_out=1")
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
