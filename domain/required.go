package domain

import (
	"reflect"
	"strings"
)

// Required reports whether a command field must be given: its struct tag
// says required:"true", or required:"reason" for the reasons later readers
// need. The tag is the one statement of the rule: checkRequired enforces it
// before a command is decided and the OpenAPI document lists it.
func Required(f JSONField) bool { return f.Tag.Get("required") != "" }

// checkRequired refuses a command that leaves a required field empty (or
// blank), naming the first such field. Rules that depend on other fields
// (a summary unless the case is handled externally) stay in the command.
func checkRequired(cmd Command) error {
	v := reflect.ValueOf(cmd)
	for _, f := range JSONFields(v.Type()) {
		fv := v.FieldByIndex(f.Index)
		empty := fv.IsZero() || (fv.Kind() == reflect.String && strings.TrimSpace(fv.String()) == "")
		switch {
		case !Required(f) || !empty:
		case f.Tag.Get("required") == "reason":
			return ErrReasonRequired.at(f.Name, "give a reason so that later readers know why")
		default:
			return ErrRequired.at(f.Name, "%s is required", f.Name)
		}
	}
	return nil
}
