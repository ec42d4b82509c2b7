package httpapi

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// execute hands a parsed command to the application service, which loads the
// record once and checks, in order, that it exists, that the principal may
// write in its operation, the idempotency key, and If-Match. The handler
// holds no lock and no copy of the record: the append's expected version
// makes If-Match hold across every server on one store.
func (s *Server) execute(ctx context.Context, req writeRequest) (recorder.Result, error) {
	opts := recorder.WriteOptions{Principal: req.principal.Actor().ID, Authorise: mayWrite(req.principal, req.name)}
	if req.hasIfMatch {
		opts.ExpectedVersion = &req.ifMatch
	}
	res, err := s.cfg.Service.Execute(ctx, req.cmd, opts)
	if err == nil && s.cfg.Views != nil {
		s.cfg.Views.NoteHead(res.Position)
	}
	return res, err
}

// mayWrite is the principal's authorisation of a command in an operation.
func mayWrite(p auth.Principal, name string) func(op uuid.UUID) error {
	return func(op uuid.UUID) error {
		if p.MayExecute(name, op) {
			return nil
		}
		if !p.MayRead(op) {
			return fmt.Errorf("%w: %w", recorder.ErrOutOfReach, errForbidden(forbiddenWrite(p, name)))
		}
		return errForbidden(forbiddenWrite(p, name))
	}
}

func forbiddenWrite(p auth.Principal, name string) string {
	if p.Role == auth.RoleAdmin {
		return fmt.Sprintf("an admin token opens and steers operations (operation.*); %s is an officer's command", name)
	}
	return fmt.Sprintf("your token is not assigned to the operation this %s command acts in", name)
}
