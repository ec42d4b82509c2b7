package projections

// interner shares one copy of each short string a decode worker meets. It is
// bounded: when full it starts afresh rather than grow with the log.
type interner struct{ m map[string]string }

const internMax = 4096

func newInterner() *interner { return &interner{m: make(map[string]string, 64)} }

// str returns b as a string, the same string for the same bytes. A nil
// interner just converts.
func (in *interner) str(b []byte) string {
	if in == nil {
		return string(b)
	}
	if s, ok := in.m[string(b)]; ok { // the lookup does not allocate
		return s
	}
	if len(in.m) >= internMax {
		clear(in.m)
	}
	s := string(b)
	in.m[s] = s
	return s
}
