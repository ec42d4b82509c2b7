// Package domain is the coordination model of the ledger: aggregates (operations,
// components, projects, contacts, mechanisms, meetings, decisions, action points,
// compliance issues, escalations, lessons), the commands that change them, the
// invariants those commands enforce, and the versioned events they record.
//
// It is pure: standard library and github.com/google/uuid only, no I/O, no
// clock. The caller passes the time in (Decide's now) and loads other records
// through the Lookup interface.
//
// # Records and streams
//
// Each aggregate instance is one stream named "<kind>-<uuid>" (Ref.Stream,
// ParseStream). An aggregate is a fold: Fold applies stored events and never
// fails. Every record belongs to one operation, carried in each event's
// Envelope.OperationID.
//
// # Commands
//
// A command is a plain struct embedding Header (actor, occurred time,
// idempotency key, operation id, classification, correlation and causation
// ids) and naming its target record. Decide checks the header (a future
// occurred time beyond MaxClockSkew is refused), checks the record exists (or
// does not, for creating commands), refuses anything but lessons and
// corrections in a closed operation, then runs the command's own rules
// against the folded state and the facts it loads (is the owner component
// active, does the mechanism stand, which rungs does the ladder have). It
// returns events with their envelopes, or an *Error with a stable Code, a
// Kind for the HTTP status, a Message for the officer and the Field at fault.
//
// An event's classification is the one the command asks for, or its
// record's own, or the kind's default (confidential for compliance
// matters); never less restricted than its record (Base.Classification, the
// strictest of its events') nor than the records the command is about
// (Scope.about: an escalation's subject, an action point's decision, a
// lesson's link). Who may read what is package domain/visibility.
//
// # Events
//
// Every event type is an explicit, versioned string ("decision.adopted.v1")
// returned by its payload's EventType method and registered in the table of
// its aggregate; the tables are merged in one registry (catalogue.go).
// Catalogue, CatalogueMarkdown and CatalogueJSON describe every type from the
// payload structs' json, doc, personal and reporter tags. Personal fields (names,
// emails, phones) sit next to a person_id: the application service seals them
// under that person's key before they are written (package domain/personal),
// and erasing the person destroys the key.
//
// To change a payload incompatibly, add a new version (a new struct and type
// string), keep the old struct as a legacy spec, and register an upcaster in
// decode.go: DecodePayload is the one place where old versions become
// current ones (see contact.added.v1 -> v2). Legacy types are never written.
//
// "Overdue" is never an event: OverdueAt(due, closed, at) derives it when
// asked, and APStep is the one action-point state machine; the aggregate and
// the registers both call them (actionpoint_lifecycle.go).
//
// A correction (correction.recorded.v1) names the fields it changes, only
// the corrected event's own payload fields and occurred_at, with their
// values before and after; Fold folds the record again with the event
// patched (history.go), so commands decide on corrected values.
package domain
