package verify

import (
	"fmt"
	"strings"

	"github.com/movementcoord/ledger/domain/integrity"
)

// checkAt compares the heads the walk reached with an expected digest. When
// the log ended (atEnd) before the digest's position, the store was
// truncated and the first missing position is the one after the last read.
func checkAt(c *chains, e Expect, atEnd bool) *Problem {
	heads := c.snapshot()
	truncated := atEnd && c.last < e.Digest.Position
	if !truncated && integrity.CheckHeads(e.Digest, heads) == nil {
		return nil
	}
	p := &Problem{Position: e.Digest.Position}
	if e.Heads != nil {
		if d := diffHeads(e.Heads, heads, c); d != nil {
			p = d
		}
	}
	if p.Reason == "" {
		p.Reason = fmt.Sprintf("the stream heads at position %d do not give the digest's root %s (history rewritten)",
			e.Digest.Position, e.Digest.Root)
	}
	if truncated {
		p.Position = c.last + 1
		p.Reason = fmt.Sprintf("the log ends at position %d but the digest covers up to %d (truncated); %s",
			c.last, e.Digest.Position, p.Reason)
	}
	p.Reason = e.Source + ": " + p.Reason
	p.Err = ErrDigestMismatch
	return p
}

// diffHeads names the first stream, in name order, whose head differs from
// the digest's.
func diffHeads(want, got []integrity.Head, c *chains) *Problem {
	i, j := 0, 0
	for i < len(want) || j < len(got) {
		switch {
		case j == len(got) || i < len(want) && want[i].Stream < got[j].Stream:
			w := want[i]
			return &Problem{Stream: w.Stream, Version: 1, Reason: fmt.Sprintf("the digest has this stream at version %d, the store has no event of it", w.Version)}
		case i == len(want) || got[j].Stream < want[i].Stream:
			g := got[j]
			return &Problem{Stream: g.Stream, Version: g.Version, Position: c.heads[g.Stream].position,
				Reason: "this stream is not in the digest (inserted before the digest's position)"}
		case want[i] != got[j]:
			return headDiff(want[i], got[j], c)
		}
		i, j = i+1, j+1
	}
	return nil
}

func headDiff(w, g integrity.Head, c *chains) *Problem {
	p := &Problem{Stream: w.Stream}
	switch {
	case g.Version < w.Version:
		p.Version = g.Version + 1
		p.Reason = fmt.Sprintf("the digest has version %d, the store only %d: %s", w.Version, g.Version,
			strings.TrimPrefix(gapReason(g.Version, w.Version+1), "the stream goes back "))
	case g.Version > w.Version:
		p.Version = w.Version + 1
		p.Reason = fmt.Sprintf("the store has version %d where the digest has %d: events were inserted", g.Version, w.Version)
	default:
		p.Version, p.Position = g.Version, c.heads[g.Stream].position
		p.Reason = fmt.Sprintf("head hash %s, the digest has %s: the stream was rewritten up to here", g.Hash, w.Hash)
	}
	return p
}
