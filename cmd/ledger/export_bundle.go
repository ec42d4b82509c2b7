package main

import (
	"encoding/base64"
	"fmt"
	"io"
	"time"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/verify"
	"github.com/movementcoord/ledger/eventstore"
)

// exportBundle writes an accountability-review bundle of one operation.
func exportBundle(cmd *cobra.Command, fl *integrityFlags, id uuid.UUID, out, digestFile string) error {
	store, err := fl.openExisting(cmd.Context())
	if err != nil {
		return err
	}
	defer store.Close()
	var file verify.File
	if digestFile != "" {
		err = verify.ReadFile(digestFile, &file)
	} else {
		file, err = freshDigest(cmd, fl, store)
	}
	if err != nil {
		return err
	}
	prover, err := verify.NewProver(file)
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
	fmt.Fprintf(cmd.OutOrStdout(), "bundle: %d events of operation %s, digest at position %d, public key %s\nwritten to %s\n",
		len(b.Events), id, b.Digest.Position, base64.StdEncoding.EncodeToString(b.Digest.PublicKey), out)
	return nil
}

// freshDigest verifies the store and signs a digest of it now.
func freshDigest(cmd *cobra.Command, fl *integrityFlags, store eventstore.Store) (verify.File, error) {
	key, created, err := verify.LoadOrCreateKey(fl.keyPath())
	if err != nil {
		return verify.File{}, err
	}
	if created {
		fmt.Fprintf(cmd.ErrOrStderr(), "export: created signing key %s (mode 0600); back it up\n", fl.keyPath())
	}
	file, _, err := verify.Take(cmd.Context(), store, key, time.Now())
	return file, err
}

// verifyBundleFile checks a review bundle offline and prints its events.
func verifyBundleFile(w, stderr io.Writer, path string, key []byte) error {
	var b verify.Bundle
	if err := verify.ReadFile(path, &b); err != nil {
		return err
	}
	if key == nil {
		fmt.Fprintln(stderr, "verify: warning: no trusted public key; the bundle is checked against the key it carries")
	}
	if err := verify.VerifyBundle(b, key); err != nil {
		fmt.Fprintf(w, "NOT INTACT: %v\n", err)
		return errTampered
	}
	for _, e := range b.Events {
		fmt.Fprintf(w, "  %8d  %s@%d  %s\n", e.Position, e.Stream, e.Version, e.Type)
	}
	for _, s := range verify.Incomplete(b) {
		fmt.Fprintf(w, "warning: stream %s lacks some of its events up to the digest\n", s)
	}
	d := b.Digest
	fmt.Fprintf(w, "intact: %d events of operation %s, covered by the digest at position %d (%s, root %s)\n",
		len(b.Events), b.Operation, d.Position, d.Time.Format(time.RFC3339), d.Root)
	return nil
}
