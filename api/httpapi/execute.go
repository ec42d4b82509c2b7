package httpapi

import (
	"context"
	"fmt"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/app"
	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
)

// execute holds the record's stripe from the check to the append.
func (s *Server) execute(ctx context.Context, req writeRequest) (app.Result, error) {
	ref := req.cmd.Target()
	if ref.ID == uuid.Nil {
		return s.executeUnnamed(ctx, req)
	}
	defer s.locks.lock(ref.Stream())()
	agg, err := s.cfg.Service.Load(ctx, ref)
	if err != nil {
		return app.Result{}, err
	}
	base := domain.BaseOf(agg)
	if !base.Exists() && !domain.Creates(req.cmd) {
		return app.Result{}, errNotFound(domain.ErrNotFound.Code, fmt.Sprintf("no %s has id %s", ref.Kind, ref.ID))
	}
	if req.hasIfMatch && base.Version != req.ifMatch {
		return s.replayOrRefuse(ctx, req, base.Version)
	}
	return s.authorised(ctx, req, operationOf(req.cmd, base))
}

// executeUnnamed runs a command that names no record: only a creating
// command may, and the service then derives the id from the key.
func (s *Server) executeUnnamed(ctx context.Context, req writeRequest) (app.Result, error) {
	switch {
	case !domain.Creates(req.cmd):
		return app.Result{}, app.ErrMissingID
	case req.hasIfMatch:
		return app.Result{}, errIfMatchNeedsID()
	}
	return s.authorised(ctx, req, req.cmd.CommandHeader().OperationID)
}

// authorised checks the principal against the operation, then executes.
func (s *Server) authorised(ctx context.Context, req writeRequest, op uuid.UUID) (app.Result, error) {
	if !req.principal.MayExecute(req.name, op) {
		return app.Result{}, errForbidden(forbiddenWrite(req.principal, req.name))
	}
	res, err := s.cfg.Service.Execute(ctx, req.cmd)
	if err == nil && s.cfg.Views != nil {
		s.cfg.Views.NoteHead(res.Position)
	}
	return res, err
}

// replayOrRefuse answers a version mismatch. A retried request whose first
// attempt succeeded also sees a newer version: its key is in the stream, so
// it gets the first result rather than a 412.
func (s *Server) replayOrRefuse(ctx context.Context, req writeRequest, actual uint64) (app.Result, error) {
	ref := req.cmd.Target()
	hit, found, err := s.reads.findKey(ctx, ref.Stream(), req.cmd.CommandHeader().IdempotencyKey)
	if err != nil || !found {
		return app.Result{}, firstErr(err, errPrecondition(req.ifMatch, actual))
	}
	if !req.principal.MayExecute(req.name, hit.operation) {
		return app.Result{}, errForbidden(forbiddenWrite(req.principal, req.name))
	}
	return app.Result{Ref: ref, Stream: ref.Stream(), Version: hit.version, Position: hit.position, Duplicate: true}, nil
}

// operationOf is the operation a command acts in: the stored record's, or
// for a new record the one its header names (an operation is its own).
func operationOf(cmd domain.Command, base *domain.Base) uuid.UUID {
	if base.Exists() {
		return base.OperationID
	}
	if ref := cmd.Target(); ref.Kind == domain.KindOperation {
		return ref.ID
	}
	return cmd.CommandHeader().OperationID
}

func forbiddenWrite(p auth.Principal, name string) string {
	if p.Role == auth.RoleAdmin {
		return fmt.Sprintf("an admin token opens and steers operations (operation.*); %s is an officer's command", name)
	}
	return fmt.Sprintf("your token is not assigned to the operation this %s command acts in", name)
}
