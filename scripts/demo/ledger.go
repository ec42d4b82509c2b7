package demo

import (
	"context"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// Ledger is where the demo writes: *recorder.Service in-process, or *Client for a
// running server over HTTP. The demo sends every command with zero
// WriteOptions: as its actor, with no expected version. Load is needed once, to find the id of the
// measure the domain derived for a compliance issue.
type Ledger interface {
	Execute(ctx context.Context, cmd domain.Command, opts recorder.WriteOptions) (recorder.Result, error)
	Load(ctx context.Context, ref domain.Ref) (domain.Aggregate, error)
}

// Both ways of writing satisfy Ledger.
var (
	_ Ledger = (*recorder.Service)(nil)
	_ Ledger = (*Client)(nil)
)
