package domain

import (
	"reflect"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Given any command with its required fields left empty, when it is
// decided, then it is refused naming the first required field: the struct
// tag is the rule, for every command alike.
func TestRequiredFieldsAreRefusedWhenEmpty(t *testing.T) {
	t.Parallel()
	f := standard(t)
	checked := 0
	for _, spec := range Commands() {
		var first *JSONField
		for _, field := range JSONFields(spec.Type) {
			if Required(field) {
				first = &field
				break
			}
		}
		if first == nil {
			continue
		}
		v := reflect.New(spec.Type).Elem()
		v.FieldByName("Header").Set(reflect.ValueOf(f.hdr()))
		cmd := v.Interface().(Command)
		_, err := Decide(cmd, New(cmd.Target()), f.world, time.Now())
		want := ErrRequired
		if first.Tag.Get("required") == "reason" {
			want = ErrReasonRequired
		}
		require.ErrorIs(t, err, want, spec.Name)
		var de *Error
		require.ErrorAs(t, err, &de)
		require.Equal(t, first.Name, de.Field, spec.Name)
		checked++
	}
	require.Greater(t, checked, 40)
}

// A blank text is as good as none.
func TestABlankReasonIsNoReason(t *testing.T) {
	t.Parallel()
	f := standard(t)
	id := f.givenAP()
	evs, err := f.when(BlockActionPoint{Header: f.hdr(), ID: id, Reason: "  \n\t"})
	de := thenRefused(t, evs, err, ErrReasonRequired)
	require.Equal(t, "reason", de.Field)
}
