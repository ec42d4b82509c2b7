package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/memory"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
)

// ledgerServer is one server's pages: its own Web, service and token store
// (on a token file other servers may share), on a key store (shared or not).
type ledgerServer struct {
	t    *testing.T
	web  *Web
	base string
}

func startServer(t *testing.T, keys keystore.Store, tokensDir string, now func() time.Time) *ledgerServer {
	t.Helper()
	store := memory.New()
	tokens, err := auth.OpenStore(tokensDir)
	require.NoError(t, err)
	opts := []recorder.Option{}
	if keys != nil {
		opts = append(opts, recorder.WithKeys(keys))
	}
	w := New(Config{Service: recorder.New(store, opts...), Tokens: tokens, Runner: projections.NewRunner(store), Now: now})
	srv := httptest.NewServer(w.Handler())
	t.Cleanup(srv.Close)
	return &ledgerServer{t: t, web: w, base: srv.URL}
}

func openKeys(t *testing.T, dir string) *keystore.File {
	t.Helper()
	keys, err := keystore.OpenFile(context.Background(), dir, false)
	require.NoError(t, err)
	t.Cleanup(func() { _ = keys.Close() })
	return keys
}

// ticking is a clock that moves on a millisecond at each look, so that
// every sign-in and sign-out happens at its own time.
func ticking() func() time.Time {
	var mu sync.Mutex
	at := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		at = at.Add(time.Millisecond)
		return at
	}
}

var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (s *ledgerServer) do(method, path, session string, form url.Values, cookies ...*http.Cookie) *http.Response {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(form.Encode()))
	require.NoError(s.t, err)
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if session != "" {
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: session})
	}
	for _, c := range cookies {
		req.AddCookie(c)
	}
	res, err := noRedirect.Do(req)
	require.NoError(s.t, err)
	s.t.Cleanup(func() { _ = res.Body.Close() })
	return res
}

var csrfInForm = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// signIn pastes a token into the sign-in form and returns the session cookie.
func (s *ledgerServer) signIn(token string) string {
	s.t.Helper()
	form := s.do(http.MethodGet, "/signin", "", nil)
	var body strings.Builder
	_, _ = ioCopy(&body, form)
	m := csrfInForm.FindStringSubmatch(body.String())
	require.Len(s.t, m, 2)
	res := s.do(http.MethodPost, "/signin", "", url.Values{"csrf": {m[1]}, "token": {token}}, cookieOf(form, preCSRFCookie))
	require.Equal(s.t, http.StatusSeeOther, res.StatusCode)
	c := cookieOf(res, SessionCookie)
	require.NotNil(s.t, c)
	return c.Value
}

// signedIn reports whether the server takes the session: the sign-in page
// sends a signed-in browser on, and shows a signed-out one the form.
func (s *ledgerServer) signedIn(session string) bool {
	s.t.Helper()
	res := s.do(http.MethodGet, "/signin", session, nil)
	if res.StatusCode == http.StatusOK {
		c := cookieOf(res, SessionCookie)
		require.NotNil(s.t, c, "a refused session's cookie is cleared")
		require.Negative(s.t, c.MaxAge)
	}
	return res.StatusCode == http.StatusSeeOther
}

// signOut sends the sign-out form with a CSRF token and returns the status.
func (s *ledgerServer) signOut(session, csrf string) int {
	s.t.Helper()
	return s.do(http.MethodPost, "/signout", session, url.Values{"csrf": {csrf}}).StatusCode
}

// csrfOf is the CSRF token the server's forms carry for a session.
func (s *ledgerServer) csrfOf(session string) string {
	s.t.Helper()
	sess, err := s.web.sessions.open(context.Background(), session)
	require.NoError(s.t, err)
	return sess.csrf
}

