package auth

import (
	"slices"
	"strings"
	"sync/atomic"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
)

// Principal is who a request acts for: the holder of one token.
type Principal struct {
	ID         string       // the token id; recorded as the events' actor id
	Name       string       // who holds the token, for `token list` only
	Role       Role         //
	Operations []uuid.UUID  // an officer's operations; empty for other roles
	Component  uuid.UUID    // component the holder acts for, if any
	reads      *ReadCounter // nil: reads are not counted
}

// Actor is how the principal is recorded on every event it writes. The id is
// the token id, never the holder's name, so erasing personal data never has
// to touch the log's actors.
func (p Principal) Actor() domain.Actor {
	return domain.Actor{ID: "token:" + p.ID, Role: string(p.Role), Component: p.Component}
}

// adminOnly are commands no officer sends: opening an operation (officers
// are assigned to operations that exist) and erasing a person, which reaches
// across every operation and answers a data-protection request.
var adminOnly = map[string]bool{"operation.open": true, "person.erase": true}

// serverOnly are commands no token sends: a reminder, and its delivery, are
// recorded by the follow-up scheduler when it sends one, never claimed over HTTP.
var serverOnly = map[string]bool{"reminder.record": true, "reminder.record_delivery": true}

// MayExecute reports whether the principal may send a command to a record of
// the operation op.
func (p Principal) MayExecute(command string, op uuid.UUID) bool {
	if serverOnly[command] {
		return false
	}
	switch p.Role {
	case RoleAdmin:
		return strings.HasPrefix(command, "operation.") || adminOnly[command]
	case RoleOfficer:
		return !adminOnly[command] && p.assigned(op)
	default:
		return false
	}
}

// Writes reports whether the role writes at all; reviewers and analysts only
// read, whatever the record.
func (p Principal) Writes() bool { return p.Role == RoleOfficer || p.Role == RoleAdmin }

// Reader is the principal as the visibility policy sees it
// (domain/visibility): every read path asks the policy, never the role.
func (p Principal) Reader() visibility.Reader {
	return visibility.ForRole(string(p.Role), p.Actor().ID, p.Operations)
}

// MayRead reports whether the principal may read records of the operation op.
func (p Principal) MayRead(op uuid.UUID) bool { return p.Reader().SeesOperation(op) }

// MayReadClass reports whether records of this classification are shown.
func (p Principal) MayReadClass(c domain.Classification) bool { return p.Reader().Admits(c) }

// SeesReporter reports whether the principal may know who reported a
// compliance issue (recordedBy is the report's actor id); see
// visibility.Reader.SeesReporter.
func (p Principal) SeesReporter(recordedBy string) bool { return p.Reader().SeesReporter(recordedBy) }

// SeesPersonalData reports whether names, emails, phones and reporter
// identities are shown; analysts work on figures, not people.
func (p Principal) SeesPersonalData() bool { return p.Reader().SeesPersonal() }

// MayManageTokens reports whether the principal may create and revoke tokens.
func (p Principal) MayManageTokens() bool { return p.Role == RoleAdmin }

func (p Principal) assigned(op uuid.UUID) bool {
	return op != uuid.Nil && slices.Contains(p.Operations, op)
}

// ReadCounter counts the confidential records released to one request, for
// the access log.
type ReadCounter struct{ n atomic.Int64 }

// Count is how many confidential records were released.
func (rc *ReadCounter) Count() int64 { return rc.n.Load() }

// WithReadCounter returns the principal, counting its confidential reads in rc.
func (p Principal) WithReadCounter(rc *ReadCounter) Principal {
	p.reads = rc
	return p
}

// NoteConfidentialRead records that a confidential record was released to
// the principal; the request then leaves a line in the access log.
func (p Principal) NoteConfidentialRead() {
	if p.reads != nil {
		p.reads.n.Add(1)
	}
}
