package web

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/accesslog"
	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/i18n"
)

// LangCookie remembers the language a person chose.
const LangCookie = "ledger_lang"

// preCSRFCookie carries the CSRF token of the sign-in form (double submit),
// before there is a session to bind one to.
const preCSRFCookie = "ledger_csrf"

const (
	keyLocalizer = "web.localizer"
	keyPrincipal = "web.principal"
	keySession   = "web.session"
)

// language picks the request's language: a known ?lang= (this request only:
// the service worker keeps the capture forms in every language with it, and
// the remembered choice stays), else the remembered choice, else
// Accept-Language. Content-Language tells the service worker which it was.
func (w *Web) language(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		chosen := ""
		if ck, err := c.Cookie(LangCookie); err == nil {
			chosen = ck.Value
		}
		if _, ok := w.catalog.Known(c.QueryParam("lang")); ok {
			chosen = c.QueryParam("lang")
		}
		lang := w.catalog.Pick(chosen, c.Request().Header.Get("Accept-Language"))
		c.Set(keyLocalizer, w.catalog.For(lang))
		c.Response().Header().Add("Vary", "Accept-Language, Cookie")
		c.Response().Header().Set("Content-Language", lang.Tag)
		return next(c)
	}
}

// session resolves the session cookie to its token's principal. A revoked
// token ends the session at the next request, and so does a sign-out of
// the token after the session began, made on any server (both are kept in
// the token registry). A session in use gets a fresh cookie every
// renewAfter. Confidential records a page released are written to the
// access log, as the API does.
func (w *Web) session(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(SessionCookie)
		if err != nil || ck.Value == "" {
			return next(c)
		}
		ctx := c.Request().Context()
		sess, err := w.sessions.open(ctx, ck.Value)
		if errors.Is(err, errNoSession) {
			c.SetCookie(sessionCookie(c.Request(), ""))
			return next(c)
		}
		if err != nil {
			return err // no key to check it with: keep the cookie for the next try
		}
		p, ok, err := w.principalOf(sess)
		if err != nil {
			return err // the registry did not answer: not a reason to sign anyone out
		}
		if !ok {
			c.SetCookie(sessionCookie(c.Request(), ""))
			return next(c)
		}
		if renewed, ok, err := w.sessions.renew(ctx, sess); err == nil && ok {
			c.SetCookie(sessionCookie(c.Request(), renewed))
		}
		rc := &auth.ReadCounter{}
		c.Set(keyPrincipal, p.WithReadCounter(rc))
		c.Set(keySession, sess)
		err = next(c)
		w.logConfidentialReads(c, p, rc)
		return err
	}
}

// principalOf is the principal a session acts for: none if its token is
// unknown, revoked, or signed out since the session began.
func (w *Web) principalOf(sess session) (auth.Principal, bool, error) {
	t, found, err := w.cfg.Tokens.Get(sess.tokenID)
	if err != nil {
		return auth.Principal{}, false, fmt.Errorf("web: token store: %w", err)
	}
	if !found || !t.Active() || sess.startedAt.Before(t.SignedOutAt) {
		return auth.Principal{}, false, nil
	}
	return t.Principal(), true, nil
}

func (w *Web) logConfidentialReads(c echo.Context, p auth.Principal, rc *auth.ReadCounter) {
	n := rc.Count()
	if n == 0 || w.cfg.Access == nil {
		return
	}
	e := accesslog.Entry{At: w.cfg.Now().UTC(), Principal: p.Actor().ID, Role: string(p.Role),
		Method: c.Request().Method, Path: c.Request().URL.RequestURI(), Records: n, Status: c.Response().Status}
	if err := w.cfg.Access.Record(e); err != nil {
		w.log.Error("access log: a confidential read was not recorded", "err", err, "principal", e.Principal, "path", e.Path)
	}
}

// checkCSRF refuses a POST whose csrf field is not the session's token (or,
// signed out, the sign-in form's cookie).
func (w *Web) checkCSRF(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if c.Request().Method != http.MethodPost {
			return next(c)
		}
		want := ""
		if sess, ok := c.Get(keySession).(session); ok {
			want = sess.csrf
		} else if ck, err := c.Cookie(preCSRFCookie); err == nil {
			want = ck.Value
		}
		got := c.FormValue("csrf")
		if want == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
			return ErrBadCSRF
		}
		return next(c)
	}
}

// csrfFor is the token a page's forms carry. Signed out, it sets the
// double-submit cookie the sign-in form is checked against.
func csrfFor(c echo.Context) string {
	if sess, ok := c.Get(keySession).(session); ok {
		return sess.csrf
	}
	if ck, err := c.Cookie(preCSRFCookie); err == nil && ck.Value != "" {
		return ck.Value
	}
	v := randomToken()
	c.SetCookie(&http.Cookie{Name: preCSRFCookie, Value: v, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: c.Request().TLS != nil, MaxAge: int(time.Hour.Seconds())})
	return v
}

// principal is the signed-in principal, if any.
func principal(c echo.Context) (auth.Principal, bool) {
	p, ok := c.Get(keyPrincipal).(auth.Principal)
	return p, ok
}

func localizer(c echo.Context) *i18n.Localizer {
	return c.Get(keyLocalizer).(*i18n.Localizer)
}

// signedIn sends a signed-out browser to the sign-in page, then back.
func signedIn(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if _, ok := principal(c); !ok {
			if c.Request().Method != http.MethodGet {
				return ErrNoSession
			}
			return c.Redirect(http.StatusSeeOther, "/signin?next="+url.QueryEscape(c.Request().URL.RequestURI()))
		}
		return next(c)
	}
}

// writers lets through the roles whose commands the pages send: officers.
func writers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p, _ := principal(c); !recordsHere(p) {
			return ErrForbidden
		}
		return next(c)
	}
}

// recordsHere reports whether the pages' forms are for this principal: a
// role that writes and may send officers' commands (admins write only
// operation.* and erasures, which the pages do not offer).
func recordsHere(p auth.Principal) bool { return p.Writes() && p.Role == auth.RoleOfficer }

var errStatus = []struct {
	err    error
	status int
	msg    string
}{
	{ErrNoSession, http.StatusUnauthorized, "error.signin"},
	{ErrBadCSRF, http.StatusForbidden, "error.csrf"},
	{ErrForbidden, http.StatusForbidden, "error.forbidden"},
	{ErrNotFound, http.StatusNotFound, "error.notfound"},
	{errBadAsOf, http.StatusBadRequest, "asof.bad"},
}

// statusOf maps the package's errors to a status and a message id.
func statusOf(err error) (int, string) {
	for _, e := range errStatus {
		if errors.Is(err, e.err) {
			return e.status, e.msg
		}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if he.Code == http.StatusNotFound || he.Code == http.StatusMethodNotAllowed {
			return http.StatusNotFound, "error.notfound"
		}
		return he.Code, "error.internal"
	}
	return http.StatusInternalServerError, "error.internal"
}
