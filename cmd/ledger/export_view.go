package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/projections/asof"
	"github.com/movementcoord/ledger/projections/export"
	"github.com/movementcoord/ledger/projections/unseal"
)

// exportView replays the log into fresh views, with personal fields opened
// by the key store, and writes one of them.
func exportView(cmd *cobra.Command, fl *integrityFlags, op uuid.UUID, ef exportFlags) error {
	audience, err := export.ParseAudience(ef.audience)
	if err != nil {
		return fmt.Errorf("--audience: %w", err)
	}
	write, err := writerFor(ef.format)
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	store, err := fl.openExisting(ctx)
	if err != nil {
		return err
	}
	defer store.Close()
	keys, err := backend.OpenKeys(ctx, fl.cfg, store)
	if err != nil {
		return err
	}
	defer keys.Close()
	now := time.Now()
	readable := unseal.New(store, func(p uuid.UUID) ([]byte, error) { return keys.Key(context.WithoutCancel(ctx), p) })
	set, err := asof.Recorded(ctx, readable, now)
	if err != nil {
		return err
	}
	tbl, err := export.Build(set, op, ef.view, audience, now)
	if err != nil {
		return err
	}
	if err := writeTo(ef.out, cmd.OutOrStdout(), func(w io.Writer) error { return write(tbl, w) }); err != nil {
		return err
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "export: %s of operation %s: %d rows, %d withheld (classified above what --audience %s may see)\n",
		ef.view, op, len(tbl.Rows), tbl.Withheld, audience)
	return nil
}

func writerFor(format string) (func(export.Table, io.Writer) error, error) {
	switch format {
	case "json":
		return func(t export.Table, w io.Writer) error { return t.WriteJSON(w) }, nil
	case "csv":
		return func(t export.Table, w io.Writer) error { return t.WriteCSV(w, false) }, nil
	case "hxl":
		return func(t export.Table, w io.Writer) error { return t.WriteCSV(w, true) }, nil
	}
	return nil, fmt.Errorf("--format %q: want json, csv or hxl", format)
}

// writeTo writes to path, or to stdout when path is empty.
func writeTo(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}
