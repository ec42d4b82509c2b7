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
	for _, c := range domain.Commands() {
		if r, ok := resourceRoute(c); ok {
			out = append(out, r)
		}
	}
	return out
}

func resourceRoute(c domain.CommandSpec) (ResourceRoute, bool) {
	coll, ok := collections[c.Kind()]
	switch {
	case !ok:
		return ResourceRoute{}, false
	case c.SpansOperations:
		// In no operation, even when it creates its record: the record
		// path below.
	case c.Creates && c.Kind() == domain.KindOperation:
		return ResourceRoute{Command: c.Name, Path: "/api/v1/operations"}, true
	case c.Creates:
		return ResourceRoute{Command: c.Name, Path: "/api/v1/operations/{id}/" + coll, Field: "operation_id"}, true
	}
	return ResourceRoute{Command: c.Name, Path: "/api/v1/" + coll + "/{id}/" + strings.ReplaceAll(c.Verb(), "_", "-"), Field: "id"}, true
}

// echoPath turns an OpenAPI path template into Echo's syntax.
func echoPath(p string) string { return strings.ReplaceAll(p, "{id}", ":id") }
