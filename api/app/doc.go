// Package app is the application service: the one write path of the ledger.
// The HTTP API and the `ledger demo` command call it; nothing else appends.
//
// Usage:
//
//	svc := app.New(store)                         // store is any eventstore.Store
//	res, err := svc.Execute(ctx, domain.RaiseActionPoint{
//		Header: domain.Header{Actor: actor, IdempotencyKey: key, OperationID: op},
//		Title:  "Deploy ORPs", Owner: domain.Owner{ComponentID: hns},
//	})
//	// res.Ref is the record (its id chosen when the command left it zero),
//	// res.Version and res.Position say where the append landed,
//	// res.Duplicate is true when the key had been seen and nothing was written.
//
// Callers without Go types (HTTP handlers, scripts) use ExecuteNamed with a
// command name from domain.CommandNames and a snake_case JSON body, e.g.
// "actionpoint.reassign" with {"actor":{...},"idempotency_key":"...","id":"...",
// "owner_component_id":"...","reason":"..."}. Load returns a record's folded
// state. Result encodes to JSON as {ref, stream, version, position, duplicate}.
//
// Execute loads the target stream, folds it, lets the domain decide (loading
// any other record a rule needs through the same store), and appends with the
// expected version: NoStream for a new record, Exact(version) otherwise. A
// version conflict reloads and decides again, at most MaxAttempts times.
//
// Errors: a broken rule comes back as the *domain.Error itself (match it with
// errors.As and map its Kind to a status); ErrRetriesExhausted wraps the last
// eventstore.ErrWrongExpectedVersion; anything else is a wrapped store or
// decode error.
//
// Idempotency. Every command carries an idempotency key, stored in each
// event's envelope. Before deciding, Execute scans the target stream (which it
// reads anyway to fold it) for an event carrying the same key; if one is
// there it returns that append's version and position with Duplicate set and
// writes nothing. The key is therefore scoped to one record: a retry must
// send the same command to the same record. For a creating command with a
// zero id, the id is derived from the kind and the key (UUIDv5), so a retried
// creation lands on the same stream and is recognised; callers that want
// time-ordered UUIDv7 ids pass their own (NewID) and resend the same id on
// retry. Event ids are derived from stream, key and index, so even an append
// whose reply was lost and that is retried blindly is a no-op in the store.
//
// Integrity. Every event is sealed into its stream's hash chain before the
// append (seal.go, format in package domain/integrity): the service knows
// the version each event will take, since it appends with an exact expected
// version, so the chain is computed identically for every store; a version
// conflict reloads the head and seals again. RecordDigest appends a signed
// digest to the "ledger-digests" stream, sealed the same way.
//
// Facts from other records (is the owner component still in the operation,
// is the mechanism standing) are read without a version check: a rule that
// spans records is checked against the state at decision time, not locked.
package app
