// Package httpapitest is a test client for the ledger's HTTP API that checks
// every exchange against the OpenAPI document: each response must match it,
// and each request the server accepted (2xx) must too. Tests that go through
// it therefore prove the document describes the server.
package httpapitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/openapi"
)

// uuidPattern accepts every UUID version (the ledger uses v5 and v7, which
// kin-openapi's RFC 4122 pattern predates).
const uuidPattern = `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`

func init() {
	openapi3.DefineStringFormatValidator("uuid", openapi3.NewRegexpFormatValidator(uuidPattern))
}

// Client sends requests to one server.
type Client struct {
	t      testing.TB
	Base   string
	http   *http.Client
	router routers.Router
}

// Reply is a finished exchange.
type Reply struct {
	Status int
	Header http.Header
	Body   []byte
}

// New returns a client for the server at base (http://host:port).
func New(t testing.TB, base string) *Client {
	t.Helper()
	doc, err := openapi.Document()
	require.NoError(t, err)
	router, err := gorillamux.NewRouter(doc)
	require.NoError(t, err)
	return &Client{t: t, Base: base, http: &http.Client{Timeout: 10 * time.Second}, router: router}
}

// Request describes one call.
type Request struct {
	Method  string
	Path    string // with the query
	Token   string
	Body    any // encoded as JSON unless it is a string or []byte
	Header  map[string]string
	NoCheck bool // skip the OpenAPI check (a deliberately malformed request line)
}

// Do sends the request and checks the exchange against the document.
func (c *Client) Do(r Request) Reply {
	c.t.Helper()
	body := encode(c.t, r.Body)
	req := c.newRequest(r, body)
	resp, err := c.http.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	reply := Reply{Status: resp.StatusCode, Header: resp.Header, Body: got}
	if !r.NoCheck {
		require.NoError(c.t, c.Check(r, reply))
	}
	return reply
}

func (c *Client) newRequest(r Request, body []byte) *http.Request {
	req, err := http.NewRequestWithContext(context.Background(), r.Method, c.Base+r.Path, bytes.NewReader(body))
	require.NoError(c.t, err)
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if r.Token != "" {
		req.Header.Set("Authorization", "Bearer "+r.Token)
	}
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	return req
}

func encode(t testing.TB, body any) []byte {
	switch b := body.(type) {
	case nil:
		return nil
	case string:
		return []byte(b)
	case []byte:
		return b
	}
	out, err := json.Marshal(body)
	require.NoError(t, err)
	return out
}

// Decode decodes a reply body into T.
func Decode[T any](t testing.TB, r Reply) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(r.Body, &v), "body: %s", r.Body)
	return v
}

// Problem is the part of a problem document tests look at.
type Problem struct {
	Type   string `json:"type"`
	Status int    `json:"status"`
	Code   string `json:"code"`
	Detail string `json:"detail"`
	Errors []struct {
		Field  string `json:"field"`
		Detail string `json:"detail"`
	} `json:"errors"`
}

// ProblemOf decodes a problem reply and checks its media type.
func ProblemOf(t testing.TB, r Reply) Problem {
	t.Helper()
	require.True(t, strings.HasPrefix(r.Header.Get("Content-Type"), "application/problem+json"),
		"content type %q, body %s", r.Header.Get("Content-Type"), r.Body)
	return Decode[Problem](t, r)
}
