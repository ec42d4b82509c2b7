package domain

import "github.com/google/uuid"

// Language is the language a person reads their reminders in.
type Language string

const (
	LangEnglish Language = "en"
	LangFrench  Language = "fr"
	LangSpanish Language = "es"
	LangArabic  Language = "ar"
)

// ContactLanguageSet records the language a contact reads the ledger's
// messages in (their daily follow-up digest). Contacts without one read
// English.
type ContactLanguageSet struct {
	Language Language `json:"language" doc:"en, fr, es or ar"`
}

func (ContactLanguageSet) EventType() string { return "contact.language_set.v1" }

var contactLanguageEvents = []eventSpec{
	spec[ContactLanguageSet](KindContact, "The language a contact reads reminders in was set."),
}

// SetContactLanguage sets the language of a contact's reminders.
type SetContactLanguage struct {
	Header
	ID       uuid.UUID `json:"id"`
	Language Language  `json:"language"`
}

func (c SetContactLanguage) Target() Ref { return Ref{KindContact, c.ID} }

func (c SetContactLanguage) decide(s *Scope) ([]Payload, error) {
	if err := checkEnum("language", c.Language); err != nil {
		return nil, err
	}
	if self[*Contact](s).Removed {
		return nil, ErrWrongState.withf("the contact was removed from the list")
	}
	return one(ContactLanguageSet{Language: c.Language})
}
