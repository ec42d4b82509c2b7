package httpapi

import (
	"encoding/base64"
	"encoding/binary"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// A register cursor is the key of the last row a page held (its rank in a
// register that files some rows first, its creation time and id), opaque
// to clients: the next page starts after that row, so a record inserted or
// back-dated meanwhile neither repeats nor skips a row. It is versioned so
// a later format can refuse this one clearly.
const cursorVersion = 1

// cursorLen is the version, seconds, nanoseconds and id; a rank, when the
// register has one, is one byte more.
const cursorLen = 1 + 8 + 4 + 16

func encodeCursor(k views.Key) string {
	b := make([]byte, cursorLen, cursorLen+1)
	b[0] = cursorVersion
	binary.BigEndian.PutUint64(b[1:9], uint64(k.CreatedAt.Unix()))
	binary.BigEndian.PutUint32(b[9:13], uint32(k.CreatedAt.Nanosecond()))
	copy(b[13:], k.ID[:])
	if k.Rank != 0 {
		b = append(b, k.Rank)
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// cursorParam reads ?cursor=; none is the start of the register.
func cursorParam(c echo.Context) (views.Key, error) {
	raw := c.QueryParam("cursor")
	if raw == "" {
		return views.Key{}, nil
	}
	refused := errBadParam("cursor", "the cursor is not one this server gave out; start again without it")
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || (len(b) != cursorLen && len(b) != cursorLen+1) || b[0] != cursorVersion {
		return views.Key{}, refused
	}
	nanos := binary.BigEndian.Uint32(b[9:13])
	if nanos >= uint32(time.Second) || len(b) > cursorLen && b[cursorLen] == 0 {
		return views.Key{}, refused
	}
	k := views.Key{CreatedAt: time.Unix(int64(binary.BigEndian.Uint64(b[1:9])), int64(nanos)).UTC()}
	k.ID = uuid.UUID(b[13:cursorLen])
	if len(b) > cursorLen {
		k.Rank = b[cursorLen]
	}
	return k, nil
}
