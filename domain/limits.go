package domain

import (
	"unicode/utf8"
)

// Text limits of command fields, in characters (Unicode code points), by JSON
// member name wherever it appears (a "name" is a name in every command). They
// are generous for real use and keep one request from filling a register row,
// a CSV cell or a screen with megabytes. Enum fields need no limit: their
// values are listed (enums.go). The OpenAPI document shows these as maxLength.
const (
	limitCode  = 32     // short codes: GLIDE numbers, admin area codes
	limitShort = 200    // names, titles, references, identifiers
	limitNote  = 4_000  // a note, a reason, a description
	limitText  = 20_000 // texts of decisions, terms of reference, lessons
	limitLong  = 100_000
)

var maxLengths = map[string]int{
	// who and what: names, titles, places
	"title": limitShort, "name": limitShort, "given_name": limitShort, "family_name": limitShort,
	"function": limitShort, "acronym": limitShort, "area": limitShort, "location": limitShort,
	"owner_name": limitShort, "reporter_name": limitShort, "crisis_type": limitShort, "sector": limitShort,
	"admin_area_name": limitShort, "rung": limitShort, "key": limitShort,
	"command":  limitShort, // the name of a change a conflict holds (conflict_commands.go)
	"severity": limitShort, // an operation's severity is free text; an issue's is an enum
	// codes and references to other systems
	"country": limitCode, "admin_area_code": limitCode, "glide": limitCode, "external_id": limitShort,
	"agreement_ref": limitShort, "case_reference": limitShort, "external_case_ref": limitShort,
	"request_ref": maxRequestRef, "rule_reference": limitShort, // request_ref: a register reference (person_erasure.go)
	"token_sha256": 64, "label": limitShort, "url": 2048, // a calendar feed, a webhook (followup_*.go)
	"email": 254, "phone": 50, // RFC 5321's longest address; E.164 with room for extensions
	// the command's own header
	"idempotency_key": limitShort, "correlation_id": limitShort, "causation_id": limitShort,
	"id": limitShort, "role": limitShort, // the actor, which the server sets from the token
	// texts
	"description": limitNote, "note": limitNote, "reason": limitNote, "resolution_note": limitNote,
	"summary": limitNote, "answer": limitText, "body": limitText, "rationale": limitText, "text": limitText,
	"observation": limitText, "recommendation": limitText, "terms_of_reference": limitText,
	"agenda": limitText, "minutes": limitLong,
}

// MaxLength is the most characters a command's text field of this JSON name
// may hold; 0 when the field has no limit of its own (enums).
func MaxLength(field string) int { return maxLengths[field] }

// checkLength refuses a text longer than its field's limit; checkValue calls
// it for every text of a command or a correction.
func checkLength(at, name, s string) error {
	limit := maxLengths[name]
	if limit == 0 || len(s) <= limit { // a string of n bytes has at most n characters
		return nil
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return ErrTooLong.at(at, "%s is %d characters long; at most %d are allowed", at, n, limit)
	}
	return nil
}
