package domain

import "reflect"

// CommandName is the name a command is sent under, such as
// "actionpoint.raise": the inverse of DecodeCommand, read from the command
// table. A client holding a typed command (the demo over HTTP) needs it. It
// is "" for nil.
func CommandName(c Command) string {
	if c == nil {
		return ""
	}
	t := reflect.TypeOf(c)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return commands().byType[t].Name
}
