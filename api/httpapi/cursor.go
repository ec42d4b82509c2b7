package httpapi

import (
	"encoding/base64"
	"encoding/binary"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/projections/views"
)

// A register cursor is the key of the last row a page held (its creation
// time and id), opaque to clients: the next page starts after that row, so
// a record inserted or back-dated meanwhile neither repeats nor skips a row.
// It is versioned so a later format can refuse this one clearly.
const cursorVersion = 1

// cursorLen is the version, seconds, nanoseconds and id.
const cursorLen = 1 + 8 + 4 + 16

func encodeCursor(k views.Key) string {
	b := make([]byte, cursorLen)
	b[0] = cursorVersion
	binary.BigEndian.PutUint64(b[1:9], uint64(k.CreatedAt.Unix()))
	binary.BigEndian.PutUint32(b[9:13], uint32(k.CreatedAt.Nanosecond()))
	copy(b[13:], k.ID[:])
	return base64.RawURLEncoding.EncodeToString(b)
}

// cursorParam reads ?cursor=; none is the start of the register.
func cursorParam(c echo.Context) (views.Key, error) {
	raw := c.QueryParam("cursor")
	if raw == "" {
		return views.Key{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(raw)
	if err != nil || len(b) != cursorLen || b[0] != cursorVersion {
		return views.Key{}, errBadParam("cursor", "the cursor is not one this server gave out; start again without it")
	}
	nanos := binary.BigEndian.Uint32(b[9:13])
	if nanos >= uint32(time.Second) {
		return views.Key{}, errBadParam("cursor", "the cursor is not one this server gave out; start again without it")
	}
	k := views.Key{CreatedAt: time.Unix(int64(binary.BigEndian.Uint64(b[1:9])), int64(nanos)).UTC()}
	k.ID = uuid.UUID(b[13:])
	return k, nil
}
