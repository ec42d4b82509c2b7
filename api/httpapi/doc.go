// Package httpapi is the ledger's HTTP API on Echo v4: commands go to the
// application service (eventstore/recorder), raw events and the live feed come from a
// small read service over the store (reads.go), registers, timelines, the
// audit trail and figures come from the projections runner, and every error
// leaves through one mapping function (problemFor) as application/problem+json
// (RFC 9457).
//
// Writes: POST /api/v1/commands/{name}, or the same command at its resource
// path (resources.go). The actor is the authenticated principal, never the
// body; an Idempotency-Key header becomes the command's idempotency key;
// If-Match: <version> makes the write conditional on the record's current
// stream version (412 otherwise). Reads: records and raw streams from the
// store, registers from the views (with ?at_least= to read one's own write and
// ?as_of= for a past date), and the live feed as server-sent events. Who may
// call what is listed in routes.go and enforced by api/auth's Principal.
package httpapi
