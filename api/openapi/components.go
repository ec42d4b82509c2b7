package openapi

import (
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/eventstore/verify"
	"github.com/movementcoord/ledger/projections/views"
)

// responseTypes are the named response schemas, by component name.
var responseTypes = map[string]reflect.Type{
	"Problem":          reflect.TypeFor[httpapi.Problem](),
	"WriteResult":      reflect.TypeFor[recorder.Result](),
	"EventPage":        reflect.TypeFor[httpapi.EventPage](),
	"EventView":        reflect.TypeFor[httpapi.EventView](),
	"RecordView":       reflect.TypeFor[httpapi.RecordView](),
	"Status":           reflect.TypeFor[httpapi.Status](),
	"Me":               reflect.TypeFor[httpapi.MeView](),
	"CommandList":      reflect.TypeFor[httpapi.CommandList](),
	"TokenList":        reflect.TypeFor[httpapi.TokenList](),
	"TokenCreated":     reflect.TypeFor[httpapi.TokenCreated](),
	"TokenView":        reflect.TypeFor[httpapi.TokenView](),
	"Operations":       reflect.TypeFor[httpapi.Register[views.Operation]](),
	"ActionPoints":     reflect.TypeFor[httpapi.Register[views.ActionPoint]](),
	"Decisions":        reflect.TypeFor[httpapi.Register[views.Decision]](),
	"ComplianceIssues": reflect.TypeFor[httpapi.Register[views.Issue]](),
	"Escalations":      reflect.TypeFor[httpapi.Register[views.Escalation]](),
	"AuditPage":        reflect.TypeFor[httpapi.AuditPage](),
	"Components":       reflect.TypeFor[httpapi.Register[views.Component]](),
	"Contacts":         reflect.TypeFor[httpapi.Register[views.Contact]](),
	"Mechanisms":       reflect.TypeFor[httpapi.Register[views.Mechanism]](),
	"Meetings":         reflect.TypeFor[httpapi.Register[views.Meeting]](),
	"Lessons":          reflect.TypeFor[httpapi.Register[views.Lesson]](),
	"Figures":          reflect.TypeFor[httpapi.Figures](),
	"FollowUp":         reflect.TypeFor[httpapi.FollowUpReply](),
	"Checkpoint":       reflect.TypeFor[httpapi.CheckpointView](),
	"Consistency":      reflect.TypeFor[httpapi.ConsistencyView](),
	"ProvenEvent":      reflect.TypeFor[httpapi.ProvenEvent](),
	"Bundle":           reflect.TypeFor[verify.Bundle](),
	"AccessPage":       reflect.TypeFor[httpapi.AccessPage](),
}

func components() openapi3.Components {
	c := openapi3.NewComponents()
	c.Schemas = openapi3.Schemas{}
	for name, t := range responseTypes {
		c.Schemas[name] = openapi3.NewSchemaRef("", schemaOf(t))
	}
	for _, cmd := range domain.Commands() {
		c.Schemas[commandSchemaName(cmd.Name)] = openapi3.NewSchemaRef("", commandSchema(cmd))
	}
	c.Schemas["TokenRequest"] = openapi3.NewSchemaRef("", tokenRequest())
	c.Responses = clientErrorResponses()
	c.SecuritySchemes = openapi3.SecuritySchemes{
		"bearer": &openapi3.SecuritySchemeRef{Value: openapi3.NewJWTSecurityScheme().
			WithBearerFormat("opaque").WithDescription("a token from `ledger token create`")},
	}
	return c
}

// commandSchema is the command's Go struct without the actor, which the
// server takes from the token.
func commandSchema(cmd domain.CommandSpec) *openapi3.Schema {
	s := schemaOf(cmd.Type, "actor")
	withRules(s, cmd.Type)
	s.Description = "Body of the " + cmd.Name + " command. The actor is set from the bearer token."
	return s
}

func tokenRequest() *openapi3.Schema {
	s := openapi3.NewObjectSchema().WithoutAdditionalProperties()
	s.WithProperty("name", openapi3.NewStringSchema())
	s.WithProperty("role", openapi3.NewStringSchema().WithEnum("officer", "reviewer", "analyst", "admin"))
	s.WithProperty("operations", openapi3.NewArraySchema().WithItems(openapi3.NewUUIDSchema()).WithNullable())
	s.WithProperty("component", openapi3.NewUUIDSchema())
	s.Required = []string{"name", "role"}
	return s
}

func commandSchemaName(name string) string { return "Command_" + name }

func ref(name string) *openapi3.SchemaRef {
	return openapi3.NewSchemaRef("#/components/schemas/"+name, nil)
}
