package main

import (
	"fmt"
	"io"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// exportBundle writes an accountability-review bundle of one operation,
// proved against the log's latest signed checkpoint after a full check.
// digestFile is no longer used: checkpoints are in the log.
func exportBundle(cmd *cobra.Command, fl *integrityFlags, id uuid.UUID, out, _ string) error {
	v, err := fl.verifier("")
	if err != nil {
		return err
	}
	if v == nil {
		return fmt.Errorf("no signing key in %s: a bundle needs the public key its checkpoint verifies with", fl.cfg.DataDir)
	}
	store, err := fl.openExisting(cmd.Context())
	if err != nil {
		return err
	}
	defer store.Close()
	prover, _, err := verify.Latest(cmd.Context(), store, v)
	if err != nil {
		return err
	}
	b, err := verify.ExportBundle(cmd.Context(), store, prover, id)
	if err != nil {
		return err
	}
	if err := verify.WriteFile(out, b); err != nil {
		return err
	}
	cp, _ := prover.Checkpoint()
	fmt.Fprintf(cmd.OutOrStdout(), "bundle: %d events of operation %s, checkpoint of %d events, verifier key %s\nwritten to %s\n",
		len(b.Events), id, cp.Size, v.Key, out)
	return nil
}

// verifyBundleFile checks a review bundle offline and prints its events.
func verifyBundleFile(w io.Writer, path string, v *integrity.LogVerifier, witnesses witnessKeys) error {
	var b verify.Bundle
	if err := verify.ReadFile(path, &b); err != nil {
		return err
	}
	if err := verify.VerifyBundle(b, v, witnesses...); err != nil {
		fmt.Fprintf(w, "NOT INTACT: %v\n", err)
		return errTampered
	}
	for _, e := range b.Events {
		fmt.Fprintf(w, "  %8d  %s@%d  %s\n", e.Position, e.Stream, e.Version, e.Type)
	}
	fmt.Fprintf(w, "intact: %d events of operation %s, each proved in the signed checkpoint (%d cosignature(s) required)\n",
		len(b.Events), b.Operation, len(witnesses))
	return nil
}
