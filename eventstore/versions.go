package eventstore

import "context"

// StreamVersioner is a store that knows every stream's committed version
// without reading the stream: the embedded store, whose one writer sees every
// commit. A caller that keeps what it folded from a stream asks it whether
// the stream has moved on. Stores that cannot answer cheaply (one shared by
// several servers) do not implement it; their callers read the stream's tail.
type StreamVersioner interface {
	// StreamVersion is the version of the last event committed to stream,
	// zero for a stream that does not exist. It is never older than an
	// append that has been acknowledged.
	StreamVersion(ctx context.Context, stream string) (uint64, error)
}

// Unwrapper is a store that passes another through (timing it, say) and
// answers for it: what the store beneath knows holds for the wrapper too.
type Unwrapper interface {
	Unwrap() Store
}

// VersionerOf finds the StreamVersioner of s or of the stores it wraps.
func VersionerOf(s Store) (StreamVersioner, bool) {
	for s != nil {
		if v, ok := s.(StreamVersioner); ok {
			return v, true
		}
		u, ok := s.(Unwrapper)
		if !ok {
			return nil, false
		}
		s = u.Unwrap()
	}
	return nil, false
}
