package analysis

import (
	"math"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
	"github.com/movementcoord/ledger/projections/readmodel"
)

// Scope is what figures are computed from: one operation's views, and the
// reader they are for. Only records the reader may see count, so a figure
// never carries anything of a record it could not read: an analyst's
// report-to-triage times leave out confidential issues altogether, not
// just their details.
type Scope struct {
	set    *readmodel.Set
	op     uuid.UUID
	reader visibility.Reader
	names  map[uuid.UUID]string // components and mechanisms the reader sees
}

// NewScope prepares the figures of operation op for reader.
func NewScope(set *readmodel.Set, op uuid.UUID, reader visibility.Reader) Scope {
	s := Scope{set: set, op: op, reader: reader, names: map[uuid.UUID]string{}}
	for _, c := range set.Components.Map(op) {
		if s.sees(c.Record()) {
			s.names[c.ID] = c.Name
		}
	}
	for _, m := range set.Mechanisms.List(op) {
		if s.sees(m.Record()) {
			s.names[m.ID] = m.Name
		}
	}
	return s
}

// sees is the reader's policy for one record.
func (s Scope) sees(op uuid.UUID, class domain.Classification) bool {
	return s.reader.SeesRecord(op, class)
}

// name is the name of a component or mechanism the reader sees, or "".
func (s Scope) name(id uuid.UUID) string { return s.names[id] }

// rate is a share rounded to three decimals: 2 of 3 is 0.667.
func rate(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return math.Round(float64(part)/float64(whole)*1000) / 1000
}
