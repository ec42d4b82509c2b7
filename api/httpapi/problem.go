package httpapi

import (
	"encoding/json"
	"net/http"
)

// problemTypeBase roots the stable problem type URIs. A URN, because the
// ledger runs on hosts we do not know: clients match on it, not browse it.
const problemTypeBase = "urn:movementcoord:ledger:problem:"

// Problem is an RFC 9457 problem document with the ledger's extensions:
// code (the stable error code, also the tail of type), errors (one entry
// per offending field, at most MaxFieldErrors) and errors_omitted (how many
// more there were).
type Problem struct {
	Type   string       `json:"type"`
	Title  string       `json:"title"`
	Status int          `json:"status"`
	Detail string       `json:"detail,omitempty"`
	Code   string       `json:"code"`
	Errors []FieldError `json:"errors,omitempty"`
	// ErrorsOmitted counts the field errors beyond the first MaxFieldErrors.
	ErrorsOmitted int `json:"errors_omitted,omitempty"`
}

// FieldError names one input field at fault, as a JSON path such as
// "owner_component_id" or "attendees[1].person_id".
type FieldError struct {
	Field  string `json:"field"`
	Detail string `json:"detail"`
	// Allowed lists what the field accepts when the detail alone would leave
	// a client guessing (the fields a correction of that event may change).
	Allowed []string `json:"allowed,omitempty"`
}

func newProblem(status int, code, detail string, fields ...FieldError) Problem {
	return Problem{Type: problemTypeBase + code, Title: http.StatusText(status), Status: status,
		Detail: detail, Code: code, Errors: fields}
}

func writeProblem(w http.ResponseWriter, p Problem) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}
