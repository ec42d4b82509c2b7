package httpapi

import (
	"strings"

	"github.com/movementcoord/ledger/domain"
)

// collections names each kind of record in resource paths.
var collections = map[domain.Kind]string{
	domain.KindOperation: "operations", domain.KindComponent: "components", domain.KindProject: "projects",
	domain.KindContact: "contacts", domain.KindMechanism: "mechanisms", domain.KindMeeting: "meetings",
	domain.KindDecision: "decisions", domain.KindActionPoint: "action-points", domain.KindCompliance: "compliance-issues",
	domain.KindEscalation: "escalations", domain.KindLesson: "lessons", domain.KindPerson: "persons",
}

// ResourceRoute is a command reachable at a resource-shaped path, besides
// POST /api/v1/commands/{name}. The {id} in Path goes into the body's Field.
type ResourceRoute struct {
	Command string // e.g. "actionpoint.block"
	Path    string // e.g. "/api/v1/action-points/{id}/block"
	Field   string // body field the path id fills: "id" or "operation_id"; empty for none
}

// ResourceRoutes derives the resource paths from the command names, so a new
// command gets one without anyone listing it:
//
//	operation.open          POST /api/v1/operations
//	<kind>.<creating verb>  POST /api/v1/operations/{id}/<collection>      (id: the operation)
//	<kind>.<verb>           POST /api/v1/<collection>/{id}/<verb-with-dashes>
//	person.erase            POST /api/v1/persons/{id}/erase (no operation)
//
// Corrections, which name their record in the body, keep only the generic route.
func ResourceRoutes() []ResourceRoute {
	var out []ResourceRoute
	for _, name := range domain.CommandNames() {
		if r, ok := resourceRoute(name); ok {
			out = append(out, r)
		}
	}
	return out
}

func resourceRoute(name string) (ResourceRoute, bool) {
	kind, verb, _ := strings.Cut(name, ".")
	coll, ok := collections[domain.Kind(kind)]
	if !ok {
		return ResourceRoute{}, false
	}
	cmd, err := domain.DecodeCommand(name, []byte("{}"))
	switch {
	case err != nil:
		return ResourceRoute{}, false
	case domain.SpansOperations(cmd):
		// In no operation, even when it creates its record: the record
		// path below.
	case domain.Creates(cmd) && kind == string(domain.KindOperation):
		return ResourceRoute{Command: name, Path: "/api/v1/operations"}, true
	case domain.Creates(cmd):
		return ResourceRoute{Command: name, Path: "/api/v1/operations/{id}/" + coll, Field: "operation_id"}, true
	}
	return ResourceRoute{Command: name, Path: "/api/v1/" + coll + "/{id}/" + strings.ReplaceAll(verb, "_", "-"), Field: "id"}, true
}

// echoPath turns an OpenAPI path template into Echo's syntax.
func echoPath(p string) string { return strings.ReplaceAll(p, "{id}", ":id") }
