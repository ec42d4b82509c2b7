package openapi

import (
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/movementcoord/ledger/domain"
)

// enumSchema is a string schema listing an enum's values, from the domain.
func enumSchema[T ~string]() *openapi3.Schema {
	var values []any
	for _, v := range domain.Values[T]() {
		values = append(values, string(v))
	}
	return openapi3.NewStringSchema().WithEnum(values...)
}

// withRules writes the domain's input rules into a command body's schema:
// the fields it requires, the values of each enum field and the length limit
// of each text, nested objects and lists of objects included. The rules stay
// in the domain (which enforces them); the document only shows them.
func withRules(s *openapi3.Schema, t reflect.Type) {
	for _, f := range domain.JSONFields(t) {
		prop, ok := s.Properties[f.Name]
		if !ok || prop.Value == nil {
			continue
		}
		if domain.Required(f) {
			s.Required = append(s.Required, f.Name)
		}
		fieldRules(prop.Value, f.Type, f.Name)
	}
}

func fieldRules(p *openapi3.Schema, t reflect.Type, name string) {
	if t.Kind() == reflect.Slice && p.Items != nil && p.Items.Value != nil {
		p, t = p.Items.Value, t.Elem()
	}
	if values := domain.EnumValues(t); values != nil {
		for _, v := range values {
			p.Enum = append(p.Enum, v)
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		if limit := domain.MaxLength(name); limit > 0 {
			p.MaxLength = new(uint64)
			*p.MaxLength = uint64(limit)
		}
	case reflect.Struct:
		withRules(p, t)
	}
}
