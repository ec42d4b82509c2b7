package domain

import (
	"reflect"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// Every text a command body carries has a length limit, or is an enum whose
// values are listed: a new field cannot slip in unbounded.
func TestEveryCommandTextHasALimit(t *testing.T) {
	t.Parallel()
	for _, c := range Commands() {
		for _, f := range JSONFields(c.Type) {
			textFieldsHaveLimits(t, c.Name, f)
		}
	}
}

func textFieldsHaveLimits(t *testing.T, cmd string, f JSONField) {
	t.Helper()
	ft := f.Type
	if ft.Kind() == reflect.Slice {
		ft = ft.Elem()
	}
	switch {
	case ft.Kind() == reflect.String && EnumValues(ft) == nil:
		require.Positive(t, MaxLength(f.Name), "%s: %s has no length limit", cmd, f.Name)
	case ft.Kind() == reflect.Struct:
		for _, sub := range JSONFields(ft) {
			textFieldsHaveLimits(t, cmd, sub)
		}
	}
}

// Given an operation, when a command carries a text over its field's limit,
// then it is refused naming the field (nested ones by their JSON path); a
// text of exactly the limit in characters passes, however many bytes.
func TestTextsOverTheirLimitAreRefused(t *testing.T) {
	t.Parallel()
	title, name := MaxLength("title"), MaxLength("name")
	cases := []struct {
		name  string
		cmd   func(f *fixture) Command
		field string // "" when accepted
	}{
		{"title at the limit, in two-byte letters", func(f *fixture) Command {
			return RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: strings.Repeat("é", title)}
		}, ""},
		{"title one over", func(f *fixture) Command {
			return RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: strings.Repeat("a", title+1)}
		}, "title"},
		{"idempotency key too long", func(f *fixture) Command {
			h := f.hdr()
			h.IdempotencyKey = strings.Repeat("k", MaxLength("idempotency_key")+1)
			return RaiseActionPoint{Header: h, ID: uuid.New(), Title: "ORPs"}
		}, "idempotency_key"},
		{"embedded owner name", func(f *fixture) Command {
			return RaiseActionPoint{Header: f.hdr(), ID: uuid.New(), Title: "ORPs",
				Owner: Owner{ComponentID: f.hns, Name: strings.Repeat("n", MaxLength("owner_name")+1)}}
		}, "owner_name"},
		{"second attendee's name", func(f *fixture) Command {
			return HoldMeeting{Header: f.hdr(), ID: f.meeting, Attendees: []Attendee{
				{uuid.New(), "A", f.hns}, {uuid.New(), strings.Repeat("ب", name+1), f.icrc}}}
		}, "attendees[1].name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := standard(t)
			evs, err := f.when(tc.cmd(f))
			if tc.field == "" {
				require.NoError(t, err)
				return
			}
			de := thenRefused(t, evs, err, ErrTooLong)
			require.Equal(t, tc.field, de.Field)
			require.Contains(t, de.Message, "at most")
		})
	}
}
