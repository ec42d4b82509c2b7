package projections

import "bytes"

// scanner reads the small subset of JSON the envelope uses: objects whose
// values are strings without escapes, or such objects again.
type scanner struct {
	b  []byte
	i  int
	in *interner
}

func (s *scanner) ws() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\n' || s.b[s.i] == '\t' || s.b[s.i] == '\r') {
		s.i++
	}
}

func (s *scanner) next(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// raw returns the bytes of a string value without its quotes; it refuses
// strings with escapes or control bytes, which the slow path handles.
func (s *scanner) raw() ([]byte, bool) {
	if !s.next('"') {
		return nil, false
	}
	end := bytes.IndexByte(s.b[s.i:], '"')
	if end < 0 {
		return nil, false
	}
	v := s.b[s.i : s.i+end]
	if bytes.IndexByte(v, '\\') >= 0 {
		return nil, false
	}
	for _, c := range v {
		if c < 0x20 {
			return nil, false
		}
	}
	s.i += end + 1
	return v, true
}

// object reads {"key": value, ...}, calling field for each key to read its
// value; field returns false to give up.
func (s *scanner) object(field func(key []byte) bool) bool {
	if !s.next('{') {
		return false
	}
	if s.next('}') {
		return true
	}
	seen := 0
	for {
		key, ok := s.raw()
		if !ok || !s.next(':') || !field(key) {
			return false
		}
		if seen++; seen > 32 {
			return false
		}
		if s.next('}') {
			return true
		}
		if !s.next(',') {
			return false
		}
	}
}

func (s *scanner) end() bool {
	s.ws()
	return s.i == len(s.b)
}

// skipString passes over a string value without checking its bytes, for
// values the caller discards.
func (s *scanner) skipString() bool {
	if !s.next('"') {
		return false
	}
	end := bytes.IndexByte(s.b[s.i:], '"')
	if end < 0 || bytes.IndexByte(s.b[s.i:s.i+end], '\\') >= 0 {
		return false
	}
	s.i += end + 1
	return true
}