func cookieOf(res *http.Response, name string) *http.Cookie {
	for _, c := range res.Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func tokenIn(t *testing.T, dir string) (id, secret string) {
	t.Helper()
	store, err := auth.OpenStore(dir)
	require.NoError(t, err)
	tok, secret, err := store.Create(auth.Spec{Name: "MCO", Role: auth.RoleReviewer})
	require.NoError(t, err)
	return tok.ID, secret
}

// A restart keeps sessions: a new server on the same key store (reopened)
// takes the cookie; a server on another key store does not.
func TestASessionOutlivesARestart(t *testing.T) {
	keysDir, tokensDir := t.TempDir(), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	before := startServer(t, openKeys(t, keysDir), tokensDir, ticking())
	session := before.signIn(secret)
	require.True(t, before.signedIn(session))

	restarted := startServer(t, openKeys(t, keysDir), tokensDir, ticking())
	require.True(t, restarted.signedIn(session), "after a restart, still signed in")

	elsewhere := startServer(t, openKeys(t, t.TempDir()), tokensDir, ticking())
	require.False(t, elsewhere.signedIn(session), "another key store, another ledger")
	unkeyed := startServer(t, nil, tokensDir, ticking())
	require.False(t, unkeyed.signedIn(session), "without a key store, a key of its own")
}

// Behind a load balancer: a session made on server A is good on server B
// when they share the key store, with the same CSRF token.
func TestASessionIsGoodOnEveryServerSharingTheKeyStore(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	a, b := startServer(t, keys, tokensDir, ticking()), startServer(t, keys, tokensDir, ticking())
	session := a.signIn(secret)
	require.True(t, b.signedIn(session))
	require.Equal(t, a.csrfOf(session), b.csrfOf(session), "a form from A is good on B")
}

// A cookie changed in any way is refused, and cleared.
func TestATamperedSessionIsRefused(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	otherID, _ := tokenIn(t, tokensDir)
	s := startServer(t, keys, tokensDir, ticking())
	session := s.signIn(secret)
	require.True(t, s.signedIn(session))
	for name, value := range map[string]string{
		"payload changed":  flip(session, 3),
		"MAC changed":      flip(session, len(session)-3),
		"token id swapped": withPayload(session, func(p []byte) []byte { return append(p[:sessionHeader], otherID...) }),
	} {
		require.False(t, s.signedIn(value), name)
	}
}

// Unused for sessionTTL, a session is refused.
func TestAnExpiredSessionIsRefused(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	var mu sync.Mutex
	now := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := startServer(t, keys, tokensDir, clock)
	session := s.signIn(secret)
	mu.Lock()
	now = now.Add(sessionTTL + time.Minute)
	mu.Unlock()
	require.False(t, s.signedIn(session))
}

// Signing out on A ends the token's sessions on B too, on every device;
// signing in again afterwards works.
func TestASignOutOnOneServerHoldsOnAnother(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	clock := ticking()
	a, b := startServer(t, keys, tokensDir, clock), startServer(t, keys, tokensDir, clock)
	laptop, phone := a.signIn(secret), b.signIn(secret)

	require.Equal(t, http.StatusSeeOther, a.signOut(laptop, a.csrfOf(laptop)))

	require.False(t, b.signedIn(laptop), "the session signed out, on the other server")
	require.False(t, b.signedIn(phone), "the token's other device, too")
	require.False(t, a.signedIn(phone))
	again := b.signIn(secret)
	require.True(t, a.signedIn(again), "a sign-in after the sign-out is good")
}

// A revoked token's sessions are refused on every server.
func TestARevokedTokensSessionIsRefused(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	id, secret := tokenIn(t, tokensDir)
	a, b := startServer(t, keys, tokensDir, ticking()), startServer(t, keys, tokensDir, ticking())
	session := a.signIn(secret)
	require.True(t, b.signedIn(session))
	_, err := b.web.cfg.Tokens.Revoke(id)
	require.NoError(t, err)
	require.False(t, a.signedIn(session))
}

// One session's CSRF token does not pass for another's.
func TestOneSessionsCSRFDoesNotValidateAnother(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	s := startServer(t, keys, tokensDir, ticking())
	mine, theirs := s.signIn(secret), s.signIn(secret)
	require.Equal(t, http.StatusForbidden, s.signOut(mine, s.csrfOf(theirs)))
	require.True(t, s.signedIn(mine), "the forged form did nothing")
	require.Equal(t, http.StatusSeeOther, s.signOut(mine, s.csrfOf(mine)))
}

func ioCopy(dst *strings.Builder, res *http.Response) (int64, error) {
	return io.Copy(dst, res.Body)
}

// Sign-out is compared with when the session began, not with when its
// cookie was last issued: a cookie re-issued after the sign-out, by a
// server that had not yet read it, does not outlive it.
func TestARenewedCookieDoesNotOutliveASignOut(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	id, secret := tokenIn(t, tokensDir)
	var mu sync.Mutex
	signedInAt := time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)
	now := signedInAt
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	s := startServer(t, keys, tokensDir, clock)
	session := s.signIn(secret)
	sess, err := s.web.sessions.open(context.Background(), session)
	require.NoError(t, err)

	// Given a cookie re-issued two hours on, after a sign-out at one hour
	mu.Lock()
	now = signedInAt.Add(2 * time.Hour)
	mu.Unlock()
	renewed, ok, err := s.web.sessions.renew(context.Background(), sess)
	require.NoError(t, err)
	require.True(t, ok)
	_, err = s.web.cfg.Tokens.SignOut(id, signedInAt.Add(time.Hour))
	require.NoError(t, err)

	// Then neither cookie is taken
	require.False(t, s.signedIn(renewed))
	require.False(t, s.signedIn(session))
}

// The sign-in page a sign-out lands on says it ended every device's session.
func TestSignOutSaysItEndedEveryDevice(t *testing.T) {
	keys, tokensDir := openKeys(t, t.TempDir()), t.TempDir()
	_, secret := tokenIn(t, tokensDir)
	s := startServer(t, keys, tokensDir, ticking())
	session := s.signIn(secret)
	res := s.do(http.MethodPost, "/signout", session, url.Values{"csrf": {s.csrfOf(session)}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	page := s.do(http.MethodGet, res.Header.Get("Location"), "", nil)
	var body strings.Builder
	_, _ = ioCopy(&body, page)
	require.Contains(t, body.String(), "on every other device")
}
