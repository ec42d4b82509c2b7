package domain

// A person record exists only to say that a person's personal data was
// erased. It holds no personal data itself: the person is known by the
// pseudonymous id that sits beside their personal fields in other events.

// PersonErased records that a person's key was destroyed, on request, so
// every personal field sealed with it is unreadable from now on.
type PersonErased struct {
	Reason     string `json:"reason" doc:"why the data was erased, e.g. the data subject's request; never personal data"`
	RequestRef string `json:"request_ref,omitempty" doc:"reference of the erasure request in the data protection register"`
}

func (PersonErased) EventType() string { return "person.erased.v1" }

var personEvents = []eventSpec{
	spec[PersonErased](KindPerson, "A person's personal data was erased: their key is destroyed, their fields read as erased."),
}

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
