package httpapi_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/api/httpapi/httpapitest"
	"github.com/movementcoord/ledger/domain"
)

// writeRoute is one path that accepts a command, with the token that gets
// past authorisation, so that only the body decides the answer.
type writeRoute struct {
	command, path string
}

// writeRoutes derives every write route from the command table: the generic
// route of each command and its resource-shaped one, if any.
func writeRoutes(e *env) []writeRoute {
	var out []writeRoute
	for _, name := range domain.CommandNames() {
		out = append(out, writeRoute{command: name, path: "/api/v1/commands/" + name})
	}
	for _, r := range httpapi.ResourceRoutes() {
		id := uuid.NewString()
		if r.Field == "operation_id" {
			id = e.op.String()
		}
		out = append(out, writeRoute{command: r.Command, path: strings.ReplaceAll(r.Path, "{id}", id)})
	}
	return out
}

func (e *env) writerFor(command string) string {
	if strings.HasPrefix(command, "operation.") || command == "person.erase" {
		return e.admin
	}
	return e.officer
}

// hostileBody is one malformed request body, sent as raw bytes so that
// framing itself (chunks, lengths, early end) can be wrong.
type hostileBody struct {
	name    string
	headers string // framing headers, each ending in \r\n
	body    string
	// halfClose ends the client's side after the body: the server sees
	// the end of the stream before the body it was promised.
	halfClose bool
}

func cl(body string) string { return fmt.Sprintf("Content-Length: %d\r\n", len(body)) }

func hostileBodies() []hostileBody {
	plain := func(name, body string) hostileBody { return hostileBody{name: name, headers: cl(body), body: body} }
	chunked := func(name, body string, halfClose bool) hostileBody {
		return hostileBody{name: name, headers: "Transfer-Encoding: chunked\r\n", body: body, halfClose: halfClose}
	}
	return []hostileBody{
		plain("truncated JSON", `{"title":"Deploy`),
		plain("wrong types", `{"title":5,"id":true,"operation_id":[],"occurred_at":{}}`),
		plain("huge integer", `{"percent":123456789012345678901234567890,"version":1e400}`),
		plain("huge exponent", `{"percent":1e999999999}`),
		plain("invalid UTF-8", "{\"title\":\"\xff\xfe\xfd\",\"reason\":\"\xc3\x28\"}"),
		plain("NUL in text", "{\"title\":\"a\\u0000b\",\"reason\":\"x\\u0000\"}"),
		plain("deep nesting", `{"title":`+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+`}`),
		plain("lone surrogate", `{"title":"\ud800","reason":"\udfff"}`),
		plain("nil UUIDs", `{"id":"00000000-0000-0000-0000-000000000000","operation_id":"00000000-0000-0000-0000-000000000000"}`),
		plain("dates out of range", `{"occurred_at":"0001-01-01T00:00:00Z","due_at":"9999-12-31T23:59:59Z","started_at":"-0001-01-01T00:00:00Z"}`),
		plain("array body", `[1,2,3]`),
		plain("trailing garbage", `{}}}}`),
		{name: "early EOF", headers: "Content-Length: 400\r\n", body: `{"title":"x"`, halfClose: true},
		chunked("chunk length not hex", "zz\r\n{}\r\n0\r\n\r\n", false),
		chunked("oversized chunk length", "ffffffffffffffffffff\r\n{}\r\n0\r\n\r\n", false),
		chunked("chunk shorter than announced", "40\r\n{}\r\n", true),
		chunked("chunk without CRLF", "2\r\n{}XX0\r\n\r\n", false),
		chunked("no final chunk", "2\r\n{}\r\n", true),
	}
}

// rawExchange sends one request over a fresh TCP connection and reads the
// answer's status; 0 means no answer came within the deadline.
func rawExchange(t *testing.T, base, token, path string, hb hostileBody) int {
	t.Helper()
	u, err := url.Parse(base)
	require.NoError(t, err)
	conn, err := net.Dial("tcp", u.Host)
	require.NoError(t, err)
	defer conn.Close()
	require.NoError(t, conn.SetDeadline(time.Now().Add(10*time.Second)))
	req := "POST " + path + " HTTP/1.1\r\nHost: " + u.Host + "\r\nAuthorization: Bearer " + token +
		"\r\nContent-Type: application/json\r\nIdempotency-Key: " + uuid.NewString() + "\r\n" + hb.headers + "\r\n" + hb.body
	_, err = io.WriteString(conn, req)
	require.NoError(t, err)
	if hb.halfClose {
		require.NoError(t, conn.(*net.TCPConn).CloseWrite())
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// TestHostileBodiesOnEveryWriteRouteGetA4xx sends every malformed body to
// every write route: each must be answered, with a 4xx, never a 5xx.
func TestHostileBodiesOnEveryWriteRouteGetA4xx(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	routes := writeRoutes(e)
	require.Greater(t, len(routes), len(domain.CommandNames()), "generic and resource routes")
	tried, client, server, silent := 0, 0, 0, 0
	var failures []string
	for _, r := range routes {
		for _, hb := range hostileBodies() {
			tried++
			status := rawExchange(t, e.c.Base, e.writerFor(r.command), r.path, hb)
			switch {
			case status == 0:
				silent++
			case status >= 500:
				server++
			case status >= 400:
				client++
			}
			if status < 400 || status >= 500 {
				failures = append(failures, fmt.Sprintf("%s %s: %d", r.path, hb.name, status))
			}
		}
	}
	t.Logf("hostile bodies: tried %d, 4xx %d, 5xx %d, no answer %d", tried, client, server, silent)
	require.Empty(t, failures[:min(len(failures), 10)], "tried %d, 4xx %d, 5xx %d, no answer %d", tried, client, server, silent)
}

// TestTextThatIsNotTextIsAFieldError: through the API, a title with invalid
// UTF-8, a NUL, a lone surrogate or a bidi override, and a date outside
// 1900-2200, are each a 400 naming the field, not stored with U+FFFD.
func TestTextThatIsNotTextIsAFieldError(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := func(field, rawValue string) string {
		fields := map[string]string{"operation_id": `"` + e.op.String() + `"`, "owner_component_id": `"` + e.hns.String() + `"`,
			"title": `"Deploy ORPs"`}
		fields[field] = rawValue
		var parts []string
		for k, v := range fields {
			parts = append(parts, `"`+k+`":`+v)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
	cases := []struct {
		name, field, value, code string
	}{
		{"invalid UTF-8", "title", "\"Deploy \xff\xfe ORPs\"", "input.invalid_text"},
		{"NUL", "title", `"Deploy\u0000ORPs"`, "input.invalid_text"},
		{"lone surrogate", "title", `"Deploy \ud800"`, "input.invalid_text"},
		{"bidi override", "title", `"Deploy \u202eSPRO"`, "input.invalid_text"},
		{"year 1", "due_at", `"0001-01-01T00:00:01Z"`, "input.date_out_of_range"},
		{"year 9999", "due_at", `"9999-12-31T00:00:00Z"`, "input.date_out_of_range"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := e.c.Do(httpapitest.Request{Method: http.MethodPost, Path: "/api/v1/commands/actionpoint.raise",
				Token: e.officer, Body: body(tc.field, tc.value), NoCheck: true,
				Header: map[string]string{"Idempotency-Key": uuid.NewString()}})
			require.Equal(t, http.StatusBadRequest, r.Status, "%s", r.Body)
			p := httpapitest.ProblemOf(t, r)
			require.Equal(t, tc.code, p.Code)
			require.NotEmpty(t, p.Errors)
			require.Equal(t, tc.field, p.Errors[0].Field)
		})
	}
}
