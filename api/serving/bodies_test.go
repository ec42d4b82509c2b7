package serving_test

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/serving"
)

// stalledPost sends a request promising 100 bytes of body, sends 10 and
// falls silent; it returns the answer's status (0 if the server hung up
// without one) and how long it took.
func stalledPost(t *testing.T, addr string) (int, time.Duration) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	start := time.Now()
	_, err = io.WriteString(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"+strings.Repeat("x", 10))
	require.NoError(t, err)
	require.NoError(t, conn.SetReadDeadline(start.Add(5*time.Second)))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server still holds the connection after 5s")
	}
	if err != nil {
		return 0, time.Since(start)
	}
	_ = resp.Body.Close()
	return resp.StatusCode, time.Since(start)
}

// TestGuardBodiesLetsNoStalledBodyHoldTheServer: a handler that answers
// without reading the body answers at once; one that reads it gets an error
// when the body stops arriving, within the timeout.
func TestGuardBodiesLetsNoStalledBodyHoldTheServer(t *testing.T) {
	t.Parallel()
	const timeout = 300 * time.Millisecond
	cases := []struct {
		name    string
		handler http.HandlerFunc
		status  int
		within  time.Duration
	}{
		{"answered before the body", func(w http.ResponseWriter, _ *http.Request) {
			http.Error(w, "no token", http.StatusUnauthorized)
		}, http.StatusUnauthorized, timeout / 2},
		{"reading the body", func(w http.ResponseWriter, r *http.Request) {
			if _, err := io.ReadAll(r.Body); err != nil {
				http.Error(w, err.Error(), http.StatusRequestTimeout)
			}
		}, http.StatusRequestTimeout, 3 * timeout},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv := httptest.NewServer(serving.GuardBodies(tc.handler, timeout))
			defer srv.Close()
			status, took := stalledPost(t, srv.Listener.Addr().String())
			require.Equal(t, tc.status, status)
			require.Less(t, took, tc.within)
		})
	}
}

// TestGuardBodiesLiftsTheDeadlineOnceTheBodyIsRead: a handler that works
// longer than the body timeout after reading its body still answers.
func TestGuardBodiesLiftsTheDeadlineOnceTheBodyIsRead(t *testing.T) {
	t.Parallel()
	const timeout = 100 * time.Millisecond
	srv := httptest.NewServer(serving.GuardBodies(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		select {
		case <-time.After(4 * timeout):
		case <-r.Context().Done():
			http.Error(w, "cancelled", http.StatusServiceUnavailable)
			return
		}
		_, _ = w.Write(body)
	}), timeout))
	defer srv.Close()
	resp, err := http.Post(srv.URL, "text/plain", strings.NewReader("hello"))
	require.NoError(t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "hello", string(got))
}
