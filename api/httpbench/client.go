package httpbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/google/uuid"
)

// client speaks to the server under test over loopback, with enough idle
// connections that no request waits for a dial.
type client struct {
	http *http.Client
	base string
}

func newClient(addr string, conns int) *client {
	t := &http.Transport{MaxIdleConns: conns, MaxIdleConnsPerHost: conns, IdleConnTimeout: time.Minute}
	return &client{http: &http.Client{Transport: t, Timeout: time.Minute}, base: "http://" + addr}
}

// do sends one request and decodes a 2xx answer into out (nil: discard;
// an io.Writer: the raw body).
func (c *client) do(ctx context.Context, method, path, token string, body any, out any) error {
	var rd io.Reader
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", uuid.NewString())
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 2048))
		return fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, raw)
	}
	switch w := out.(type) {
	case nil:
		_, err = io.Copy(io.Discard, resp.Body)
		return err
	case io.Writer:
		_, err = io.Copy(w, resp.Body)
		return err
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// waitReady polls /readyz until it answers 200.
func (c *client) waitReady(ctx context.Context) error {
	for {
		if err := c.do(ctx, http.MethodGet, "/readyz", "", nil, nil); err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the server never became ready: %w", ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// officerToken creates an officer token for the operation with the admin's.
func (c *client) officerToken(ctx context.Context, admin string, op uuid.UUID) (string, error) {
	var created struct {
		Secret string `json:"secret"`
	}
	err := c.do(ctx, http.MethodPost, "/api/v1/tokens", admin,
		map[string]any{"name": "bench", "role": "officer", "operations": []uuid.UUID{op}}, &created)
	return created.Secret, err
}
