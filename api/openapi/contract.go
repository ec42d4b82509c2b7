package openapi

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// clientErrors are the 4xx answers of the API, shared by the operations
// that can give them (components/responses); each is a problem document.
var clientErrors = map[int]string{
	http.StatusBadRequest:            "The request is malformed: a parameter, a header or the body; errors[] names each field at fault",
	http.StatusUnauthorized:          "No valid bearer token",
	http.StatusForbidden:             "The token's role or operations do not allow this",
	http.StatusNotFound:              "No such record, or none the token may see",
	http.StatusRequestTimeout:        "The body did not arrive in time",
	http.StatusConflict:              "The record's state or the operation's rules refuse the command",
	http.StatusPreconditionFailed:    "If-Match names a version the record is no longer at",
	http.StatusRequestEntityTooLarge: "The body is larger than the server accepts",
	http.StatusUnsupportedMediaType:  "The body is not application/json",
	http.StatusUnprocessableEntity:   "The Idempotency-Key was used before for a different request",
}

func clientErrorName(status int) string {
	return strings.ReplaceAll(http.StatusText(status), " ", "")
}

func clientErrorResponses() openapi3.ResponseBodies {
	out := openapi3.ResponseBodies{}
	for status, description := range clientErrors {
		out[clientErrorName(status)] = &openapi3.ResponseRef{Value: openapi3.NewResponse().
			WithDescription(description).
			WithContent(openapi3.NewContentWithSchemaRef(ref("Problem"), []string{"application/problem+json"}))}
	}
	return out
}

// complete gives every operation what a client generator and a linter
// expect: an operationId, and the 4xx answers it can give. Ids are derived
// from the method and path where the paths do not name one, so they are
// stable and unique.
func complete(p *openapi3.Paths) {
	for path, item := range p.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				op.OperationID = operationID(method, path)
			}
			for _, status := range clientErrorsOf(method, path, op) {
				if op.Responses.Value(strconv.Itoa(status)) == nil {
					op.Responses.Set(strconv.Itoa(status), &openapi3.ResponseRef{
						Ref: "#/components/responses/" + clientErrorName(status)})
				}
			}
		}
	}
}

// clientErrorsOf lists the 4xx answers an operation can give, from what it
// takes: a token, parameters, a record in its path, a command body.
func clientErrorsOf(method, path string, op *openapi3.Operation) []int {
	out := []int{http.StatusBadRequest} // net/http refuses a malformed request on every route
	if op.Security == nil || len(*op.Security) > 0 {
		out = append(out, http.StatusUnauthorized, http.StatusForbidden)
	}
	if strings.Contains(path, "{") {
		out = append(out, http.StatusNotFound)
	}
	if method == http.MethodPost && op.RequestBody != nil {
		out = append(out, http.StatusRequestTimeout, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType)
	}
	if strings.HasPrefix(op.OperationID, "command_") || strings.HasPrefix(op.OperationID, "resource_") {
		out = append(out, http.StatusNotFound, http.StatusConflict, http.StatusPreconditionFailed, http.StatusUnprocessableEntity)
	}
	return out
}

// operationID is "get_operations_id_action-points" for
// GET /api/v1/operations/{id}/action-points.
func operationID(method, path string) string {
	path = strings.TrimPrefix(strings.TrimPrefix(path, "/api/v1"), "/api")
	parts := []string{strings.ToLower(method)}
	for _, seg := range strings.Split(path, "/") {
		if seg = strings.Trim(seg, "{}"); seg != "" {
			parts = append(parts, strings.ReplaceAll(seg, ".", "_"))
		}
	}
	return strings.Join(parts, "_")
}
