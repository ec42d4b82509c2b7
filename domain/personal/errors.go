package personal

import "errors"

var (
	// ErrErased: the person's key was destroyed; their data is gone for good.
	ErrErased = errors.New("person erased")
	// ErrCorrupt: a sealed value cannot be opened (altered, or another key).
	ErrCorrupt = errors.New("sealed personal value is corrupt")
	// ErrBadKey: a key of the wrong size.
	ErrBadKey = errors.New("bad personal data key")
	// ErrNoPerson: a personal field has a value but its record names no
	// person, so there is no key to seal it with.
	ErrNoPerson = errors.New("personal data without a person id")
)
