package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
)

// DefaultBodyLimit bounds a request body: a command is a few KiB of text, and
// the store refuses appends over 1 MiB anyway.
const DefaultBodyLimit = 1 << 20

// readObject reads a JSON object body of at most limit bytes.
func readObject(c echo.Context, limit int64) (map[string]json.RawMessage, error) {
	if err := requireJSON(c.Request()); err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(c.Request().Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBodyUnreadable, err)
	}
	if int64(len(raw)) > limit {
		return nil, newAPIError(http.StatusRequestEntityTooLarge, "input.too_large",
			fmt.Sprintf("the request body is larger than %d bytes", limit))
	}
	return parseObject(raw)
}

// requireJSON refuses bodies that do not say they are JSON, so a form or a
// text upload is told what went wrong instead of failing to parse.
func requireJSON(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return newAPIError(http.StatusUnsupportedMediaType, "input.content_type",
			fmt.Sprintf("send the body as application/json (got %q)", ct))
	}
	return nil
}

// parseObject accepts an empty body as {} and refuses anything that is not
// one JSON object.
func parseObject(raw []byte) (map[string]json.RawMessage, error) {
	obj := map[string]json.RawMessage{}
	if len(bytes.TrimSpace(raw)) == 0 {
		return obj, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&obj); err != nil || obj == nil {
		return nil, errNotObject(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errNotObject(errors.New("data after the JSON object"))
	}
	return obj, nil
}

func errNotObject(err error) error {
	detail := "the body must be one JSON object"
	if err != nil {
		detail += ": " + err.Error()
	}
	return newAPIError(http.StatusBadRequest, "input.malformed_json", detail)
}
