package domain

// Rank orders classifications from the least to the most restricted
// (public 1 … confidential 4); an unknown or empty one ranks 0.
func (c Classification) Rank() int {
	switch c {
	case ClassPublic:
		return 1
	case ClassMovement:
		return 2
	case ClassRestricted:
		return 3
	case ClassConfidential:
		return 4
	}
	return 0
}

// Strictest returns the most restricted of the classifications given: a
// record is as restricted as the strictest of its events, and a record made
// from or about another is at least as restricted as that one.
func Strictest(cs ...Classification) Classification {
	var out Classification
	for _, c := range cs {
		if c.Rank() > out.Rank() {
			out = c
		}
	}
	return out
}
