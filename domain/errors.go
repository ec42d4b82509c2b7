package domain

import "fmt"

// ErrorKind tells the HTTP layer which family of status a domain error maps to.
type ErrorKind string

const (
	KindValidation ErrorKind = "validation" // the input is malformed or incomplete
	KindConflict   ErrorKind = "conflict"   // the input is fine but the current state forbids it
	KindNotFound   ErrorKind = "not_found"  // a referenced record does not exist
	KindForbidden  ErrorKind = "forbidden"  // the actor may not do this
)

// Error is a domain rule broken. Code is stable (clients and tests match on
// it); Message is for the officer and says what to do; Field is the input path
// at fault for validation errors.
type Error struct {
	Code    string    `json:"code"`
	Kind    ErrorKind `json:"kind"`
	Message string    `json:"message"`
	Field   string    `json:"field,omitempty"`
	// Allowed lists the values the field accepts, when the message alone
	// would leave a client guessing (the fields a correction may change).
	Allowed []string `json:"allowed,omitempty"`
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s (%s): %s", e.Code, e.Field, e.Message)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Is matches two domain errors by code, so errors.Is(err, ErrNotFound) works
// whatever the message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// withf returns a copy of the sentinel with a specific message.
func (e *Error) withf(format string, args ...any) *Error {
	c := *e
	c.Message = fmt.Sprintf(format, args...)
	return &c
}

// at returns a copy of the sentinel naming the offending field.
func (e *Error) at(field, format string, args ...any) *Error {
	c := e.withf(format, args...)
	c.Field = field
	return c
}

func sentinel(code string, kind ErrorKind, msg string) *Error {
	return &Error{Code: code, Kind: kind, Message: msg}
}

// Generic errors shared by every aggregate.
var (
	ErrInvalid          = sentinel("input.invalid", KindValidation, "the input is invalid")
	ErrRequired         = sentinel("input.required", KindValidation, "a required field is missing")
	ErrTooLong          = sentinel("input.too_long", KindValidation, "a text is longer than its field allows")
	ErrInvalidText      = sentinel("input.invalid_text", KindValidation, "a text holds invalid UTF-8, control characters or bidirectional overrides")
	ErrNilID            = sentinel("input.nil_id", KindValidation, "the nil UUID names no record")
	ErrDateOutOfRange   = sentinel("input.date_out_of_range", KindValidation, "a date lies outside 1900 to 2200")
	ErrFutureOccurrence = sentinel("input.occurred_in_future", KindValidation, "the occurred time is in the future")
	ErrNotFound         = sentinel("record.not_found", KindNotFound, "the record does not exist")
	ErrAlreadyExists    = sentinel("record.already_exists", KindConflict, "the record already exists")
	ErrWrongOperation   = sentinel("record.wrong_operation", KindConflict, "the record belongs to another operation")
	ErrOperationClosed  = sentinel("operation.closed", KindConflict, "the operation is closed")
	ErrWrongState       = sentinel("state.transition_refused", KindConflict, "the record is not in a state that allows this")
	ErrUnknownEventType = sentinel("event.unknown_type", KindValidation, "the event type is not in the catalogue")
	ErrEventNotInStream = sentinel("correction.event_not_found", KindNotFound, "the corrected event is not in this record")
	ErrNotCorrectable   = sentinel("correction.field_not_correctable", KindValidation, "the field is not one a correction of this event can change")
	ErrNothingCorrected = sentinel("correction.changes_nothing", KindValidation, "the correction changes nothing")
)

// Operation and component errors.
var (
	ErrNotConvenerKind      = sentinel("operation.convener_kind_not_allowed", KindConflict, "the convening rule does not allow this kind of component")
	ErrRungUnknown          = sentinel("operation.rung_unknown", KindValidation, "the rung is not on the operation's escalation ladder")
	ErrComponentNotActive   = sentinel("component.not_active", KindConflict, "the component has not joined or has withdrawn")
	ErrComponentWithdrawn   = sentinel("component.withdrawn", KindConflict, "the component has withdrawn")
	ErrMechanismInactive    = sentinel("mechanism.dissolved", KindConflict, "the mechanism is dissolved")
	ErrMinutesFrozen        = sentinel("meeting.minutes_frozen", KindConflict, "approved minutes change only by a correction with a reason")
	ErrConsensusBroken      = sentinel("decision.consensus_broken", KindConflict, "the mechanism decides by consensus and an objection was raised")
	ErrEndorserNotHigher    = sentinel("decision.endorser_not_higher", KindConflict, "endorsement must come from a higher-level mechanism")
	ErrNotReassignable      = sentinel("actionpoint.not_reassignable", KindConflict, "the action point is closed and cannot be reassigned")
	ErrReasonRequired       = sentinel("input.reason_required", KindValidation, "a reason is required")
	ErrAllegationForbidden  = sentinel("compliance.allegation_forbidden", KindValidation, "this category is handled by the competent body; record only a case reference")
	ErrOpenMeasures         = sentinel("compliance.open_measures", KindConflict, "agreed corrective measures are still open")
	ErrRungNotHigher        = sentinel("escalation.rung_not_higher", KindConflict, "an escalation must go to a higher rung than the last")
	ErrAlreadyResponded     = sentinel("lesson.already_responded", KindConflict, "the recommendation already has a response")
	ErrCorrectionOfMinutes  = sentinel("meeting.minutes_not_approved", KindConflict, "only approved minutes are corrected; circulate a new version instead")
	ErrDecisionNotInForce   = sentinel("decision.not_in_force", KindConflict, "the decision is not in force")
	ErrMeasureUnknown       = sentinel("compliance.measure_unknown", KindNotFound, "no such corrective measure on this issue")
	ErrSelfReference        = sentinel("input.self_reference", KindValidation, "a record cannot refer to itself")
	ErrIdempotencyKeyAbsent = sentinel("input.idempotency_key_required", KindValidation, "every command needs an idempotency key")
)

// Conflict errors (changes recorded offline that met someone else's change).
var (
	ErrNoCollision      = sentinel("conflict.no_collision", KindConflict, "the change collides with nothing newer; send it as it is")
	ErrNotAConflict     = sentinel("conflict.not_found", KindNotFound, "the event is not a conflict of this record")
	ErrConflictResolved = sentinel("conflict.already_resolved", KindConflict, "the conflict is already resolved")
)
