// Package domain is the coordination model of the ledger: aggregates (operations,
// components, projects, contacts, mechanisms, meetings, decisions, action points,
// compliance issues, escalations, lessons), the commands that change them, the
// invariants those commands enforce, and the versioned events they record.
//
// It is pure: no I/O, no clock, no database. An aggregate is a fold over its
// events (apply only assigns fields); a command validates against the folded
// state and the facts it needs from other aggregates (given through Lookup)
// and returns new events or an *Error with a stable code.
//
// Every event type is an explicit, versioned string registered in one
// catalogue (Catalogue, CatalogueMarkdown, CatalogueJSON). Older versions are
// upcast in one place, DecodePayload, when events are read.
package domain
