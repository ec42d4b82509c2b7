package demo

import (
	"context"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/domain"
)

// Ledger is where the demo writes: *app.Service in-process, or *Client for a
// running server over HTTP. The demo sends every command with zero
// WriteOptions: as its actor, with no expected version. Load is needed once, to find the id of the
// measure the domain derived for a compliance issue.
type Ledger interface {
	Execute(ctx context.Context, cmd domain.Command, opts app.WriteOptions) (app.Result, error)
	Load(ctx context.Context, ref domain.Ref) (domain.Aggregate, error)
}

// Both ways of writing satisfy Ledger.
var (
	_ Ledger = (*app.Service)(nil)
	_ Ledger = (*Client)(nil)
)
