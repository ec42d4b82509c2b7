package domain

// PersonErased records that a person's key was destroyed, on request, so
// every personal field sealed with it is unreadable from now on.
type PersonErased struct {
	Reason     string `json:"reason" doc:"ground of the erasure, a code: data_subject_request, consent_withdrawn, no_longer_needed, objection, unlawful_processing or legal_obligation"`
	RequestRef string `json:"request_ref,omitempty" doc:"reference of the request in the data protection register, e.g. DPR-2026-014 (letters, digits, - _ . / :; never a name)"`
}

func (PersonErased) EventType() string { return "person.erased.v1" }

var personEvents = []eventSpec{
	spec[PersonErased](KindPerson, "A person's personal data was erased: their key is destroyed, their fields read as erased."),
}
