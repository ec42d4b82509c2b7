package followup

import (
	"slices"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections"
)

// Name is the checkpoint key of the follow-up view.
const Name = "followup"

// Sent is one reminder recorded in the log.
type Sent struct {
	domain.ReminderSent
	OperationID    uuid.UUID             `json:"operation_id"`
	About          domain.Ref            `json:"record"`
	At             time.Time             `json:"at"`
	Classification domain.Classification `json:"classification"`
}

// Key is the reminder's identity: the same as the Key of the Reminder it
// was sent for.
func (s Sent) Key() string {
	return key(s.Rule, s.About, s.PersonID, s.Occurrence)
}

// View holds, per operation, the follow-up rules and the reminders sent.
type View struct {
	sync.RWMutex
	rules    map[uuid.UUID]domain.FollowUpRules
	sent     map[uuid.UUID][]Sent // operation -> reminders in log order
	keys     map[string]bool
	language map[uuid.UUID]domain.Language // contact -> language
	erased   map[uuid.UUID]bool            // persons
	feeds    map[string]*Feed              // token SHA-256 -> feed
	feedIDs  map[uuid.UUID]*Feed
	webhooks map[uuid.UUID]string // operation -> URL
	owed     owed                 // reminders recorded, not yet delivered (delivery.go)
}

// Feed is a calendar feed: an operation's, or one component's within it.
type Feed struct {
	ID          uuid.UUID
	OperationID uuid.UUID
	ComponentID uuid.UUID // zero: the whole operation
	Label       string
	Revoked     bool
}

// NewView returns an empty view.
func NewView() *View {
	return &View{rules: map[uuid.UUID]domain.FollowUpRules{}, sent: map[uuid.UUID][]Sent{},
		keys: map[string]bool{}, language: map[uuid.UUID]domain.Language{}, erased: map[uuid.UUID]bool{},
		feeds: map[string]*Feed{}, feedIDs: map[uuid.UUID]*Feed{}, webhooks: map[uuid.UUID]string{}, owed: newOwed()}
}

func (*View) Name() string { return Name }

// Apply implements projections.Projection.
func (v *View) Apply(e *projections.Event) error {
	switch p := e.Payload.(type) {
	case domain.OperationFollowUpRulesSet:
		v.rules[e.Ref.ID] = p.Rules()
	case domain.ReminderSent:
		s := Sent{ReminderSent: p, OperationID: e.Env.OperationID, About: e.Ref, At: e.Env.OccurredAt,
			Classification: e.Env.Classification}
		v.sent[s.OperationID] = append(v.sent[s.OperationID], s)
		k := s.Key()
		v.keys[k] = true
		v.owed.add(s.OperationID, k, recorded{event: e.ID, at: s.At, channel: p.Channel})
	case domain.ReminderDelivered:
		v.owed.remove(e.Env.OperationID, p.Reminders)
	case domain.ContactLanguageSet:
		v.language[e.Ref.ID] = p.Language
	case domain.PersonErased:
		v.erased[e.Ref.ID] = true
	case domain.OperationCalendarFeedIssued:
		f := &Feed{ID: p.FeedID, OperationID: e.Ref.ID, ComponentID: p.ComponentID, Label: p.Label}
		v.feeds[p.TokenSHA256], v.feedIDs[p.FeedID] = f, f
	case domain.OperationWebhookSet:
		v.webhooks[e.Ref.ID] = p.URL
	case domain.OperationWebhookRemoved:
		delete(v.webhooks, e.Ref.ID)
	case domain.OperationCalendarFeedRevoked:
		if f := v.feedIDs[p.FeedID]; f != nil {
			f.Revoked = true
		}
	}
	return nil
}

// Rules returns the operation's follow-up rules: the defaults until its
// officers set their own.
func (v *View) Rules(op uuid.UUID) domain.FollowUpRules {
	v.RLock()
	defer v.RUnlock()
	if r, ok := v.rules[op]; ok {
		return r
	}
	return domain.DefaultFollowUpRules()
}

// SentIn lists the reminders sent in an operation, oldest first.
func (v *View) SentIn(op uuid.UUID) []Sent {
	v.RLock()
	defer v.RUnlock()
	return slices.Clone(v.sent[op])
}

// WasSent reports whether the reminder with this key is in the log.
func (v *View) WasSent(key string) bool {
	v.RLock()
	defer v.RUnlock()
	return v.keys[key]
}

// Language is the contact's reminder language, English by default.
func (v *View) Language(contact uuid.UUID) domain.Language {
	v.RLock()
	defer v.RUnlock()
	if l, ok := v.language[contact]; ok {
		return l
	}
	return domain.LangEnglish
}

// Erased reports whether the person was erased: they are never reminded again.
func (v *View) Erased(person uuid.UUID) bool {
	v.RLock()
	defer v.RUnlock()
	return v.erased[person]
}

// FeedByToken finds the live feed whose token hashes to sha256hex; a
// revoked or unknown one is not found.
func (v *View) FeedByToken(sha256hex string) (Feed, bool) {
	v.RLock()
	defer v.RUnlock()
	f := v.feeds[sha256hex]
	if f == nil || f.Revoked {
		return Feed{}, false
	}
	return *f, true
}

// Record is what the visibility policy needs of a sent reminder: it is as
// restricted as the record it is about.
func (s Sent) Record() (uuid.UUID, domain.Classification) { return s.OperationID, s.Classification }

// Webhook is the operation's webhook URL, empty when it has none.
func (v *View) Webhook(op uuid.UUID) string {
	v.RLock()
	defer v.RUnlock()
	return v.webhooks[op]
}

// Feeds lists the operation's calendar feeds, revoked ones included.
func (v *View) Feeds(op uuid.UUID) []Feed {
	v.RLock()
	defer v.RUnlock()
	var out []Feed
	for _, f := range v.feedIDs {
		if f.OperationID == op {
			out = append(out, *f)
		}
	}
	slices.SortFunc(out, func(a, b Feed) int { return slices.Compare(a.ID[:], b.ID[:]) })
	return out
}
