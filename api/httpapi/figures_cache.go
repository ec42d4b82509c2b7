package httpapi

import (
	"encoding/json"
	"hash/fnv"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/projections"
	"github.com/movementcoord/ledger/projections/analysis"
)

// The figures of an operation are cached per position of the views: the
// same views, operation, reader, date and threshold give the same
// figures, so concurrent readers wait for one computation instead of each
// walking every record, and each takes the same encoded answer instead of
// encoding it again. Any event the views apply changes the key, so a
// cached answer is never older than the views it would be computed from.

// maxCachedFigures bounds the cache; it is emptied when full.
const maxCachedFigures = 256

type figuresKey struct {
	views  uint64 // fingerprint of every view's position
	op     uuid.UUID
	reader string // what decides the policy: role, actor, operations
	at     time.Time
	days   uint64
}

type figuresEntry struct {
	once sync.Once
	f    analysis.Figures
	json []byte // f as c.JSON writes it
	err  error  // f could not be encoded
}

type figuresCache struct {
	mu      sync.Mutex
	entries map[figuresKey]*figuresEntry
}

// get returns the figures under k and their JSON, computing and encoding
// them once.
func (c *figuresCache) get(k figuresKey, compute func() analysis.Figures) (analysis.Figures, []byte, error) {
	c.mu.Lock()
	if c.entries == nil || len(c.entries) >= maxCachedFigures {
		c.entries = map[figuresKey]*figuresEntry{}
	}
	e := c.entries[k]
	if e == nil {
		e = &figuresEntry{}
		c.entries[k] = e
	}
	c.mu.Unlock()
	e.once.Do(func() {
		e.f = compute()
		e.json, e.err = json.Marshal(e.f)
		e.json = append(e.json, '\n')
	})
	return e.f, e.json, e.err
}

// viewsFingerprint changes whenever any view applies an event.
func viewsFingerprint(r *projections.Runner) uint64 {
	h := fnv.New64a()
	var b [8]byte
	for _, st := range r.Status() {
		for i := range b {
			b[i] = byte(st.Position >> (8 * i))
		}
		h.Write(b[:])
	}
	return h.Sum64()
}

// readerKey names the reader a principal is (visibility.ForRole's inputs).
func readerKey(p auth.Principal) string {
	ops := make([]string, len(p.Operations))
	for i, op := range p.Operations {
		ops[i] = op.String()
	}
	slices.Sort(ops)
	return string(p.Role) + "|" + p.Actor().ID + "|" + strings.Join(ops, ",")
}
