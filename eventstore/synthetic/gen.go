package synthetic

import (
	"math/rand/v2"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain/integrity"
)

// Gen generates operations. It is not safe for concurrent use.
type Gen struct {
	rng    *rand.Rand
	start  time.Time
	ops    int
	hasher integrity.Hasher
}

// New returns a generator; the same seed gives the same log.
func New(seed uint64, start time.Time) *Gen {
	return &Gen{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), start: start}
}

// id draws a random (version 4) UUID from the seeded source.
func (g *Gen) id() uuid.UUID {
	var u uuid.UUID
	hi, lo := g.rng.Uint64(), g.rng.Uint64()
	for i := range 8 {
		u[i], u[8+i] = byte(hi>>(8*i)), byte(lo>>(8*i))
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return u
}

// Phases are the records of one operation in the order they can be
// appended: each phase refers only to records of earlier phases, so the
// records within a phase may be appended concurrently.
type Phases [4][]Record

// Events counts the events of all phases.
func (p *Phases) Events() int {
	n := 0
	for _, ph := range p {
		for _, r := range ph {
			n += len(r.Events)
		}
	}
	return n
}

// Operation generates one operation; size scales the number of meetings,
// and with them decisions, action points, issues and escalations (an
// operation of size 10 has about 700 events).
func (g *Gen) Operation(size int) Phases {
	o := g.newOp()
	var ph Phases
	ph[0] = o.setup()
	ph[1] = o.meetingsAndDecisions(size)
	ph[2] = o.followUp()
	ph[3] = o.escalationsAndLessons()
	return ph
}
