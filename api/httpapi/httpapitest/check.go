package httpapitest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3filter"
)

// Check validates an exchange against the document: the response always, the
// request when the server accepted it (a refused request may be malformed on
// purpose).
func (c *Client) Check(r Request, reply Reply) error {
	req := c.newRequest(r, encode(c.t, r.Body))
	route, params, err := c.router.FindRoute(req)
	if err != nil {
		if reply.Status == http.StatusNotFound || reply.Status == http.StatusMethodNotAllowed {
			return nil // not in the document, and the server agrees
		}
		return fmt.Errorf("%s %s is not in the OpenAPI document but answered %d", r.Method, r.Path, reply.Status)
	}
	in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	ctx := context.Background()
	if reply.Status < 300 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return fmt.Errorf("%s %s was accepted but does not match the OpenAPI document: %w", r.Method, r.Path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: reply.Status,
		Header: reply.Header, Body: io.NopCloser(bytes.NewReader(reply.Body)),
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("%s %s answered %d with a body the OpenAPI document does not allow: %s: %w",
			r.Method, r.Path, reply.Status, reply.Body, err)
	}
	return nil
}
