package domain

// A person record exists only to say that a person's personal data was
// erased. It holds no personal data itself: the person is known by the
// pseudonymous id that sits beside their personal fields in other events.

// Person is the erasure state of one person.
type Person struct {
	Base
	Erased bool `json:"erased"`
}

func (p *Person) apply(ev Payload) {
	if _, ok := ev.(PersonErased); ok {
		p.Erased = true
	}
}
