package domain

import "strings"

// ErasureReason is the ground on which a person's data was erased. It is a
// code, never prose: the erasure event stays in the log for ever, and a
// sentence typed there ("as Sita asked on the phone") could keep the very
// person it erases identifiable.
type ErasureReason string

// The grounds for erasure (after GDPR article 17(1) and the Movement's data
// protection rules).
const (
	ErasureDataSubjectRequest ErasureReason = "data_subject_request" // the person asked
	ErasureConsentWithdrawn   ErasureReason = "consent_withdrawn"    // the person withdrew consent
	ErasureNoLongerNeeded     ErasureReason = "no_longer_needed"     // the purpose is over
	ErasureObjection          ErasureReason = "objection"            // the person objected to the processing
	ErasureUnlawful           ErasureReason = "unlawful_processing"  // it should never have been recorded
	ErasureLegalObligation    ErasureReason = "legal_obligation"     // a law or court requires it
)

// ErasureReasons lists every ground (from the enum table, which the API
// document reads too).
func ErasureReasons() []ErasureReason { return Values[ErasureReason]() }

// maxRequestRef bounds request_ref: a register reference, not a note.
const maxRequestRef = 40

// checkRequestRef keeps request_ref a reference into the data protection
// register (such as DPR-2026-014): letters, digits and - _ . / :, with at
// least one digit, no spaces and no @, so that it cannot hold a name or an
// email address. Where the request came from lives in that register, under
// its own access rules, not in the ledger.
func checkRequestRef(ref string) error {
	if ref == "" {
		return nil
	}
	ok := len(ref) <= maxRequestRef && strings.ContainsAny(ref, "0123456789")
	for _, r := range ref {
		ok = ok && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:", r))
	}
	if !ok {
		return ErrInvalid.at("request_ref", "request_ref is the request's reference in the data protection register, such as DPR-2026-014: "+
			"up to %d letters, digits and - _ . / :, with at least one digit; never a name, an email or a note", maxRequestRef)
	}
	return nil
}
