package openapi

import (
	"net/http"
	"strconv"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain"
)

func paths() *openapi3.Paths {
	p := openapi3.NewPaths()
	p.Set("/healthz", &openapi3.PathItem{Get: open("The process is up", jsonResponse(http.StatusOK, "Status"))})
	p.Set("/readyz", &openapi3.PathItem{Get: open("The store is reachable", jsonResponse(http.StatusOK, "Status"), jsonResponse(http.StatusServiceUnavailable, "Status"))})
	p.Set("/metrics", &openapi3.PathItem{Get: open("Prometheus metrics", textResponse(http.StatusOK, "text/plain"))})
	p.Set("/api/openapi.json", &openapi3.PathItem{Get: open("This document", anyJSONResponse(http.StatusOK))})
	p.Set("/api/v1/me", &openapi3.PathItem{Get: secured("Who the token is", jsonResponse(http.StatusOK, "Me"))})
	p.Set("/api/v1/commands", &openapi3.PathItem{Get: secured("Every command name", jsonResponse(http.StatusOK, "CommandList"))})
	for _, name := range domain.CommandNames() {
		p.Set("/api/v1/commands/"+name, &openapi3.PathItem{Post: commandOperation(name)})
	}
	for _, r := range httpapi.ResourceRoutes() {
		p.Set(r.Path, &openapi3.PathItem{Post: resourceOperation(r)})
	}
	registers(p)
	followUpPaths(p)
	exportPath(p)
	p.Set("/api/v1/records/{kind}/{id}", &openapi3.PathItem{Get: recordOperation()})
	p.Set("/api/v1/streams/{stream}/events", &openapi3.PathItem{Get: streamOperation()})
	p.Set("/api/v1/events/live", &openapi3.PathItem{Get: liveOperation()})
	integrityPaths(p)
	p.Set("/api/v1/access-log", &openapi3.PathItem{Get: withParams(secured(
		"Who read confidential records, what and when (reviewer, admin)", jsonResponse(http.StatusOK, "AccessPage")),
		openapi3.NewQueryParameter("from").WithSchema(openapi3.NewDateTimeSchema()),
		openapi3.NewQueryParameter("to").WithSchema(openapi3.NewDateTimeSchema()),
		openapi3.NewQueryParameter("principal").WithSchema(openapi3.NewStringSchema()),
		openapi3.NewQueryParameter("limit").WithSchema(openapi3.NewIntegerSchema().WithMin(1).WithMax(1000)))})
	p.Set("/api/v1/tokens", &openapi3.PathItem{
		Get:  secured("List tokens (admin)", jsonResponse(http.StatusOK, "TokenList")),
		Post: withBody(secured("Create a token (admin); the secret is shown once", jsonResponse(http.StatusCreated, "TokenCreated")), "TokenRequest"),
	})
	p.Set("/api/v1/tokens/{id}", &openapi3.PathItem{Delete: withParams(
		secured("Revoke a token (admin)", jsonResponse(http.StatusOK, "TokenView")),
		openapi3.NewPathParameter("id").WithSchema(openapi3.NewStringSchema()))})
	return p
}

func commandOperation(name string) *openapi3.Operation {
	op := secured("Run the "+name+" command (officer in its operations; admin for operation.*)",
		jsonResponse(http.StatusOK, "WriteResult"), jsonResponse(http.StatusCreated, "WriteResult"))
	op.OperationID = "command_" + name
	op.Tags = []string{"commands"}
	for _, status := range []string{"200", "201"} {
		op.Responses.Value(status).Value.Headers = writeHeaders(status == "201")
	}
	withBody(op, commandSchemaName(name))
	return withParams(op,
		openapi3.NewHeaderParameter("Idempotency-Key").WithSchema(openapi3.NewStringSchema()),
		openapi3.NewHeaderParameter("If-Match").WithSchema(openapi3.NewStringSchema().WithPattern(`^"?[0-9]+"?$`)))
}

// resourceOperation is a command at its resource path; the path's id fills
// the body field the route names (and may be left out of the body).
func resourceOperation(r httpapi.ResourceRoute) *openapi3.Operation {
	op := commandOperation(r.Command)
	op.OperationID = "resource_" + r.Command
	op.Tags = []string{"resources"}
	if r.Field != "" {
		op.Description = "The {id} in the path is the body's " + r.Field + "."
		withParams(op, openapi3.NewPathParameter("id").WithSchema(openapi3.NewUUIDSchema()))
	}
	return op
}

