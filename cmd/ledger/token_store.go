package main

import (
	"context"
	"errors"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore/backend"
)

// tokenOpts say where `ledger token` finds the tokens: the data directory's
// tokens.json, or the shared registry of a ledger on KurrentDB.
type tokenOpts struct {
	dir, store string
}

// open opens the token store; done closes what it opened.
func (o *tokenOpts) open(ctx context.Context) (*auth.Store, func(), error) {
	if o.store == "" {
		s, err := auth.OpenStore(o.dir)
		return s, func() {}, err
	}
	es, _, err := backend.Open(ctx, backend.Config{URL: o.store})
	if err != nil {
		return nil, nil, err
	}
	sh, ok := backend.SharedOf(es)
	if !ok {
		_ = es.Close()
		return nil, nil, errors.New("--store names no shared store")
	}
	s, err := auth.OpenShared(sh.Side())
	if err != nil {
		_ = es.Close()
		return nil, nil, err
	}
	return s, func() { _ = es.Close() }, nil
}
