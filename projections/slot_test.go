package projections

import (
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

type seen struct {
	sync.Mutex
	positions []uint64
}

func (*seen) Name() string { return "seen" }

func (s *seen) Apply(e *Event) error {
	s.positions = append(s.positions, e.Position)
	return nil
}

func TestALiveViewIgnoresEventsAtOrBelowItsPosition(t *testing.T) {
	t.Parallel()
	s := newSlot(func() Projection { return &seen{} })
	for _, pos := range []uint64{1, 2, 2, 1, 3} {
		s.applyLive(pos, &Event{Position: pos}, nil)
	}
	require.Equal(t, []uint64{1, 2, 3}, s.view().(*seen).positions)
	pos, err := s.prog.get()
	require.NoError(t, err)
	require.Equal(t, uint64(3), pos)
}
