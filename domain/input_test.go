package domain

import (
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// Given an operation, when a command carries text, ids or dates no officer
// meant to record, then it is refused with a field error naming the JSON
// path, and nothing is decided; ordinary text in any script passes.
func TestInputThatIsNotTextIdsOrDatesIsRefused(t *testing.T) {
	t.Parallel()
	raise := func(f *fixture, title, description string) Command {
		return RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: title, Description: description,
			Owner: Owner{ComponentID: f.hns}}
	}
	cases := []struct {
		name  string
		cmd   func(f *fixture) Command
		want  *Error // nil when accepted
		field string
	}{
		{"Arabic, accents and emoji pass", func(f *fixture) Command {
			return raise(f, "توزيع الخيام — café ⛺", "line one\nline two\r\n\tindented")
		}, nil, ""},
		{"invalid UTF-8 in a title", func(f *fixture) Command { return raise(f, "Deploy \xff\xfe ORPs", "") }, ErrInvalidText, "title"},
		{"U+FFFD, what a decoder makes of invalid UTF-8", func(f *fixture) Command { return raise(f, "Deploy \uFFFD", "") }, ErrInvalidText, "title"},
		{"NUL in a long text", func(f *fixture) Command { return raise(f, "ORPs", "a\x00b") }, ErrInvalidText, "description"},
		{"escape in a long text", func(f *fixture) Command { return raise(f, "ORPs", "a\x1b[2Jb") }, ErrInvalidText, "description"},
		{"C1 control in a title", func(f *fixture) Command { return raise(f, "ORPs\u0085", "") }, ErrInvalidText, "title"},
		{"newline in a short text", func(f *fixture) Command { return raise(f, "ORPs\nsecond line", "") }, ErrInvalidText, "title"},
		{"tab in a short text", func(f *fixture) Command { return raise(f, "ORPs\tx", "") }, ErrInvalidText, "title"},
		{"right-to-left override in a title", func(f *fixture) Command { return raise(f, "invoice\u202Efdp.exe", "") }, ErrInvalidText, "title"},
		{"isolate in a title", func(f *fixture) Command { return raise(f, "a\u2066b\u2069", "") }, ErrInvalidText, "title"},
		{"right-to-left override in a long text passes", func(f *fixture) Command { return raise(f, "ORPs", "\u202Bنص\u202C") }, nil, ""},
		{"control character in the idempotency key", func(f *fixture) Command {
			h := f.hdr()
			h.IdempotencyKey = "key\x07"
			return RaiseActionPoint{Header: h, ID: uuid.New(), Title: "ORPs", Owner: Owner{ComponentID: f.hns}}
		}, ErrInvalidText, "idempotency_key"},
		{"bidi override in a nested attendee's name", func(f *fixture) Command {
			return HoldMeeting{Header: f.hdr(), ID: f.meeting, Attendees: []Attendee{
				{uuid.New(), "Amal", f.hns}, {uuid.New(), "\u202Eevil", f.icrc}}}
		}, ErrInvalidText, "attendees[1].name"},
		{"nil UUID in a list", func(f *fixture) Command {
			return AdoptDecision{Header: f.hdr(), ID: f.proposed, Procedure: ProcedureWritten, AgreedBy: []uuid.UUID{f.hns, uuid.Nil}}
		}, ErrNilID, "agreed_by[1]"},
		{"date before 1900", func(f *fixture) Command {
			return RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: "ORPs", Owner: Owner{ComponentID: f.hns},
				DueAt: time.Date(26, 3, 1, 0, 0, 0, 0, time.UTC)}
		}, ErrDateOutOfRange, "due_at"},
		{"date from 2200", func(f *fixture) Command {
			return RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: "ORPs", Owner: Owner{ComponentID: f.hns},
				DueAt: time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)}
		}, ErrDateOutOfRange, "due_at"},
		{"occurred before 1900", func(f *fixture) Command {
			h := f.hdr()
			h.OccurredAt = time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC)
			return RaiseActionPoint{Header: h, ID: uuid.New(), Title: "ORPs", Owner: Owner{ComponentID: f.hns}}
		}, ErrDateOutOfRange, "occurred_at"},
		{"control character in a correction's changes", func(f *fixture) Command {
			return CorrectEvent{Header: f.hdr(), Record: Ref{KindDecision, f.decision}, Reason: "typo",
				Changes: []byte(`{"title":"Chol\u0000era"}`)}
		}, ErrInvalidText, "changes.title"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			evs, err := f.when(tc.cmd(f))
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			de := thenRefused(t, evs, err, tc.want)
			require.Equal(t, tc.field, de.Field)
		})
	}
}
