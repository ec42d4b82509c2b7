package serving

import (
	"errors"
	"io"
	"net/http"
	"sync/atomic"
	"time"
)

// DefaultBodyTimeout bounds how long a request body may take to arrive: a
// full 1 MiB body at about 150 kbit/s, a poor field connection.
const DefaultBodyTimeout = 60 * time.Second

// GuardBodies gives each request body a read deadline, so that a client
// that sends part of a body and stops cannot hold a connection for ever.
// The deadline is lifted once the body has been read to its end, so a long
// command or a live feed is not cut off. An answer given before the whole
// body was read (a 401 before the body, a 413, a malformed body) closes the
// connection instead of waiting for the rest. It is for the whole server,
// API and pages alike; the server sets no ReadTimeout, which would end
// long-lived answers too.
func GuardBodies(next http.Handler, timeout time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Now().Add(timeout)); err != nil {
			next.ServeHTTP(w, r) // a transport without deadlines (HTTP/2 in tests)
			return
		}
		body := &watchedBody{ReadCloser: r.Body, rc: rc}
		r.Body = body
		next.ServeHTTP(&guardedWriter{ResponseWriter: w, body: body}, r)
		if !body.ended.Load() {
			_ = rc.SetReadDeadline(time.Now()) // net/http would otherwise drain what is left
		}
	})
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

// guardedWriter asks for the connection to be closed when the answer starts
// before the body has ended. Unwrap keeps http.ResponseController (Flush,
// deadlines) working through it.
type guardedWriter struct {
	http.ResponseWriter
	body    *watchedBody
	started bool
}

func (g *guardedWriter) WriteHeader(status int) {
	if !g.started {
		g.started = true
		if !g.body.ended.Load() {
			g.Header().Set("Connection", "close")
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *guardedWriter) Write(p []byte) (int, error) {
	if !g.started {
		g.WriteHeader(http.StatusOK)
	}
	return g.ResponseWriter.Write(p)
}

func (g *guardedWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
