package domain

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
)

// eventSpec is one row of an aggregate's event table.
type eventSpec struct {
	typ       string
	aggregate Kind
	doc       string
	goType    reflect.Type
	decode    func([]byte) (Payload, error)
	upcastTo  string   // set for legacy versions that are only read, never written
	upcast    upcaster // turns a stored legacy payload into the upcastTo version
}

// spec registers payload type T with a typed factory: decoding never goes
// through reflection on names, only through the explicit EventType string.
func spec[T Payload](agg Kind, doc string) eventSpec {
	var zero T
	return eventSpec{
		typ:       zero.EventType(),
		aggregate: agg,
		doc:       doc,
		goType:    reflect.TypeFor[T](),
		decode: func(b []byte) (Payload, error) {
			var v T
			err := json.Unmarshal(b, &v)
			return v, err
		},
	}
}

// KindAny marks events that may appear in any aggregate's stream (corrections).
const KindAny Kind = "*"

// registry is the one catalogue: every aggregate's table merged here.
var registry = buildRegistry(
	operationEvents, componentEvents, projectEvents, contactEvents, mechanismEvents,
	meetingEvents, decisionEvents, actionPointEvents, complianceEvents,
	escalationEvents, lessonEvents, personEvents, correctionEvents,
	followUpEvents, reminderEvents, reminderDeliveryEvents, contactLanguageEvents, calendarEvents, webhookEvents,
	conflictEvents,
)

type catalogue struct {
	ordered []eventSpec
	byType  map[string]eventSpec
}

func buildRegistry(tables ...[]eventSpec) catalogue {
	c := catalogue{byType: map[string]eventSpec{}}
	for _, t := range tables {
		for _, s := range t {
			if _, dup := c.byType[s.typ]; dup {
				panic("domain: event type registered twice: " + s.typ)
			}
			if (s.upcastTo == "") != (s.upcast == nil) {
				panic("domain: legacy event type without its upcaster: " + s.typ)
			}
			c.byType[s.typ] = s
			c.ordered = append(c.ordered, s)
		}
	}
	return c
}

// EventDoc describes one event type for readers of exports.
type EventDoc struct {
	Type        string     `json:"type"`
	Version     int        `json:"version"`
	Aggregate   string     `json:"aggregate"`
	Description string     `json:"description"`
	Fields      []FieldDoc `json:"fields"`
	UpcastTo    string     `json:"upcast_to,omitempty"`
}

// FieldDoc describes one payload field. Personal fields hold personal data,
// sealed per person before they are written and unreadable once the person
// is erased. Reporter fields say who reported a compliance issue: only
// reviewers and whoever recorded the report see them (domain/visibility).
type FieldDoc struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Meaning  string `json:"meaning"`
	Personal bool   `json:"personal,omitempty"`
	Reporter bool   `json:"reporter,omitempty"`
	Optional bool   `json:"optional,omitempty"`
}

// Catalogue lists every event type, generated from the payload structs.
func Catalogue() []EventDoc {
	docs := make([]EventDoc, 0, len(registry.ordered))
	for _, s := range registry.ordered {
		docs = append(docs, EventDoc{
			Type: s.typ, Version: versionOf(s.typ), Aggregate: string(s.aggregate),
			Description: s.doc, Fields: append([]FieldDoc{}, fieldsOf(s.goType, "")...), UpcastTo: s.upcastTo,
		})
	}
	return docs
}

// EventTypes lists every type name a current writer may produce or a reader may meet.
func EventTypes() []string {
	out := make([]string, 0, len(registry.ordered))
	for _, s := range registry.ordered {
		out = append(out, s.typ)
	}
	return out
}

func versionOf(typ string) int {
	i := strings.LastIndex(typ, ".v")
	if i < 0 {
		panic(fmt.Sprintf("domain: event type %q has no .vN suffix", typ))
	}
	n, err := strconv.Atoi(typ[i+2:])
	if err != nil {
		panic(fmt.Sprintf("domain: event type %q has no .vN suffix", typ))
	}
	return n
}
