package domain

import (
	"encoding/json"
	"strings"
)

// upcastContactAddedV1 splits v1's single name into given and family names.
// The family name is taken as the last word: right for most names on the
// list, and the officer can fix the rest with contact.updated. A one-word
// name stays whole as the given name.
func upcastContactAddedV1(data []byte) (string, []byte, error) {
	var v1 ContactAddedV1
	if err := json.Unmarshal(data, &v1); err != nil {
		return "", nil, err
	}
	given, family := splitName(v1.Name)
	v2 := ContactAdded{PersonID: v1.PersonID, GivenName: given, FamilyName: family,
		Email: v1.Email, Phone: v1.Phone, Function: v1.Function, ComponentID: v1.ComponentID}
	out, err := json.Marshal(v2)
	return v2.EventType(), out, err
}

func splitName(name string) (given, family string) {
	words := strings.Fields(name)
	if len(words) < 2 {
		return strings.Join(words, " "), ""
	}
	return strings.Join(words[:len(words)-1], " "), words[len(words)-1]
}
