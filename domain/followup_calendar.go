package domain

import (
	"encoding/hex"

	"github.com/google/uuid"
)

// A calendar feed is an unguessable URL (a random token) that serves an
// operation's due dates and meetings to Outlook or Google Calendar. Only the
// token's SHA-256 is recorded, so the log gives nobody the URL; revoking it
// is an event too, and a revoked URL answers 404.

// OperationCalendarFeedIssued records a new calendar feed.
type OperationCalendarFeedIssued struct {
	FeedID      uuid.UUID `json:"feed_id" doc:"id of the feed, to revoke it"`
	TokenSHA256 string    `json:"token_sha256" doc:"hex SHA-256 of the feed URL's secret token; never the token"`
	ComponentID uuid.UUID `json:"component_id,omitzero" doc:"the component whose action points the feed holds; none: the whole operation"`
	Label       string    `json:"label,omitempty" doc:"what the feed is for, e.g. 'PNS health desk Outlook'"`
}

// OperationCalendarFeedRevoked ends a calendar feed: its URL answers 404.
type OperationCalendarFeedRevoked struct {
	FeedID uuid.UUID `json:"feed_id" doc:"feed revoked"`
	Reason string    `json:"reason" doc:"why, e.g. 'URL shared by mistake'"`
}

func (OperationCalendarFeedIssued) EventType() string  { return "operation.calendar_feed_issued.v1" }
func (OperationCalendarFeedRevoked) EventType() string { return "operation.calendar_feed_revoked.v1" }

var calendarEvents = []eventSpec{
	spec[OperationCalendarFeedIssued](KindOperation, "A calendar feed (iCalendar URL) of the operation's due dates and meetings was issued."),
	spec[OperationCalendarFeedRevoked](KindOperation, "A calendar feed was revoked; its URL no longer answers."),
}

// IssueCalendarFeed records a calendar feed. The caller draws the token and
// sends its SHA-256 only.
type IssueCalendarFeed struct {
	Header
	ID          uuid.UUID `json:"id"`
	FeedID      uuid.UUID `json:"feed_id"`
	TokenSHA256 string    `json:"token_sha256"`
	ComponentID uuid.UUID `json:"component_id"`
	Label       string    `json:"label"`
}

func (c IssueCalendarFeed) Target() Ref { return Ref{KindOperation, c.ID} }

func (c IssueCalendarFeed) decide(s *Scope) ([]Payload, error) {
	if b, err := hex.DecodeString(c.TokenSHA256); err != nil || len(b) != 32 {
		return nil, ErrInvalid.at("token_sha256", "token_sha256 is the hex SHA-256 of the token (64 hex digits)")
	}
	if c.FeedID == uuid.Nil {
		return nil, ErrRequired.at("feed_id", "give the feed an id")
	}
	if _, known := feedOf(s, c.FeedID); known {
		return nil, ErrAlreadyExists.at("feed_id", "feed %s was already issued", c.FeedID)
	}
	if c.ComponentID != uuid.Nil {
		if _, err := s.activeComponent(c.ComponentID, "component_id"); err != nil {
			return nil, err
		}
	}
	return one(OperationCalendarFeedIssued{FeedID: c.FeedID, TokenSHA256: c.TokenSHA256, ComponentID: c.ComponentID, Label: c.Label})
}

// RevokeCalendarFeed ends a calendar feed.
type RevokeCalendarFeed struct {
	Header
	ID     uuid.UUID `json:"id"`
	FeedID uuid.UUID `json:"feed_id"`
	Reason string    `json:"reason" required:"reason"`
}

func (c RevokeCalendarFeed) Target() Ref { return Ref{KindOperation, c.ID} }

func (c RevokeCalendarFeed) decide(s *Scope) ([]Payload, error) {
	revoked, known := feedOf(s, c.FeedID)
	switch {
	case !known:
		return nil, ErrNotFound.at("feed_id", "the operation has no calendar feed %s", c.FeedID)
	case revoked:
		return nil, ErrWrongState.at("feed_id", "calendar feed %s is already revoked", c.FeedID)
	}
	return one(OperationCalendarFeedRevoked{FeedID: c.FeedID, Reason: c.Reason})
}

// feedOf reads the operation's history for a feed: the operation state
// keeps no feeds, since no other rule needs them.
func feedOf(s *Scope, feed uuid.UUID) (revoked, known bool) {
	for _, ev := range s.Op.history {
		switch e := ev.Payload.(type) {
		case OperationCalendarFeedIssued:
			known = known || e.FeedID == feed
		case OperationCalendarFeedRevoked:
			revoked = revoked || e.FeedID == feed
		}
	}
	return revoked, known
}
