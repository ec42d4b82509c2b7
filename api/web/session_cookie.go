package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"strings"
	"time"
)

// A session cookie is base64url(payload) "." base64url(HMAC-SHA256(key,
// payload)). The payload is
//
//	version (1 byte) | started at | issued at (Unix ns, 8 bytes each, big-endian) | session id (16 bytes) | token id
//
// The token id is not a secret (events carry it as their actor); the token's
// secret is never in the cookie. Started at is when the person signed in,
// which sign-out is compared with: a cookie re-issued later (renew) by a
// server that had not yet read the sign-out cannot outlive it. Issued at is
// when this cookie was made, which the TTL counts from.
const sessionFormat = 1

// sessionHeader is the payload's fixed part, before the token id.
const sessionHeader = 1 + 8 + 8 + 16

// maxTokenID bounds the token id a cookie may carry (ids are 12 hex digits).
const maxTokenID = 64

// sessionClaims is what a session cookie says.
type sessionClaims struct {
	tokenID             string
	startedAt, issuedAt time.Time
	id                  [16]byte // random: tells two sessions of one token apart
}

var b64 = base64.RawURLEncoding

func sealSession(key []byte, c sessionClaims) string {
	p := make([]byte, sessionHeader, sessionHeader+len(c.tokenID))
	p[0] = sessionFormat
	binary.BigEndian.PutUint64(p[1:9], uint64(c.startedAt.UnixNano()))
	binary.BigEndian.PutUint64(p[9:17], uint64(c.issuedAt.UnixNano()))
	copy(p[17:sessionHeader], c.id[:])
	p = append(p, c.tokenID...)
	return b64.EncodeToString(p) + "." + b64.EncodeToString(macOf(key, p))
}

// unsealSession returns what a cookie says if its MAC is the key's for its
// payload (compared in constant time) and the payload is of this format.
func unsealSession(key []byte, value string) (sessionClaims, bool) {
	enc, encMAC, ok := strings.Cut(value, ".")
	if !ok || len(value) > 2*(sessionHeader+maxTokenID+sha256.Size) {
		return sessionClaims{}, false
	}
	p, err1 := b64.DecodeString(enc)
	mac, err2 := b64.DecodeString(encMAC)
	if err1 != nil || err2 != nil || !hmac.Equal(mac, macOf(key, p)) {
		return sessionClaims{}, false
	}
	if len(p) <= sessionHeader || len(p) > sessionHeader+maxTokenID || p[0] != sessionFormat {
		return sessionClaims{}, false
	}
	c := sessionClaims{tokenID: string(p[sessionHeader:]),
		startedAt: time.Unix(0, int64(binary.BigEndian.Uint64(p[1:9]))),
		issuedAt:  time.Unix(0, int64(binary.BigEndian.Uint64(p[9:17])))}
	copy(c.id[:], p[17:sessionHeader])
	return c, true
}

func macOf(key, payload []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(payload)
	return m.Sum(nil)
}

// csrfOf is the CSRF token of a session: derived, so no server stores it,
// and bound to the session, so one session's token is no good in another.
// The "csrf\x00" prefix keeps it apart from a cookie's MAC (payloads start
// with the format byte).
func csrfOf(key []byte, id [16]byte) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("csrf\x00"))
	m.Write(id[:])
	return b64.EncodeToString(m.Sum(nil))
}
