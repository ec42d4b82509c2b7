package httpapi

import (
	"hash/fnv"
	"sync"
)

// stripes serialise the writes of this process to one record, so that the
// If-Match check and the append see the same version. The application service
// decides against the version it loads itself and retries on a conflict; a
// write that slipped in between our check and its load would otherwise be
// silently overtaken. Across processes (several servers on one KurrentDB)
// this is not enough: that needs the service to take the expected version
// itself, which it does not offer yet.
type stripes struct{ mu [256]sync.Mutex }

func newStripes() *stripes { return &stripes{} }

func (s *stripes) lock(stream string) func() {
	h := fnv.New32a()
	_, _ = h.Write([]byte(stream))
	m := &s.mu[h.Sum32()%uint32(len(s.mu))]
	m.Lock()
	return m.Unlock
}
