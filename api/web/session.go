package web

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"sync"
	"time"
)

// SessionCookie names the cookie that carries the session id.
const SessionCookie = "ledger_session"

// sessionTTL is how long a session lives without being used: a working day
// and a night, so an officer signs in once a day on a shared laptop.
const sessionTTL = 16 * time.Hour

// session is what the server keeps for a signed-in browser: which token it
// signed in with (its id, not its secret, so revoking the token ends the
// session) and the CSRF token its forms carry.
type session struct {
	tokenID string
	csrf    string
	seen    time.Time
}

// sessions are kept in memory, keyed by the SHA-256 of the cookie value, so a
// dump of the map gives nobody a usable cookie. A restart signs everyone out.
type sessions struct {
	mu  sync.Mutex
	m   map[[32]byte]*session
	now func() time.Time
}

func newSessions(now func() time.Time) *sessions {
	return &sessions{m: map[[32]byte]*session{}, now: now}
}

func randomToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// start opens a session for a token and returns the cookie value.
func (s *sessions) start(tokenID string) (id string, sess session) {
	id = randomToken()
	sess = session{tokenID: tokenID, csrf: randomToken(), seen: s.now()}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweep()
	s.m[sha256.Sum256([]byte(id))] = &sess
	return id, sess
}

// get returns the live session of a cookie value and marks it used.
func (s *sessions) get(id string) (session, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sha256.Sum256([]byte(id))
	sess, ok := s.m[k]
	if !ok || s.now().Sub(sess.seen) > sessionTTL {
		delete(s.m, k)
		return session{}, false
	}
	sess.seen = s.now()
	return *sess, true
}

func (s *sessions) end(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, sha256.Sum256([]byte(id)))
}

// sweep drops expired sessions; called with the lock held, on sign-in.
func (s *sessions) sweep() {
	for k, v := range s.m {
		if s.now().Sub(v.seen) > sessionTTL {
			delete(s.m, k)
		}
	}
}

// sessionCookie is the cookie for a session id; an empty id clears it.
func sessionCookie(r *http.Request, id string) *http.Cookie {
	c := &http.Cookie{Name: SessionCookie, Value: id, Path: "/", HttpOnly: true,
		SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil}
	if id == "" {
		c.MaxAge = -1
	}
	return c
}
