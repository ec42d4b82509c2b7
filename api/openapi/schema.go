package openapi

import (
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

var (
	jsonMarshaler = reflect.TypeFor[json.Marshaler]()
	textMarshaler = reflect.TypeFor[encoding.TextMarshaler]()
)

// schemaOf derives a JSON schema from a Go type the way encoding/json sees
// it, so the command schemas are the domain's own structs, never a copy.
// skip names members the server sets itself (the actor).
func schemaOf(t reflect.Type, skip ...string) *openapi3.Schema {
	switch t {
	case reflect.TypeFor[uuid.UUID]():
		return openapi3.NewUUIDSchema()
	case reflect.TypeFor[time.Time]():
		return openapi3.NewDateTimeSchema()
	case reflect.TypeFor[json.RawMessage]():
		return openapi3.NewSchema() // any JSON value
	}
	if list := t.Kind() == reflect.Slice || t.Kind() == reflect.Map; list && t.PkgPath() == domainPkg {
		// domain.List and domain.Dict only write an empty one as [] or {}.
		return collectionSchema(t)
	}
	if t.Implements(jsonMarshaler) || reflect.PointerTo(t).Implements(jsonMarshaler) {
		// Its own MarshalJSON decides the shape; the struct fields do not.
		return openapi3.NewSchema()
	}
	if t.Implements(textMarshaler) || reflect.PointerTo(t).Implements(textMarshaler) {
		return openapi3.NewStringSchema() // encoding/json writes its text form
	}
	switch t.Kind() {
	case reflect.String:
		return openapi3.NewStringSchema()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return openapi3.NewIntegerSchema()
	case reflect.Float32, reflect.Float64:
		return openapi3.NewFloat64Schema()
	case reflect.Bool:
		return openapi3.NewBoolSchema()
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 { // encoding/json writes []byte as base64
			return openapi3.NewBytesSchema().WithNullable()
		}
		return openapi3.NewArraySchema().WithItems(schemaOf(t.Elem())).WithNullable()
	case reflect.Array:
		return openapi3.NewArraySchema().WithItems(schemaOf(t.Elem())).WithNullable()
	case reflect.Map:
		return openapi3.NewObjectSchema().WithAnyAdditionalProperties()
	case reflect.Pointer:
		return schemaOf(t.Elem()).WithNullable()
	case reflect.Struct:
		return objectSchema(t, skip)
	}
	return openapi3.NewSchema()
}

var domainPkg = reflect.TypeFor[domain.Kind]().PkgPath()

func collectionSchema(t reflect.Type) *openapi3.Schema {
	if t.Kind() == reflect.Map {
		return openapi3.NewObjectSchema().WithAdditionalProperties(schemaOf(t.Elem()))
	}
	return openapi3.NewArraySchema().WithItems(schemaOf(t.Elem()))
}

func objectSchema(t reflect.Type, skip []string) *openapi3.Schema {
	s := openapi3.NewObjectSchema().WithoutAdditionalProperties()
	for _, f := range domain.JSONFields(t) {
		if !slices.Contains(skip, f.Name) {
			s.WithProperty(f.Name, schemaOf(f.Type))
		}
	}
	return s
}
