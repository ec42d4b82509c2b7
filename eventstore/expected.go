package eventstore

import (
	"fmt"
	"strconv"
	"strings"
)

// ExpectedVersion is the condition an append places on the stream's current
// version. The zero value is Any.
type ExpectedVersion struct {
	kind    expectKind
	version uint64
}

type expectKind int

const (
	expectAny expectKind = iota
	expectNoStream
	expectStreamExists
	expectExact
)

// Any accepts whatever the stream's state.
func Any() ExpectedVersion { return ExpectedVersion{kind: expectAny} }

// NoStream requires that the stream has no events yet.
func NoStream() ExpectedVersion { return ExpectedVersion{kind: expectNoStream} }

// StreamExists requires that the stream has at least one event.
func StreamExists() ExpectedVersion { return ExpectedVersion{kind: expectStreamExists} }

// Exact requires the stream to be at version v. Exact(0) is the same as
// NoStream.
func Exact(v uint64) ExpectedVersion {
	if v == 0 {
		return NoStream()
	}
	return ExpectedVersion{kind: expectExact, version: v}
}

// IsAny, IsNoStream, IsStreamExists and ExactVersion let backends translate
// the expectation into their own terms.
func (e ExpectedVersion) IsAny() bool          { return e.kind == expectAny }
func (e ExpectedVersion) IsNoStream() bool     { return e.kind == expectNoStream }
func (e ExpectedVersion) IsStreamExists() bool { return e.kind == expectStreamExists }

// ExactVersion returns the version and true when the expectation is Exact.
func (e ExpectedVersion) ExactVersion() (uint64, bool) {
	return e.version, e.kind == expectExact
}

// Satisfied reports whether a stream at version current (0 for no stream)
// meets the expectation.
func (e ExpectedVersion) Satisfied(current uint64) bool {
	switch e.kind {
	case expectNoStream:
		return current == 0
	case expectStreamExists:
		return current > 0
	case expectExact:
		return current == e.version
	default:
		return true
	}
}

func (e ExpectedVersion) String() string {
	switch e.kind {
	case expectNoStream:
		return "no-stream"
	case expectStreamExists:
		return "stream-exists"
	case expectExact:
		return strconv.FormatUint(e.version, 10)
	default:
		return "any"
	}
}

// ParseExpectedVersion reads the text form used on the command line and over
// HTTP: "any", "no-stream", "stream-exists", or a version number.
func ParseExpectedVersion(s string) (ExpectedVersion, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "any", "":
		return Any(), nil
	case "no-stream":
		return NoStream(), nil
	case "stream-exists":
		return StreamExists(), nil
	}
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return ExpectedVersion{}, fmt.Errorf("%w: %q is not any, no-stream, stream-exists or a version number",
			ErrInvalidExpectedVersion, s)
	}
	return Exact(v), nil
}
