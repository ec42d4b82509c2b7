package domain

import (
	"slices"
	"strings"
)

// Input checks shared by commands. Each returns nil or a validation *Error
// naming the field, so decide methods read as a list of rules.
//
// Every command also passes checkInput (input.go) in Decide, before any rule:
// texts must be valid UTF-8 without control characters, short texts (names,
// titles, references) without bidirectional overrides, ids in lists must not
// be nil, dates must lie in a sane range. Whether a text field is short or
// long is read from its length limit in limits.go (a note, a reason or a
// description is long), so each field is listed once.

func required(field, value string) error {
	if strings.TrimSpace(value) == "" {
		return ErrRequired.at(field, "%s is required", field)
	}
	return nil
}

func oneOf[T ~string](field string, value T, allowed ...T) error {
	if slices.Contains(allowed, value) {
		return nil
	}
	return ErrInvalid.at(field, "%q is not one of %v", value, allowed)
}

// firstErr returns the first failed check, so a command lists its rules in order.
func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// one wraps a single payload as a decide result.
func one(p Payload) ([]Payload, error) { return []Payload{p}, nil }