func recordOperation() *openapi3.Operation {
	kinds := make([]any, 0)
	for _, k := range domain.Kinds() {
		kinds = append(kinds, string(k))
	}
	op := secured("A record's current state", jsonResponse(http.StatusOK, "RecordView"))
	return withParams(op,
		openapi3.NewPathParameter("kind").WithSchema(openapi3.NewStringSchema().WithEnum(kinds...)),
		openapi3.NewPathParameter("id").WithSchema(openapi3.NewUUIDSchema()))
}

func streamOperation() *openapi3.Operation {
	op := secured("A stream's stored events, paged by version", jsonResponse(http.StatusOK, "EventPage"))
	return withParams(op,
		openapi3.NewPathParameter("stream").WithSchema(openapi3.NewStringSchema()),
		openapi3.NewQueryParameter("from").WithSchema(openapi3.NewIntegerSchema().WithMin(0)),
		openapi3.NewQueryParameter("limit").WithSchema(openapi3.NewIntegerSchema().WithMin(1).WithMax(1000)))
}

func liveOperation() *openapi3.Operation {
	op := secured("New events as server-sent events; the event id is the global position",
		textResponse(http.StatusOK, "text/event-stream"))
	return withParams(op,
		openapi3.NewQueryParameter("operation").WithSchema(openapi3.NewUUIDSchema()),
		openapi3.NewQueryParameter("after").WithSchema(openapi3.NewIntegerSchema().WithMin(0)),
		openapi3.NewHeaderParameter("Last-Event-ID").WithSchema(openapi3.NewStringSchema()))
}

// open is an operation without authentication.
func open(summary string, responses ...response) *openapi3.Operation {
	op := openapi3.NewOperation()
	op.Summary = summary
	op.Security = openapi3.NewSecurityRequirements()
	op.Responses = openapi3.NewResponses()
	op.Responses.Delete("default")
	for _, r := range responses {
		op.Responses.Set(strconv.Itoa(r.status), &openapi3.ResponseRef{Value: r.value})
	}
	op.Responses.Set("default", &openapi3.ResponseRef{Value: problemResponse()})
	return op
}

// secured is an operation that needs a bearer token.
func secured(summary string, responses ...response) *openapi3.Operation {
	op := open(summary, responses...)
	op.Security = openapi3.NewSecurityRequirements().With(openapi3.NewSecurityRequirement().Authenticate("bearer"))
	return op
}

func withBody(op *openapi3.Operation, schema string) *openapi3.Operation {
	op.RequestBody = &openapi3.RequestBodyRef{Value: openapi3.NewRequestBody().WithRequired(true).
		WithContent(openapi3.NewContentWithJSONSchemaRef(ref(schema)))}
	return op
}

func withParams(op *openapi3.Operation, params ...*openapi3.Parameter) *openapi3.Operation {
	for _, p := range params {
		op.Parameters = append(op.Parameters, &openapi3.ParameterRef{Value: p})
	}
	return op
}

// integrityPaths are the reviewers' routes for checking the record.
func integrityPaths(p *openapi3.Paths) {
	p.Set("/api/v1/integrity/digest", &openapi3.PathItem{Get: secured(
		"The latest signed checkpoint (C2SP tlog-checkpoint note) of the Merkle log over every event, as recomputed by the server",
		jsonResponse(http.StatusOK, "Checkpoint"))})
	p.Set("/api/v1/integrity/consistency", &openapi3.PathItem{Get: withParams(secured(
		"A consistency proof that the latest checkpoint extends the tree of size `from` (a checkpoint kept earlier)",
		jsonResponse(http.StatusOK, "Consistency")),
		openapi3.NewQueryParameter("from").WithSchema(openapi3.NewIntegerSchema().WithMin(0)).WithRequired(true))})
	p.Set("/api/v1/integrity/proof", &openapi3.PathItem{Get: withParams(secured(
		"One stored event with its inclusion proof against the latest checkpoint (reviewer, admin)",
		jsonResponse(http.StatusOK, "ProvenEvent")),
		openapi3.NewQueryParameter("stream").WithSchema(openapi3.NewStringSchema()).WithRequired(true),
		openapi3.NewQueryParameter("version").WithSchema(openapi3.NewIntegerSchema().WithMin(1)).WithRequired(true))})
	p.Set("/api/v1/operations/{id}/bundle", &openapi3.PathItem{Get: withParams(secured(
		"An operation's accountability-review bundle, verifiable offline with `ledger verify --bundle` (reviewer, admin)",
		jsonResponse(http.StatusOK, "Bundle")),
		openapi3.NewPathParameter("id").WithSchema(openapi3.NewUUIDSchema()))})
}
