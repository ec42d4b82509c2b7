package httpapi

import (
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/labstack/echo/v4"
)

// DefaultBodyTimeout bounds how long a request body may take to arrive: a
// full 1 MiB body at about 150 kbit/s, a poor field connection.
const DefaultBodyTimeout = 60 * time.Second

// guardBody gives a request's body a read deadline, so a client that sends
// part of a body and stops cannot hold a connection for ever. The deadline
// is lifted once the body has been read to its end, so a long command or the
// live feed is not cut off. When the handler answers without reading the
// whole body (a 401 before the body, a malformed body), the answer closes
// the connection instead of waiting for the rest of the body.
func (s *Server) guardBody(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Body == nil || r.Body == http.NoBody {
			return next(c)
		}
		rc := http.NewResponseController(c.Response())
		if err := rc.SetReadDeadline(time.Now().Add(s.cfg.BodyTimeout)); err != nil {
			return next(c) // a transport without deadlines (tests' recorders)
		}
		body := &watchedBody{ReadCloser: r.Body, rc: rc}
		r.Body = body
		c.Response().Before(func() {
			if !body.ended.Load() {
				c.Response().Header().Set(echo.HeaderConnection, "close")
			}
		})
		err := next(c)
		if !body.ended.Load() {
			_ = rc.SetReadDeadline(time.Now()) // net/http would otherwise drain what is left
		}
		return err
	}
}

// watchedBody notes when the body has been read to its end and lifts the
// read deadline then.
type watchedBody struct {
	io.ReadCloser
	rc    *http.ResponseController
	ended atomic.Bool
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if errors.Is(err, io.EOF) && !b.ended.Swap(true) {
		_ = b.rc.SetReadDeadline(time.Time{})
	}
	return n, err
}
