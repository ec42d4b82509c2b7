package domain

import (
	"reflect"
	"testing"
)

func BenchmarkJSONFieldsOfACommand(b *testing.B) {
	t := reflect.TypeFor[RaiseActionPoint]()
	for b.Loop() {
		_ = JSONFields(t)
	}
}
