package web

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// This file is the web's one door to the application service: every page
// that writes builds a domain command and calls write. A change of the
// service's signature is made here alone.

// readYourWrite bounds how long a page waits for the views to show what it
// just wrote before it redirects to them.
const readYourWrite = 3 * time.Second

// header is the part of a command the server fills: the actor is the
// session's principal, never a form field; the key makes a second submit of
// the same form write nothing.
func header(p auth.Principal, op uuid.UUID, key string) domain.Header {
	return domain.Header{Actor: p.Actor(), IdempotencyKey: key, OperationID: op, CorrelationID: "web:" + key}
}

// write executes a command through the application service, which loads
// the record once and authorises it as the API does (the role, and the
// operation of the record it changes) before anything else, and waits until
// the views have applied it, so the page shown next includes it.
func (w *Web) write(ctx context.Context, p auth.Principal, cmd domain.Command) (recorder.Result, error) {
	return w.writeSeen(ctx, p, cmd, nil)
}

// writeSeen is write on the version the officer saw (nil: the current one):
// the outbox sends what it captured offline this way (sync.go).
func (w *Web) writeSeen(ctx context.Context, p auth.Principal, cmd domain.Command, seen *uint64) (recorder.Result, error) {
	name := domain.CommandName(cmd)
	res, err := w.cfg.Service.Execute(ctx, cmd, recorder.WriteOptions{Principal: p.Actor().ID, ExpectedVersion: seen,
		Authorise: func(op uuid.UUID) error {
			if !p.MayExecute(name, op) {
				return ErrForbidden
			}
			return nil
		}})
	if err != nil {
		return res, err
	}
	if w.cfg.Views != nil {
		w.cfg.Views.NoteHead(res.Position)
	}
	wctx, cancel := context.WithTimeout(ctx, readYourWrite)
	defer cancel()
	if err := w.cfg.Runner.WaitFor(wctx, res.Position); err != nil {
		w.log.Warn("web: views behind after a write", "position", res.Position, "err", err)
	}
	return res, nil
}
