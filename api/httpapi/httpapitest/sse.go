package httpapitest

import (
	"bufio"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// SSE is one server-sent event.
type SSE struct {
	ID, Event, Data string
}

// Feed is an open server-sent events response.
type Feed struct {
	t      testing.TB
	cancel context.CancelFunc
	events chan SSE
}

// OpenFeed connects to a live feed and requires a 200 text/event-stream.
func (c *Client) OpenFeed(path, token string, header map[string]string) *Feed {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	require.NoError(c.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	require.Equal(c.t, http.StatusOK, resp.StatusCode)
	require.Equal(c.t, "text/event-stream", resp.Header.Get("Content-Type"))
	f := &Feed{t: c.t, cancel: cancel, events: make(chan SSE, 64)}
	go f.read(resp)
	c.t.Cleanup(f.Close)
	return f
}

func (f *Feed) read(resp *http.Response) {
	defer resp.Body.Close()
	defer close(f.events)
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64*1024), 2<<20)
	var ev SSE
	for sc.Scan() {
		line := sc.Text()
		field, value, _ := strings.Cut(line, ": ")
		switch {
		case line == "" && ev != (SSE{}):
			f.events <- ev
			ev = SSE{}
		case field == "id":
			ev.ID = value
		case field == "event":
			ev.Event = value
		case field == "data":
			ev.Data = value
		}
	}
}

// Next waits at most timeout for the next event; ok is false on timeout or
// when the server ended the stream.
func (f *Feed) Next(timeout time.Duration) (SSE, bool) {
	select {
	case ev, ok := <-f.events:
		return ev, ok
	case <-time.After(timeout):
		return SSE{}, false
	}
}

// Ended waits at most timeout for the server to end the stream.
func (f *Feed) Ended(timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		select {
		case _, ok := <-f.events:
			if !ok {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// Close disconnects.
func (f *Feed) Close() { f.cancel() }
