package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// maxAnswer bounds how much of an answer is read: the demo's answers are
// small, and a misdirected URL should not stream a large page into memory.
const maxAnswer = 4 << 20

// ProblemError is an error answer of the API (an RFC 9457 problem document).
type ProblemError struct {
	Status int
	Code   string // the API's stable error code, such as "input.invalid"
	Detail string
	Fields []FieldProblem
}

// FieldProblem names one input field at fault.
type FieldProblem struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
}

func (e *ProblemError) Error() string {
	msg := fmt.Sprintf("server answered %d %s: %s", e.Status, e.Code, e.Detail)
	for _, f := range e.Fields {
		msg += fmt.Sprintf("; %s: %s", f.Field, f.Detail)
	}
	return msg
}

// call sends one request and decodes a 2xx JSON answer into out.
func (c *Client) call(ctx context.Context, method, path, token string, header map[string]string, body []byte, out any) error {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return fmt.Errorf("build request %s %s: %w", method, path, err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return fmt.Errorf("%s %s: read answer: %w", method, path, err)
	}
	if resp.StatusCode/100 != 2 {
		return problemOf(resp, raw)
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s %s: decode answer: %w", method, path, err)
	}
	return nil
}

// problemOf turns an error answer into a *ProblemError; an answer that is not
// a problem document (a proxy's page) keeps its start as the detail.
func problemOf(resp *http.Response, raw []byte) error {
	var p struct {
		Code   string         `json:"code"`
		Detail string         `json:"detail"`
		Errors []FieldProblem `json:"errors"`
	}
	if strings.Contains(resp.Header.Get("Content-Type"), "json") && json.Unmarshal(raw, &p) == nil && p.Detail != "" {
		return &ProblemError{Status: resp.StatusCode, Code: p.Code, Detail: p.Detail, Fields: p.Errors}
	}
	text := strings.TrimSpace(string(raw))
	if len(text) > 200 {
		text = text[:200] + "…"
	}
	return &ProblemError{Status: resp.StatusCode, Code: "http." + http.StatusText(resp.StatusCode), Detail: text}
}
