package openapi

import (
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"
)

type response struct {
	status int
	value  *openapi3.Response
}

func jsonResponse(status int, schema string) response {
	return response{status, openapi3.NewResponse().WithDescription(http.StatusText(status)).
		WithContent(openapi3.NewContentWithJSONSchemaRef(ref(schema)))}
}

func anyJSONResponse(status int) response {
	return response{status, openapi3.NewResponse().WithDescription(http.StatusText(status)).
		WithContent(openapi3.NewContentWithJSONSchema(openapi3.NewObjectSchema().WithAnyAdditionalProperties()))}
}

func textResponse(status int, mediaType string) response {
	return response{status, openapi3.NewResponse().WithDescription(http.StatusText(status)).
		WithContent(openapi3.NewContentWithSchema(openapi3.NewStringSchema(), []string{mediaType}))}
}

// writeHeaders are what a write answers besides its body.
func writeHeaders(created bool) openapi3.Headers {
	h := openapi3.Headers{
		"ETag":         header("the record's stream version after the write, quoted; send it back as If-Match"),
		"X-Request-ID": header("the request id, also the events' correlation id unless the body set one"),
	}
	if created {
		h["Location"] = header("the new record, under /api/v1/records")
	}
	return h
}

func header(description string) *openapi3.HeaderRef {
	return &openapi3.HeaderRef{Value: &openapi3.Header{Parameter: openapi3.Parameter{
		Description: description, Schema: openapi3.NewSchemaRef("", openapi3.NewStringSchema())}}}
}

// problemResponse is every error: RFC 9457 problem details.
func problemResponse() *openapi3.Response {
	return openapi3.NewResponse().WithDescription("An error, as application/problem+json (RFC 9457)").
		WithContent(openapi3.NewContentWithSchemaRef(ref("Problem"), []string{"application/problem+json"}))
}
