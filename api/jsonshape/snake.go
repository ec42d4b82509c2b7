package jsonshape

import (
	"strings"
	"unicode"
)

// Snake is the API's naming rule for fields without a JSON tag (the state of
// a record): OperationID -> operation_id, DueAt -> due_at, HTTPServer ->
// http_server. The server encodes with it and clients decode with it.
func Snake(name string) string {
	r := []rune(name)
	var b strings.Builder
	for i, c := range r {
		if i > 0 && unicode.IsUpper(c) {
			prevLower := unicode.IsLower(r[i-1]) || unicode.IsDigit(r[i-1])
			nextLower := i+1 < len(r) && unicode.IsLower(r[i+1])
			if prevLower || (unicode.IsUpper(r[i-1]) && nextLower) {
				b.WriteByte('_')
			}
		}
		b.WriteRune(unicode.ToLower(c))
	}
	return b.String()
}
