package server_test

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/server"
)

// slowClient is a raw TCP client that sends what it is told and then falls
// silent, the way a dropped mobile connection does.
type slowClient struct {
	t    *testing.T
	conn net.Conn
}

func dialRaw(t *testing.T, base string) *slowClient {
	t.Helper()
	u, err := url.Parse(base)
	require.NoError(t, err)
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	t.Cleanup(func() { _ = conn.Close() })
	return &slowClient{t: t, conn: conn}
}

func (c *slowClient) send(s string) {
	_, err := io.WriteString(c.conn, s)
	require.NoError(c.t, err)
}

// answer waits at most limit for the server to answer or hang up. It
// returns the status (0 when the server closed without one) and how long it
// took; it fails the test if the server is still silent at limit.
func (c *slowClient) answer(limit time.Duration) (int, time.Duration) {
	start := time.Now()
	require.NoError(c.t, c.conn.SetReadDeadline(start.Add(limit)))
	resp, err := http.ReadResponse(bufio.NewReader(c.conn), nil)
	took := time.Since(start)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		c.t.Fatalf("the server still holds the connection after %s", limit)
	}
	if err != nil {
		return 0, took
	}
	_ = resp.Body.Close()
	return resp.StatusCode, took
}

// closed reports whether the server hung up within limit.
func (c *slowClient) closed(limit time.Duration) bool {
	require.NoError(c.t, c.conn.SetReadDeadline(time.Now().Add(limit)))
	_, err := c.conn.Read(make([]byte, 1))
	return errors.Is(err, io.EOF)
}

const partialPost = "POST /api/v1/commands/operation.open HTTP/1.1\r\nHost: ledger\r\n" +
	"Content-Type: application/json\r\nContent-Length: 200\r\n"

// TestSilentClientsDoNotHoldConnections: whatever a client stops sending
// (headers, a body, its next request), the server lets go within its
// configured bound; without a token it answers 401 at once, before the body.
func TestSilentClientsDoNotHoldConnections(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	const short = 300 * time.Millisecond
	srv := startWith(t, dir, func(o *server.Options) {
		o.HeaderTimeout, o.BodyTimeout, o.IdleTimeout = short, short, short
	})
	admin := adminToken(t, dir, srv.out.String())
	base := srv.c.Base

	t.Run("headers never end", func(t *testing.T) {
		c := dialRaw(t, base)
		c.send("POST /api/v1/commands/operation.open HTTP/1.1\r\nHost: ledger\r\n")
		require.True(t, c.closed(10*short), "the header timeout closes the connection")
	})
	t.Run("body never ends", func(t *testing.T) {
		c := dialRaw(t, base)
		c.send(partialPost + "Authorization: Bearer " + admin + "\r\n\r\n" + `{"name":"Earthq`)
		status, took := c.answer(10 * short)
		require.Contains(t, []int{0, http.StatusRequestTimeout}, status, "refused, never a 5xx")
		require.GreaterOrEqual(t, took, short/2, "the body had its time")
	})
	t.Run("no token, body never ends", func(t *testing.T) {
		c := dialRaw(t, base)
		c.send(partialPost + "\r\n" + `{"name":"Earthq`)
		status, took := c.answer(10 * short)
		require.Equal(t, http.StatusUnauthorized, status)
		require.Less(t, took, short, "authentication comes before the body, so the answer does not wait for it")
	})
	t.Run("idle after a request", func(t *testing.T) {
		c := dialRaw(t, base)
		c.send("GET /healthz HTTP/1.1\r\nHost: ledger\r\n\r\n")
		status, _ := c.answer(10 * short)
		require.Equal(t, http.StatusOK, status)
		require.True(t, c.closed(10*short), "the idle timeout closes a kept-alive connection")
	})
}
