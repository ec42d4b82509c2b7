package sqlite

import (
	"fmt"
	"sync/atomic"
)

// halted holds the reason appends are refused, once a server found the log
// broken: nothing more is written, so nothing more is signed over it.
type halted struct{ err atomic.Pointer[error] }

// Halt makes every later append fail with err (wrapped). Reads go on.
func (s *Store) Halt(err error) { s.halt.err.CompareAndSwap(nil, &err) }

func (h *halted) check(stream string) error {
	if p := h.err.Load(); p != nil {
		return fmt.Errorf("append to %s: %w", stream, *p)
	}
	return nil
}
