// Package visibility is the ledger's one policy on who may see what. Every
// read path asks it: the registers and records, raw events and the live
// feed, the audit trail and the timeline, the figures, as-of views, exports
// and review bundles.
//
// A reader sees a record when it may read the record's operation and the
// record's classification is within its ceiling. A record's classification
// is the strictest of its events', and the domain makes a record built from
// or about another at least as restricted as that one (domain.Scope.about),
// so nothing derived from a confidential record reaches a reader who may
// not see it. Personal fields and the reporter of a compliance issue are
// marked in the event catalogue by struct tags (`personal:"true"`,
// `reporter:"true"`); the policy removes them from what a reader may not
// see, in payloads (through the catalogue) and in rows and states (through
// the same tags on their structs).
package visibility

import (
	"slices"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// Reader is who reads, as far as the policy is concerned.
type Reader struct {
	operations    []uuid.UUID // the operations it may read, unless allOperations
	allOperations bool
	ceiling       domain.Classification // the most restricted classification it sees
	personal      bool                  // sees names, emails, phones
	allReporters  bool                  // sees who reported any compliance issue
	actor         string                // the actor id it records under: it sees the reports it recorded
	auditTrail    bool                  // reads who recorded what, event by event
	storedLog     bool                  // reads the stored log itself: bundles, proofs, the access log
}

// Role names, as auth.Role spells them.
const (
	RoleOfficer  = "officer"
	RoleReviewer = "reviewer"
	RoleAnalyst  = "analyst"
	RoleAdmin    = "admin"
)

// ForRole is the reader a token of role is: officers read their operations,
// everything in them; reviewers and admins read every operation; analysts
// read every operation but nothing confidential and no personal data. Only
// reviewers, and whoever recorded a report, know who reported a compliance
// issue. An unknown role sees nothing.
func ForRole(role, actor string, operations []uuid.UUID) Reader {
	switch role {
	case RoleOfficer:
		return Reader{operations: operations, ceiling: domain.ClassConfidential, personal: true, actor: actor, auditTrail: true}
	case RoleReviewer:
		return Reader{allOperations: true, ceiling: domain.ClassConfidential, personal: true, allReporters: true, actor: actor,
			auditTrail: true, storedLog: true}
	case RoleAdmin:
		return Reader{allOperations: true, ceiling: domain.ClassConfidential, personal: true, actor: actor,
			auditTrail: true, storedLog: true}
	case RoleAnalyst:
		return Reader{allOperations: true, ceiling: domain.ClassRestricted, actor: actor}
	}
	return Reader{}
}

var (
	// External is the audience of an export meant for outside the
	// Movement: public records, no personal data.
	External = Reader{allOperations: true, ceiling: domain.ClassPublic}
	// Movement is the audience of an export inside the Movement: records
	// up to restricted, with personal data; never a confidential one.
	Movement = Reader{allOperations: true, ceiling: domain.ClassRestricted, personal: true}
)

// SeesOperation reports whether the reader may read records of op.
func (r Reader) SeesOperation(op uuid.UUID) bool {
	return r.allOperations || (op != uuid.Nil && slices.Contains(r.operations, op))
}

// Admits reports whether a record of classification c is within the
// reader's ceiling. An event stored without a classification counts as
// Movement-internal, the domain's default.
func (r Reader) Admits(c domain.Classification) bool {
	if c.Rank() == 0 {
		c = domain.ClassMovement
	}
	return c.Rank() <= r.ceiling.Rank()
}

// SeesRecord reports whether the reader may see a record of operation op
// whose classification (the strictest of its events') is c.
func (r Reader) SeesRecord(op uuid.UUID, c domain.Classification) bool {
	return r.SeesOperation(op) && r.Admits(c)
}

// SeesAuditTrail reports whether the reader reads the audit trail (who
// recorded what, event by event): officers in their operations, reviewers
// and admins; analysts work on registers, timelines and figures.
func (r Reader) SeesAuditTrail() bool { return r.auditTrail }

// SeesStoredLog reports whether the reader gets the stored log itself:
// review bundles and inclusion proofs, which carry the events as stored
// (sealed fields included) so that anyone can check their hashes, and the
// access log. Reviewers and admins.
func (r Reader) SeesStoredLog() bool { return r.storedLog }

// SeesPersonal reports whether names, emails and phones are shown.
func (r Reader) SeesPersonal() bool { return r.personal }

// SeesReporter reports whether the reader may know who reported a
// compliance issue whose report was recorded by actor recordedBy: reviewers
// and that actor; never the subject component, other officers or analysts.
func (r Reader) SeesReporter(recordedBy string) bool {
	return r.personal && (r.allReporters || (r.actor != "" && r.actor == recordedBy))
}
