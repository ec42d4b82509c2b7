package domain

import (
	"encoding/json"
	"fmt"
	"reflect"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"
)

// Dates a command may carry: anything outside is a typo (0026 for 2026) or
// a probe, never an event of a humanitarian operation. The zero time means
// "not given" and is left to each command's own rules.
var (
	earliestDate = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	latestDate   = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

// checkInput refuses a command carrying text, ids or dates that no officer
// meant to record, or a text over its field's limit, naming the field by its
// JSON path. It runs for every command, whatever sent it, so nothing is
// silently replaced or stored; one walk of the command does every check.
func checkInput(cmd Command) error {
	return visitInput(reflect.ValueOf(cmd), "", "", checkValue)
}

// checkCommand is what every command passes before its own rules.
func checkCommand(cmd Command) error { return firstErr(checkInput(cmd), checkRequired(cmd)) }

func checkValue(at, name string, v reflect.Value) error {
	switch {
	case v.Type() == uuidType:
		return checkListedID(at, v.Interface().(uuid.UUID))
	case v.Type() == timeType:
		return checkDate(at, v.Interface().(time.Time))
	case v.Type() == rawType:
		return checkRawTexts(at, v.Bytes())
	case v.Kind() == reflect.String:
		if err := checkText(at, isLongText(name), v.String()); err != nil {
			return err
		}
		return checkLength(at, name, v.String())
	}
	return nil
}

// isLongText: notes, reasons, descriptions and texts may span lines; every
// other text (a name, a title, a reference, a code) is one line.
func isLongText(name string) bool { return maxLengths[name] >= limitNote }

// checkText refuses what is not text: invalid UTF-8 (which a JSON decoder
// turns into U+FFFD, so that is refused too), control characters other than
// line breaks and tabs in long texts, and in short texts the bidirectional
// overrides that make a name display differently from what it says.
func checkText(at string, long bool, s string) error {
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			return ErrInvalidText.at(at, "%s is not valid UTF-8 text (at byte %d); send it as UTF-8", at, i)
		case long && (r == '\n' || r == '\r' || r == '\t'):
		case r < 0x20 || (r >= 0x7f && r < 0xa0):
			return ErrInvalidText.at(at, "%s contains the control character U+%04X at byte %d; %s", at, r, i, allowedIn(long))
		case !long && isBidiControl(r):
			return ErrInvalidText.at(at, "%s contains the bidirectional control U+%04X at byte %d, which changes how the text is displayed; remove it", at, r, i)
		}
	}
	return nil
}

func allowedIn(long bool) string {
	if long {
		return "only line breaks and tabs are allowed"
	}
	return "it must be one line of text"
}

// isBidiControl: the embeddings, overrides and isolates (U+202A-U+202E,
// U+2066-U+2069) of "Trojan Source" text.
func isBidiControl(r rune) bool {
	return (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// checkListedID refuses the nil UUID as an item of a list (agreed_by[1]): it
// names nobody. A single id field left nil is the same as one left out, and
// each command says whether it needs it.
func checkListedID(at string, id uuid.UUID) error {
	if id == uuid.Nil && len(at) > 0 && at[len(at)-1] == ']' {
		return ErrNilID.at(at, "%s is the nil UUID, which names no record; give the record's id", at)
	}
	return nil
}

func checkDate(at string, t time.Time) error {
	if t.IsZero() || (!t.Before(earliestDate) && t.Before(latestDate)) {
		return nil
	}
	return ErrDateOutOfRange.at(at, "%s is %s; dates must lie between 1900 and 2200", at, t.UTC().Format(time.RFC3339))
}

// checkRawTexts applies checkText to every string in a free JSON value (a
// correction's changes), as long text: it may correct any field.
func checkRawTexts(at string, raw []byte) error {
	if len(raw) == 0 {
		return nil
	}
	if !utf8.Valid(raw) {
		return ErrInvalidText.at(at, "%s is not valid UTF-8 text; send it as UTF-8", at)
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return nil // not JSON: the command's own rule names it
	}
	return textsIn(at, v)
}

func textsIn(at string, v any) error {
	switch v := v.(type) {
	case string:
		return checkText(at, true, v)
	case []any:
		for i, item := range v {
			if err := textsIn(fmt.Sprintf("%s[%d]", at, i), item); err != nil {
				return err
			}
		}
	case map[string]any:
		for key, item := range v {
			if err := firstErr(checkText(at, false, key), textsIn(at+"."+key, item)); err != nil {
				return err
			}
		}
	}
	return nil
}

// visitInput calls visit for every value of a command that encoding/json
// would read, with its JSON path (attendees[2].name) and member name, going
// into structs and lists. Ids, dates and raw JSON are values, not structs.
func visitInput(v reflect.Value, path, name string, visit func(at, name string, v reflect.Value) error) error {
	t := v.Type()
	switch {
	case t == uuidType || t == timeType || t == rawType:
		return visit(path, name, v)
	case t.Kind() == reflect.Struct:
		for _, f := range JSONFields(t) {
			at := f.Name
			if path != "" {
				at = path + "." + f.Name
			}
			if err := visitInput(v.FieldByIndex(f.Index), at, f.Name, visit); err != nil {
				return err
			}
		}
		return nil
	case t.Kind() == reflect.Slice:
		for i := range v.Len() {
			if err := visitInput(v.Index(i), fmt.Sprintf("%s[%d]", path, i), name, visit); err != nil {
				return err
			}
		}
		return nil
	}
	return visit(path, name, v)
}
