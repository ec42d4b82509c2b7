package web

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestSessionCookieIsHttpOnlyStrictAndSecureUnderTLS(t *testing.T) {
	plain := httptest.NewRequest(http.MethodGet, "/", nil)
	secure := httptest.NewRequest(http.MethodGet, "/", nil)
	secure.TLS = &tls.ConnectionState{}
	for _, tc := range []struct {
		r      *http.Request
		secure bool
	}{{plain, false}, {secure, true}} {
		c := sessionCookie(tc.r, "abc")
		require.True(t, c.HttpOnly)
		require.Equal(t, http.SameSiteStrictMode, c.SameSite)
		require.Equal(t, tc.secure, c.Secure)
		require.Equal(t, "/", c.Path)
	}
	require.Negative(t, sessionCookie(plain, "").MaxAge, "signing out clears the cookie")
}

func TestSessionsExpireWhenUnused(t *testing.T) {
	now := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	s := newSessions(func() time.Time { return now })
	id, sess := s.start("tok1")
	got, ok := s.get(id)
	require.True(t, ok)
	require.Equal(t, sess.csrf, got.csrf)
	require.Equal(t, "tok1", got.tokenID)
	now = now.Add(sessionTTL - time.Minute)
	_, ok = s.get(id)
	require.True(t, ok, "used within the TTL, the session lives on")
	now = now.Add(sessionTTL + time.Minute)
	_, ok = s.get(id)
	require.False(t, ok, "unused past the TTL, it is gone")
	_, ok = s.get("forged")
	require.False(t, ok)
}

func TestRedirectsStayOnTheSite(t *testing.T) {
	for in, want := range map[string]string{
		"/ops/x/actions?state=open": "/ops/x/actions?state=open",
		"https://evil.example/":     "/",
		"//evil.example/":           "/",
		"":                          "/",
		"javascript:alert(1)":       "/",
	} {
		require.Equal(t, want, safeNext(in), in)
	}
}
