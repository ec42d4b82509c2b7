package openapi

import (
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/movementcoord/ledger/domain"
)

// recordStates describes the state GET /api/v1/records/{kind}/{id} answers:
// one schema per kind of record (RecordState_<kind>), derived from the JSON
// tags of the domain's aggregate, which are that endpoint's contract. Keys
// may be missing (personal data withheld from a role), never unknown.
func recordStates(c *openapi3.Components) {
	state := openapi3.NewAnyOfSchema()
	for _, k := range domain.Kinds() {
		name := "RecordState_" + string(k)
		s := schemaOf(reflect.TypeOf(domain.New(domain.Ref{Kind: k})).Elem())
		s.Description = "The state of a record of kind " + string(k) + "."
		c.Schemas[name] = openapi3.NewSchemaRef("", s)
		state.AnyOf = append(state.AnyOf, ref(name))
	}
	c.Schemas["RecordView"].Value.Properties["state"] = openapi3.NewSchemaRef("", state)
}
