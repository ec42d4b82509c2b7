package httpapi

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
)

// The response bodies that are not defined next to their handler. They are
// exported so that the OpenAPI document is derived from them.

// Status is the body of /healthz and /readyz.
type Status struct {
	Status string       `json:"status"`
	Store  string       `json:"store,omitempty"`
	Views  []ViewStatus `json:"views,omitempty"`
	// Integrity is the first fault found in the log; the server then
	// refuses writes and reports not ready.
	Integrity string `json:"integrity,omitempty"`
	// SharedStore is what a store shared with other writers (KurrentDB)
	// found that is not the ledger's; it does not make the server unready.
	SharedStore *SharedStoreStatus `json:"shared_store,omitempty"`
}

// SharedStoreStatus reports, in /readyz, the events of other writers on a
// shared KurrentDB that the ledger skipped, and ledger streams whose events
// the node hides (retention or deletion set by an operator).
type SharedStoreStatus struct {
	ForeignEvents     uint64   `json:"foreign_events"`
	LastForeignStream string   `json:"last_foreign_stream,omitempty"`
	HiddenHistory     []string `json:"hidden_history,omitempty"` // "stream: $maxCount=10"
	// Leases name, per job done by one server at a time ("signer",
	// "reminders"), the server holding it as this one last read; "" free.
	Leases map[string]string `json:"leases,omitempty"`
	// Contender is this server's name in the leases.
	Contender string `json:"contender,omitempty"`
	// SigningRefused says why this server will not sign checkpoints (its
	// key is not the ledger's); it leaves the signer lease to the others.
	SigningRefused string `json:"signing_refused,omitempty"`
}

// MeView says who a token is.
type MeView struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Role       auth.Role    `json:"role"`
	Operations []uuid.UUID  `json:"operations"`
	Actor      domain.Actor `json:"actor"`
}

// CommandList names every command.
type CommandList struct {
	Commands []string `json:"commands"`
}

// TokenList lists tokens without their hashes.
type TokenList struct {
	Tokens []TokenView `json:"tokens"`
}

// TokenCreated carries the new token's secret, shown this once.
type TokenCreated struct {
	Token  TokenView `json:"token"`
	Secret string    `json:"secret"`
}
