package recorder

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/movementcoord/ledger/domain"
)

// canonicalBody is the command as JSON with sorted keys and without the
// fields the server sets: the same request sent twice encodes the same.
//
// It is what a round trip through a map[string]json.RawMessage gives
// (encoding/json sorts a map's keys and compacts its values), which is how
// the fingerprints already on record were made, but without the round trip:
// the struct is encoded once, already compact, and its top-level members
// are put in key order.
func canonicalBody(cmd domain.Command) (string, error) {
	raw, err := json.Marshal(cmd)
	if err != nil {
		return "", fmt.Errorf("fingerprint %T: %w", cmd, err)
	}
	members, err := topLevelMembers(raw)
	if err != nil {
		return "", fmt.Errorf("fingerprint %T: %w", cmd, err)
	}
	members = slices.DeleteFunc(members, func(m member) bool { return slices.Contains(serverSetFields, m.key) })
	slices.SortFunc(members, func(a, b member) int { return strings.Compare(a.key, b.key) })
	out := make([]byte, 0, len(raw))
	out = append(out, '{')
	for i, m := range members {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, raw[m.start:m.end]...)
	}
	return string(append(out, '}')), nil
}

// member is one "key":value of an encoded object: raw[start:end].
type member struct {
	key        string
	start, end int
}

// topLevelMembers splits a compact JSON object, as json.Marshal writes it,
// into its members. Struct field names need no escapes, so a key is the
// text between its quotes; a key that has escapes is refused rather than
// sorted differently from how a map would sort it.
func topLevelMembers(raw []byte) ([]member, error) {
	if len(raw) < 2 || raw[0] != '{' || raw[len(raw)-1] != '}' {
		return nil, fmt.Errorf("not a JSON object")
	}
	var out []member
	for i := 1; i < len(raw)-1; {
		start := i
		keyEnd, err := stringEnd(raw, i)
		if err != nil {
			return nil, err
		}
		key := raw[i+1 : keyEnd-1]
		if bytes.IndexByte(key, '\\') >= 0 || keyEnd >= len(raw) || raw[keyEnd] != ':' {
			return nil, fmt.Errorf("unexpected member at offset %d", start)
		}
		end, err := valueEnd(raw, keyEnd+1)
		if err != nil {
			return nil, err
		}
		out = append(out, member{key: string(key), start: start, end: end})
		i = end
		if i < len(raw)-1 {
			if raw[i] != ',' {
				return nil, fmt.Errorf("unexpected %q at offset %d", raw[i], i)
			}
			i++
		}
	}
	return out, nil
}

// stringEnd is the offset just past the string that starts at raw[i].
func stringEnd(raw []byte, i int) (int, error) {
	if i >= len(raw) || raw[i] != '"' {
		return 0, fmt.Errorf("expected a string at offset %d", i)
	}
	for j := i + 1; j < len(raw); j++ {
		switch raw[j] {
		case '\\':
			j++
		case '"':
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated string at offset %d", i)
}

// valueEnd is the offset just past the compact JSON value that starts at
// raw[i]: a string, an object or array (nesting counted, strings skipped),
// or a literal running to the next ',' or closing bracket.
func valueEnd(raw []byte, i int) (int, error) {
	if i >= len(raw) {
		return 0, fmt.Errorf("missing value at offset %d", i)
	}
	if raw[i] == '"' {
		return stringEnd(raw, i)
	}
	depth := 0
	for j := i; j < len(raw); j++ {
		switch raw[j] {
		case '"':
			end, err := stringEnd(raw, j)
			if err != nil {
				return 0, err
			}
			j = end - 1
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return j, nil
			}
			if depth--; depth == 0 {
				return j + 1, nil
			}
		case ',':
			if depth == 0 {
				return j, nil
			}
		}
	}
	return 0, fmt.Errorf("unterminated value at offset %d", i)
}
