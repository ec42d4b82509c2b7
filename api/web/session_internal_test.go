package web

import (
	"context"
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

// fixedKey stands for the key store: the same key for every sessions made
// on it, as after a restart.
type fixedKey []byte

func (k fixedKey) SessionKey(context.Context) ([]byte, error) { return k, nil }

var testKey = fixedKey("0123456789abcdef0123456789abcdef")

// A session unused for sessionTTL ends; one in use is re-issued with a
// fresh issued-at, so an officer at work stays in; its CSRF token stays.
func TestSessionsExpireWhenUnusedAndLiveOnWhenUsed(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	s := newSessions(testKey, func() time.Time { return now })
	first, err := s.start(ctx, "tok1")
	require.NoError(t, err)
	sess, err := s.open(ctx, first)
	require.NoError(t, err)
	require.Equal(t, "tok1", sess.tokenID)

	_, renewed, err := s.renew(ctx, sess)
	require.NoError(t, err)
	require.False(t, renewed, "a fresh cookie is not re-issued")

	now = now.Add(sessionTTL - time.Minute)
	sess, err = s.open(ctx, first)
	require.NoError(t, err, "used within the TTL, the session lives on")
	second, renewed, err := s.renew(ctx, sess)
	require.NoError(t, err)
	require.True(t, renewed, "an old cookie in use is re-issued")

	now = now.Add(sessionTTL - time.Minute)
	_, err = s.open(ctx, first)
	require.ErrorIs(t, err, errNoSession, "the first cookie, unused past the TTL, is refused")
	again, err := s.open(ctx, second)
	require.NoError(t, err, "the re-issued one lives on")
	require.Equal(t, sess.csrf, again.csrf, "the same session, the same CSRF token")
	require.Equal(t, sess.startedAt, again.startedAt, "a re-issue does not move the sign-in time")
}

// A cookie is the key's own or nothing: any change, another key or another
// format is refused.
func TestAnAlteredSessionCookieIsRefused(t *testing.T) {
	now := time.Date(2026, 11, 3, 8, 0, 0, 0, time.UTC)
	claims := sessionClaims{tokenID: "a1b2c3d4e5f6", startedAt: now, issuedAt: now, id: [16]byte{1, 2, 3}}
	good := sealSession(testKey, claims)
	got, ok := unsealSession(testKey, good)
	require.True(t, ok)
	require.Equal(t, claims.tokenID, got.tokenID)
	require.True(t, now.Equal(got.issuedAt))

	for name, value := range map[string]string{
		"payload changed":      flip(good, 3),
		"MAC changed":          flip(good, len(good)-3),
		"token id swapped":     withPayload(good, func(p []byte) []byte { return append(p[:sessionHeader], "ffffffffffff"...) }),
		"issued-at moved on":   withPayload(good, func(p []byte) []byte { p[16]++; return p }),
		"another key":          sealSession([]byte("another key, another ledger....."), claims),
		"another format":       resealed(good, func(p []byte) []byte { p[0] = 2; return p }),
		"no token id":          resealed(good, func(p []byte) []byte { return p[:sessionHeader] }),
		"no MAC":               good[:len(good)-43],
		"not a cookie of ours": "abc",
		"empty":                "",
	} {
		_, ok := unsealSession(testKey, value)
		require.False(t, ok, name)
	}
}

// flip changes one base64url character of value.
func flip(value string, i int) string {
	b := []byte(value)
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

// withPayload changes a cookie's payload and keeps its MAC.
func withPayload(value string, change func([]byte) []byte) string {
	enc, mac, _ := cut(value)
	p, _ := b64.DecodeString(enc)
	return b64.EncodeToString(change(p)) + "." + mac
}

// resealed changes a cookie's payload and signs it again with the key.
func resealed(value string, change func([]byte) []byte) string {
	enc, _, _ := cut(value)
	p, _ := b64.DecodeString(enc)
	p = change(p)
	return b64.EncodeToString(p) + "." + b64.EncodeToString(macOf(testKey, p))
}

func cut(value string) (string, string, bool) {
	for i := range value {
		if value[i] == '.' {
			return value[:i], value[i+1:], true
		}
	}
	return value, "", false
}

// The CSRF token is the session's own: another session's, even of the
// same token, is another.
func TestEachSessionHasItsOwnCSRFToken(t *testing.T) {
	ctx := context.Background()
	s := newSessions(testKey, time.Now)
	one, err := s.start(ctx, "tok1")
	require.NoError(t, err)
	two, err := s.start(ctx, "tok1")
	require.NoError(t, err)
	a, err := s.open(ctx, one)
	require.NoError(t, err)
	b, err := s.open(ctx, two)
	require.NoError(t, err)
	require.NotEqual(t, a.csrf, b.csrf)
	require.NotEqual(t, a.csrf, csrfOf([]byte("another key, another ledger....."), a.id))
	restarted, err := newSessions(testKey, time.Now).open(ctx, one)
	require.NoError(t, err)
	require.Equal(t, a.csrf, restarted.csrf, "the same key derives the same token")
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
