package verify

import "fmt"

// Problem is the first thing found wrong. Position is zero when the bad event
// is not in the store (it was deleted) and no position can be named.
type Problem struct {
	Stream   string `json:"stream,omitempty"`
	Version  uint64 `json:"version,omitempty"`
	Position uint64 `json:"position,omitempty"`
	Reason   string `json:"reason"`
	Err      error  `json:"-"` // the integrity error behind Reason, if any
}

func (p *Problem) Error() string {
	return fmt.Sprintf("stream %q version %d position %d: %s", p.Stream, p.Version, p.Position, p.Reason)
}

func (p *Problem) Unwrap() error { return p.Err }
