package domain

import (
	"reflect"
	"sync"
)

// commandNameOf is the reverse of commandDecoders, built once from it so the
// two can never disagree: a client holding a typed command (the demo over
// HTTP) needs the name the API serves it under.
var commandNameOf = sync.OnceValue(func() map[reflect.Type]string {
	out := make(map[reflect.Type]string, len(commandDecoders))
	for name, dec := range commandDecoders {
		cmd, err := dec([]byte("{}"))
		if err != nil {
			panic("domain: command " + name + " does not decode from {}: " + err.Error())
		}
		out[reflect.TypeOf(cmd)] = name
	}
	return out
})

// CommandName is the name a command is sent under, such as
// "actionpoint.raise": the inverse of DecodeCommand. It is "" for nil.
func CommandName(c Command) string {
	if c == nil {
		return ""
	}
	t := reflect.TypeOf(c)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return commandNameOf()[t]
}
