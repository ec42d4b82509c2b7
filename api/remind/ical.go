package remind

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/followup"
	"github.com/movementcoord/ledger/projections/readmodel"
	"github.com/movementcoord/ledger/projections/views"
)

// Calendar renders a feed as an iCalendar object (RFC 5545) that Outlook and
// Google Calendar subscribe to: the due dates of the open action points (the
// component's own, for a component's feed) and the operation's meetings
// (the component's mechanisms'). A feed URL is a bearer link that may end
// up anywhere, so it holds public and Movement-internal records only. All
// times are UTC; UIDs are stable per record, so an update replaces the entry.
func Calendar(feed followup.Feed, set *readmodel.Set, now time.Time) []byte {
	op, _ := set.Operations.Get(feed.OperationID)
	c := &calendar{stamp: now.UTC()}
	c.line("BEGIN:VCALENDAR")
	c.line("VERSION:2.0")
	c.line("PRODID:-//Movement coordination//Ledger follow-up//EN")
	c.line("CALSCALE:GREGORIAN")
	c.line("METHOD:PUBLISH")
	c.text("X-WR-CALNAME", op.Name)
	owners := map[string]string{}
	for _, comp := range set.Components.Map(feed.OperationID) {
		owners[comp.ID.String()] = comp.Name
	}
	for _, a := range set.Actions.List(feed.OperationID, views.ActionFilter{}) {
		if a.State.Final() || a.DueAt.IsZero() || !feedable(a.Classification) ||
			(feed.ComponentID != uuid.Nil && a.Owner.ComponentID != feed.ComponentID) {
			continue
		}
		c.event(vevent{uid: "actionpoint-" + a.ID.String(), start: a.DueAt, end: a.DueAt.Add(30 * time.Minute),
			summary: "Due: " + a.Title, description: fmt.Sprintf("Action point of %s, owned by %s (%s, %d%%).",
				op.Name, owners[a.Owner.ComponentID.String()], a.State, a.Percent), category: "ACTION POINT"})
	}
	for _, m := range set.Mechanisms.List(feed.OperationID) {
		if feed.ComponentID != uuid.Nil && !slices.Contains(m.Members, feed.ComponentID) {
			continue
		}
		for _, mt := range set.Mechanisms.Meetings(feed.OperationID, m.ID) {
			if mt.ScheduledFor.IsZero() || !feedable(mt.Classification) {
				continue
			}
			c.event(vevent{uid: "meeting-" + mt.ID.String(), start: mt.ScheduledFor, end: mt.ScheduledFor.Add(2 * time.Hour),
				summary: mt.Title, description: m.Name, location: mt.Location, category: "MEETING",
				cancelled: mt.State == domain.MtgCancelled})
		}
	}
	c.line("END:VCALENDAR")
	return c.buf.Bytes()
}

func feedable(class domain.Classification) bool {
	return class == domain.ClassPublic || class == domain.ClassMovement || class == ""
}

type vevent struct {
	uid, summary, description, location, category string
	start, end                                    time.Time
	cancelled                                     bool
}

type calendar struct {
	buf   bytes.Buffer
	stamp time.Time
}

const icsTime = "20060102T150405Z"

func (c *calendar) event(e vevent) {
	c.line("BEGIN:VEVENT")
	c.line("UID:" + e.uid + "@coordination-ledger")
	c.line("DTSTAMP:" + c.stamp.Format(icsTime))
	c.line("DTSTART:" + e.start.UTC().Format(icsTime))
	c.line("DTEND:" + e.end.UTC().Format(icsTime))
	c.text("SUMMARY", e.summary)
	if e.description != "" {
		c.text("DESCRIPTION", e.description)
	}
	if e.location != "" {
		c.text("LOCATION", e.location)
	}
	c.line("CATEGORIES:" + e.category)
	if e.cancelled {
		c.line("STATUS:CANCELLED")
	} else {
		c.line("STATUS:CONFIRMED")
	}
	c.line("TRANSP:TRANSPARENT")
	c.line("END:VEVENT")
}

// text writes a TEXT property, escaped (RFC 5545 3.3.11).
func (c *calendar) text(name, value string) {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	c.line(name + ":" + r.Replace(value))
}

// line writes a content line folded at 75 octets, never inside a UTF-8
// sequence, each continuation starting with a space (RFC 5545 3.1).
func (c *calendar) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		c.buf.WriteString(s[:cut])
		c.buf.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	c.buf.WriteString(s)
	c.buf.WriteString("\r\n")
}
