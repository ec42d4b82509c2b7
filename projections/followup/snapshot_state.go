package followup

import (
	"github.com/movementcoord/ledger/domain"
)

// Each part of the view's state, written and read in the same order.

func (v *View) writeRules(e *enc) {
	e.uvarint(uint64(len(v.rules)))
	for _, op := range sortedIDs(v.rules) {
		r := v.rules[op]
		e.uuid(op)
		for _, days := range []int{r.RemindBeforeDays, r.OverdueEveryDays, r.AcknowledgeDays, r.AnswerDays, r.MinutesDays, r.DecisionIdleDays} {
			e.varint(int64(days))
		}
	}
}

func (v *View) readRules(d *dec) {
	for range d.count(16 + 6) {
		op := d.uuid()
		v.rules[op] = domain.FollowUpRules{RemindBeforeDays: d.int(), OverdueEveryDays: d.int(), AcknowledgeDays: d.int(),
			AnswerDays: d.int(), MinutesDays: d.int(), DecisionIdleDays: d.int()}
	}
}

// writeSent writes the reminders sent, by operation in log order, after
// their number (for the reader to size the keys once).
func (v *View) writeSent(e *enc) {
	e.uvarint(uint64(v.sentCount()))
	e.uvarint(uint64(len(v.sent)))
	for _, op := range sortedIDs(v.sent) {
		e.uuid(op)
		e.uvarint(uint64(len(v.sent[op])))
		for _, s := range v.sent[op] {
			e.str(string(s.Rule))
			e.varint(int64(s.Occurrence))
			e.uuid(s.PersonID)
			e.uuid(s.ComponentID)
			e.str(string(s.Channel))
			e.varint(int64(s.Days))
			e.str(string(s.About.Kind))
			e.uuid(s.About.ID)
			e.time(s.At)
			e.str(string(s.Classification))
		}
	}
}

// readSent reads the reminders and makes each one's key again.
func (v *View) readSent(d *dec) {
	v.keys = make(map[string]bool, d.count(3*16+9))
	for range d.count(16 + 1) {
		op := d.uuid()
		list := make([]Sent, d.count(3*16+9))
		for i := range list {
			s := &list[i]
			s.OperationID = op
			s.Rule, s.Occurrence = domain.ReminderRule(d.str()), d.int()
			s.PersonID, s.ComponentID = d.uuid(), d.uuid()
			s.Channel, s.Days = domain.Channel(d.str()), d.int()
			s.About = domain.Ref{Kind: domain.Kind(d.str()), ID: d.uuid()}
			s.At, s.Classification = d.time(), domain.Classification(d.str())
			v.keys[s.Key()] = true
		}
		v.sent[op] = list
	}
}

// writePeople writes the contacts' languages and the persons erased.
func (v *View) writePeople(e *enc) {
	e.uvarint(uint64(len(v.language)))
	for _, c := range sortedIDs(v.language) {
		e.uuid(c)
		e.str(string(v.language[c]))
	}
	e.uvarint(uint64(len(v.erased)))
	for _, p := range sortedIDs(v.erased) {
		e.uuid(p)
		e.flag(v.erased[p])
	}
}

func (v *View) readPeople(d *dec) {
	for range d.count(16 + 1) {
		c := d.uuid()
		v.language[c] = domain.Language(d.str())
	}
	for range d.count(16 + 1) {
		p := d.uuid()
		v.erased[p] = d.flag()
	}
}

// writeFeeds writes each calendar feed once, then which token and which id
// finds which: a feed re-issued under the same id keeps its older token
// pointing to the older feed, as Apply left it. The webhooks follow.
func (v *View) writeFeeds(e *enc) {
	index := map[*Feed]int{}
	var feeds []*Feed
	note := func(f *Feed) {
		if _, ok := index[f]; !ok {
			index[f] = len(feeds)
			feeds = append(feeds, f)
		}
	}
	ids, tokens := sortedIDs(v.feedIDs), sortedKeys(v.feeds)
	for _, id := range ids {
		note(v.feedIDs[id])
	}
	for _, tok := range tokens {
		note(v.feeds[tok])
	}
	e.uvarint(uint64(len(feeds)))
	for _, f := range feeds {
		e.uuid(f.ID)
		e.uuid(f.OperationID)
		e.uuid(f.ComponentID)
		e.str(f.Label)
		e.flag(f.Revoked)
	}
	e.uvarint(uint64(len(ids)))
	for _, id := range ids {
		e.uuid(id)
		e.uvarint(uint64(index[v.feedIDs[id]]))
	}
	e.uvarint(uint64(len(tokens)))
	for _, tok := range tokens {
		e.str(tok)
		e.uvarint(uint64(index[v.feeds[tok]]))
	}
	e.uvarint(uint64(len(v.webhooks)))
	for _, op := range sortedIDs(v.webhooks) {
		e.uuid(op)
		e.str(v.webhooks[op])
	}
}

func (v *View) readFeeds(d *dec) {
	feeds := make([]*Feed, d.count(3*16+2))
	for i := range feeds {
		feeds[i] = &Feed{ID: d.uuid(), OperationID: d.uuid(), ComponentID: d.uuid(), Label: d.str(), Revoked: d.flag()}
	}
	feed := func() *Feed {
		i := d.uvarint()
		if i >= uint64(len(feeds)) {
			d.fail("feed")
			return nil
		}
		return feeds[i]
	}
	for range d.count(16 + 1) {
		id := d.uuid()
		v.feedIDs[id] = feed()
	}
	for range d.count(2) {
		tok := d.str()
		v.feeds[tok] = feed()
	}
	for range d.count(16 + 1) {
		op := d.uuid()
		v.webhooks[op] = d.str()
	}
}
