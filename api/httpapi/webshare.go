package httpapi

import (
	"context"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections/audit"
)

// What the web pages (api/web) share with the API beyond the row filters of
// visible.go: the integrity checks, as-of views (asof.go) and exports
// (export.go) the API serves, so a page shows what the API would.

// Integrity is the server's integrity checks, or nil when it runs without.
func (s *Server) Integrity() Integrity { return s.cfg.Integrity }

// SendRecords is the audit trail records p is sent, counted for the access
// log; the trail filtered them with p's policy (audit.Page.Sees,
// audit.TimelineFilter.Sees) before paging.
func SendRecords(p auth.Principal, rs []audit.Record) []audit.Record { return sendRecords(p, rs) }

// ReadRecord is a record's state as p may see it (personal and reporter
// fields p may not see left out), folded from the read store, as GET
// /api/v1/records/{kind}/{id} answers it. The caller has checked that p may
// see the record at all (a register row of it passed the row filters).
func (s *Server) ReadRecord(ctx context.Context, p auth.Principal, ref domain.Ref) (domain.Aggregate, error) {
	agg, err := recorder.ReadRecord(ctx, s.cfg.Store, ref)
	if err != nil {
		return nil, err
	}
	p.Reader().Redact(agg, "")
	return agg, nil
}
