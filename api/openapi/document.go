package openapi

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// Version of the API the document describes.
const Version = "1.0.0"

var build = sync.OnceValues(func() (*openapi3.T, error) {
	comps := components()
	recordStates(&comps)
	p := paths()
	complete(p)
	doc := &openapi3.T{
		OpenAPI: "3.0.3",
		Info: &openapi3.Info{Title: "Coordination Ledger API", Version: Version,
			Description: "Commands, records, raw events and a live feed of the Coordination Ledger. " +
				"Errors are application/problem+json (RFC 9457)."},
		// Relative: the paths are the same on any server that serves this
		// document (ledger serve listens on 127.0.0.1:8080 by default).
		Servers:    openapi3.Servers{{URL: "/", Description: "the server that serves this document"}},
		Paths:      p,
		Components: &comps,
	}
	// References are written as "#/components/..." strings; resolving them
	// links each to its schema so validation (ours and clients') can follow.
	if err := openapi3.NewLoader().ResolveRefsIn(doc, nil); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("openapi document is invalid: %w", err)
	}
	return doc, nil
})

// Document returns the API's OpenAPI document, validated.
func Document() (*openapi3.T, error) { return build() }

// JSON returns the document encoded.
func JSON() ([]byte, error) {
	doc, err := build()
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(doc, "", "  ")
}
