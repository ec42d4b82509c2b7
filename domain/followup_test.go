package domain

import (
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

func TestSetFollowUpRules(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(SetFollowUpRules{Header: f.hdr(), ID: f.op,
		RemindBeforeDays: 2, OverdueEveryDays: 3, AcknowledgeDays: 1, AnswerDays: 4, MinutesDays: 6, DecisionIdleDays: 10,
		Reason: "weekly cycle is too slow in the emergency phase"})
	e := thenOne[OperationFollowUpRulesSet](t, evs, err)
	require.Equal(t, FollowUpRules{2, 3, 1, 4, 6, 10}, e.Rules())

	for _, bad := range []struct {
		field string
		cmd   SetFollowUpRules
	}{
		{"overdue_every_days", SetFollowUpRules{OverdueEveryDays: -1}},
		{"minutes_days", SetFollowUpRules{MinutesDays: maxFollowUpDays + 1}},
	} {
		bad.cmd.Header, bad.cmd.ID, bad.cmd.Reason = f.hdr(), f.op, "r"
		evs, err := f.when(bad.cmd)
		require.Equal(t, bad.field, thenRefused(t, evs, err, ErrInvalid).Field)
	}
	evs, err = f.when(SetFollowUpRules{Header: f.hdr(), ID: f.op})
	thenRefused(t, evs, err, ErrReasonRequired)
}

func TestDefaultFollowUpRulesAreValid(t *testing.T) {
	t.Parallel()
	require.NoError(t, DefaultFollowUpRules().check())
}

func TestRecordReminderOnAnyRecord(t *testing.T) {
	t.Parallel()
	f := standard(t)
	person := uuid.New()
	for _, ref := range []Ref{{KindMeeting, f.meeting}, {KindDecision, f.decision}} {
		evs, err := f.when(RecordReminder{Header: f.hdr(), Record: ref, Rule: RuleDecisionIdle,
			Occurrence: 1, PersonID: person, ComponentID: f.hns, Channel: ChannelEmail})
		e := thenOne[ReminderSent](t, evs, err)
		require.Equal(t, ReminderSent{Rule: RuleDecisionIdle, Occurrence: 1, PersonID: person, ComponentID: f.hns, Channel: ChannelEmail}, e)
	}
	refused := []struct {
		cmd  RecordReminder
		want *Error
	}{
		{RecordReminder{Rule: "whenever", Occurrence: 1, PersonID: person, Channel: ChannelEmail}, ErrInvalid},
		{RecordReminder{Rule: RuleOverdue, Occurrence: 0, PersonID: person, Channel: ChannelEmail}, ErrInvalid},
		{RecordReminder{Rule: RuleOverdue, Occurrence: 1, Channel: ChannelEmail}, ErrRequired},
		{RecordReminder{Rule: RuleOverdue, Occurrence: 1, PersonID: person, Channel: "pigeon"}, ErrInvalid},
	}
	for _, r := range refused {
		r.cmd.Header, r.cmd.Record = f.hdr(), Ref{KindMeeting, f.meeting}
		evs, err := f.when(r.cmd)
		thenRefused(t, evs, err, r.want)
	}
	evs, err := f.when(RecordReminder{Header: f.hdr(), Record: Ref{KindMeeting, uuid.New()}, Rule: RuleOverdue,
		Occurrence: 1, PersonID: person, Channel: ChannelEmail})
	thenRefused(t, evs, err, ErrNotFound)
}

func TestSetContactLanguage(t *testing.T) {
	t.Parallel()
	f := standard(t)
	contact := uuid.New()
	f.given(Ref{KindContact, contact}, ContactAdded{PersonID: uuid.New(), GivenName: "Awa", ComponentID: f.hns})
	evs, err := f.when(SetContactLanguage{Header: f.hdr(), ID: contact, Language: LangFrench})
	require.Equal(t, ContactLanguageSet{Language: LangFrench}, thenOne[ContactLanguageSet](t, evs, err))
	evs, err = f.when(SetContactLanguage{Header: f.hdr(), ID: contact, Language: "klingon"})
	thenRefused(t, evs, err, ErrInvalid)
	f.given(Ref{KindContact, contact}, ContactRemoved{Reason: "left"})
	evs, err = f.when(SetContactLanguage{Header: f.hdr(), ID: contact, Language: LangFrench})
	thenRefused(t, evs, err, ErrWrongState)
}

func TestCalendarFeeds(t *testing.T) {
	t.Parallel()
	f := standard(t)
	feed, hash := uuid.New(), strings.Repeat("ab", 32)
	evs, err := f.when(IssueCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: feed, TokenSHA256: hash, ComponentID: f.pns})
	require.Equal(t, OperationCalendarFeedIssued{FeedID: feed, TokenSHA256: hash, ComponentID: f.pns},
		thenOne[OperationCalendarFeedIssued](t, evs, err))
	f.given(Ref{KindOperation, f.op}, OperationCalendarFeedIssued{FeedID: feed, TokenSHA256: hash})

	evs, err = f.when(IssueCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: feed, TokenSHA256: hash})
	thenRefused(t, evs, err, ErrAlreadyExists)
	evs, err = f.when(IssueCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: uuid.New(), TokenSHA256: "the-token-itself"})
	thenRefused(t, evs, err, ErrInvalid)
	evs, err = f.when(IssueCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: uuid.New(), TokenSHA256: hash, ComponentID: f.gone})
	thenRefused(t, evs, err, ErrComponentNotActive)

	evs, err = f.when(RevokeCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: feed, Reason: "URL shared by mistake"})
	require.Equal(t, feed, thenOne[OperationCalendarFeedRevoked](t, evs, err).FeedID)
	f.given(Ref{KindOperation, f.op}, OperationCalendarFeedRevoked{FeedID: feed, Reason: "r"})
	evs, err = f.when(RevokeCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: feed, Reason: "again"})
	thenRefused(t, evs, err, ErrWrongState)
	evs, err = f.when(RevokeCalendarFeed{Header: f.hdr(), ID: f.op, FeedID: uuid.New(), Reason: "unknown"})
	thenRefused(t, evs, err, ErrNotFound)
}

func TestWebhook(t *testing.T) {
	t.Parallel()
	f := standard(t)
	evs, err := f.when(SetWebhook{Header: f.hdr(), ID: f.op, URL: "https://tools.example/hooks/ledger"})
	require.Equal(t, "https://tools.example/hooks/ledger", thenOne[OperationWebhookSet](t, evs, err).URL)
	for _, bad := range []string{"ftp://tools.example/x", "/relative", "https://user:pw@tools.example/x", "https://"} {
		evs, err := f.when(SetWebhook{Header: f.hdr(), ID: f.op, URL: bad})
		require.Equal(t, "url", thenRefused(t, evs, err, ErrInvalid).Field, bad)
	}
	evs, err = f.when(RemoveWebhook{Header: f.hdr(), ID: f.op, Reason: "tool retired"})
	thenRefused(t, evs, err, ErrWrongState)
	f.given(Ref{KindOperation, f.op}, OperationWebhookSet{URL: "https://tools.example/h"})
	evs, err = f.when(RemoveWebhook{Header: f.hdr(), ID: f.op, Reason: "tool retired"})
	thenOne[OperationWebhookRemoved](t, evs, err)
}
