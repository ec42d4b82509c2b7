package httpapi

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Appenders of JSON values, byte for byte as encoding/json writes them, for
// the rows written without reflection (pagejson.go). Each appends to b and
// returns it; a time that RFC 3339 cannot hold reports false, and the
// caller leaves the page to encoding/json, which answers with its error.

const hexDigits = "0123456789abcdef"

// appendJSONString is encoding/json's string encoding with HTML escaping:
// <, > and & as \u003c..., control characters escaped, invalid UTF-8 as
// \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString[S ~string](b []byte, s S) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			b = appendEscapedByte(b, c)
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:]))
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(append(b, s[start:i]...), `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(append(b, s[start:i]...), '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func appendEscapedByte(b []byte, c byte) []byte {
	switch c {
	case '\\', '"':
		return append(b, '\\', c)
	case '\b':
		return append(b, '\\', 'b')
	case '\f':
		return append(b, '\\', 'f')
	case '\n':
		return append(b, '\\', 'n')
	case '\r':
		return append(b, '\\', 'r')
	case '\t':
		return append(b, '\\', 't')
	}
	return append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
}

// appendUUID writes an id as uuid.UUID's MarshalText does, quoted.
func appendUUID(b []byte, id uuid.UUID) []byte {
	b = append(b, '"')
	for i, x := range id {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[x>>4], hexDigits[x&0xF])
	}
	return append(b, '"')
}

// appendTime writes t as time.Time's MarshalJSON does (RFC 3339 with
// nanoseconds); false when that would fail (a year outside 0-9999).
func appendTime(b []byte, t time.Time) ([]byte, bool) {
	b = append(b, '"')
	b, err := t.AppendText(b)
	return append(b, '"'), err == nil
}

// jsonObject writes the members of one object, a comma before each but
// the first, and remembers whether every time held.
type jsonObject struct {
	b      []byte
	n      int
	timeOK bool
}

func openObject(b []byte) jsonObject { return jsonObject{b: append(b, '{'), timeOK: true} }

// key writes the member's name (a constant of ours: no escaping needed).
func (o *jsonObject) key(name string) {
	if o.n > 0 {
		o.b = append(o.b, ',')
	}
	o.n++
	o.b = append(append(append(o.b, '"'), name...), '"', ':')
}

func (o *jsonObject) str(name, v string) {
	o.key(name)
	o.b = appendJSONString(o.b, v)
}

func (o *jsonObject) id(name string, v uuid.UUID) {
	o.key(name)
	o.b = appendUUID(o.b, v)
}

func (o *jsonObject) int(name string, v int64) {
	o.key(name)
	o.b = strconv.AppendInt(o.b, v, 10)
}

func (o *jsonObject) uint(name string, v uint64) {
	o.key(name)
	o.b = strconv.AppendUint(o.b, v, 10)
}

func (o *jsonObject) bool(name string, v bool) {
	o.key(name)
	o.b = strconv.AppendBool(o.b, v)
}

func (o *jsonObject) time(name string, v time.Time) {
	o.key(name)
	var ok bool
	o.b, ok = appendTime(o.b, v)
	o.timeOK = o.timeOK && ok
}

// Optional members: omitempty and omitzero.
func (o *jsonObject) strOmitEmpty(name, v string) {
	if v != "" {
		o.str(name, v)
	}
}

func (o *jsonObject) idOmitZero(name string, v uuid.UUID) {
	if v != uuid.Nil {
		o.id(name, v)
	}
}

func (o *jsonObject) timeOmitZero(name string, v time.Time) {
	if !v.IsZero() {
		o.time(name, v)
	}
}

// close ends the object; ok is false when a time could not be written.
func (o *jsonObject) close() ([]byte, bool) { return append(o.b, '}'), o.timeOK }
