package web

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"net/http"
	"sync"
	"time"
)

// SessionCookie names the cookie that carries the session.
const SessionCookie = "ledger_session"

// sessionTTL is how long a session lives without being used: a working day
// and a night, so an officer signs in once a day on a shared laptop.
const sessionTTL = 16 * time.Hour

// renewAfter is how old a cookie gets before a request re-issues it with a
// fresh issued-at, so an officer who keeps working stays signed in.
const renewAfter = time.Hour

// errNoSession means a cookie is not a live session of this ledger: forged,
// altered, of another key, or unused for longer than sessionTTL.
var errNoSession = errors.New("web: not a live session")

// session is what a signed-in browser's cookie says: which token it signed
// in with (its id, not its secret, so revoking the token ends the session),
// when, and the CSRF token its forms carry, derived from its id.
type session struct {
	sessionClaims
	csrf string
}

// SessionKeys gives the key sessions are signed with. The application
// service does (recorder.Service.SessionKey): every server sharing its key
// store signs alike.
type SessionKeys interface {
	SessionKey(ctx context.Context) ([]byte, error)
}

// sessions are signed cookies (see session_cookie.go): the server keeps
// nothing, so a session outlives a restart and is good on every server
// that shares the key. Sign-out and revocation are kept in the token
// registry, which every server reads (see Web.session).
type sessions struct {
	keys SessionKeys
	now  func() time.Time

	mu  sync.Mutex
	key []byte // read once; a failed read is tried again
}

func newSessions(keys SessionKeys, now func() time.Time) *sessions {
	return &sessions{keys: keys, now: now}
}

func (s *sessions) signingKey(ctx context.Context) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.key != nil {
		return s.key, nil
	}
	k, err := s.keys.SessionKey(ctx)
	if err != nil {
		return nil, err
	}
	s.key = k
	return k, nil
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// start opens a session for a token and returns its cookie value.
func (s *sessions) start(ctx context.Context, tokenID string) (string, error) {
	now := s.now()
	c := sessionClaims{tokenID: tokenID, startedAt: now, issuedAt: now}
	_, _ = rand.Read(c.id[:])
	return s.seal(ctx, c)
}

// open checks a cookie value: errNoSession unless it is signed with the key
// and was issued within sessionTTL.
func (s *sessions) open(ctx context.Context, value string) (session, error) {
	key, err := s.signingKey(ctx)
	if err != nil {
		return session{}, err
	}
	c, ok := unsealSession(key, value)
	if !ok || s.now().Sub(c.issuedAt) > sessionTTL {
		return session{}, errNoSession
	}
	return session{sessionClaims: c, csrf: csrfOf(key, c.id)}, nil
}

// renew returns the session's cookie issued now, when the one it came in is
// older than renewAfter; the session, its start and its CSRF token stay.
func (s *sessions) renew(ctx context.Context, sess session) (value string, renewed bool, err error) {
	now := s.now()
	if now.Sub(sess.issuedAt) <= renewAfter {
		return "", false, nil
	}
	c := sess.sessionClaims
	c.issuedAt = now
	value, err = s.seal(ctx, c)
	return value, err == nil, err
}

func (s *sessions) seal(ctx context.Context, c sessionClaims) (string, error) {
	key, err := s.signingKey(ctx)
	if err != nil {
		return "", err
	}
	return sealSession(key, c), nil
}

// sessionCookie is the cookie for a session; an empty value clears it.
func sessionCookie(r *http.Request, value string) *http.Cookie {
	c := &http.Cookie{Name: SessionCookie, Value: value, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil}
	if value == "" {
		c.MaxAge = -1
	}
	return c
}
