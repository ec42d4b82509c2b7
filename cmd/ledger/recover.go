package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/backend"
	"github.com/movementcoord/ledger/eventstore/sqlite"
	"github.com/movementcoord/ledger/eventstore/verify"
)

func newRecoverCommand() *cobra.Command {
	var (
		fl     integrityFlags
		reason string
		newKey bool
	)
	cmd := &cobra.Command{
		Use:   "recover",
		Short: "Accept a log the server refuses to start on, recording the loss as an event",
		Long: `ledger serve refuses to start on a log it cannot vouch for: shorter than the
last checkpoint it signed (a truncated, emptied or deleted ledger.db, an old
backup, lost WAL frames), with events it did not sign, or with a damaged WAL
or a missing signing key. Once the loss is understood and accepted, recover
takes the log as it is: it appends a ledger.recovered.v1 event (stream
ledger-recovery) that quotes the refusal, your --reason and the checkpoint
the ledger had signed before, and signs the log including it. Nothing is
hidden: checkpoints saved before (by reviewers, witnesses, ledger digest) no
longer match, and ledger verify --checkpoint says so. Events deleted from the
middle of the log cannot be signed over: restore a backup instead.
--new-key creates a new signing key when the old one is lost for good.`,
		Example: `  ledger recover --reason "disk failure on 2026-11-20; restored the 02:00 backup"`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			if reason == "" {
				return fmt.Errorf("say why the loss is accepted: --reason")
			}
			signer, err := recoverSigner(fl.keyPath(), newKey)
			if err != nil {
				return err
			}
			refusal, err := refusalOf(cmd, fl.cfg, signer)
			if err != nil || refusal == "" {
				return err
			}
			beside, _, _ := sqlite.ReadCheckpointFile(fl.cfg.DataDir)
			cfg := fl.cfg
			cfg.Signer, cfg.Recover = signer, true
			store, _, err := backend.Open(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			res, err := verify.RecordRecovery(cmd.Context(), store, verify.Recovery{Refusal: refusal, Reason: reason,
				Beside: string(beside), At: time.Now().UTC()})
			if err = errors.Join(err, store.Close()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "recovered: the refusal was\n  %s\nrecorded at position %d (%s); the log is signed as it is\n",
				refusal, res.Position, verify.RecoveryStream)
			return nil
		},
	}
	fl.register(cmd.Flags())
	cmd.Flags().StringVar(&reason, "reason", "", "why the loss is accepted (recorded in the log)")
	cmd.Flags().BoolVar(&newKey, "new-key", false, "create a new signing key when the old one is lost (never replaces an existing key file)")
	return cmd
}

// refusalOf opens the store as the server would and returns why it is
// refused, or "" (after saying so) when it starts.
func refusalOf(cmd *cobra.Command, cfg backend.Config, signer *integrity.LogSigner) (string, error) {
	if _, err := os.Stat(filepath.Join(cfg.DataDir, sqlite.FileName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	cfg.Signer = signer
	store, _, err := backend.Open(cmd.Context(), cfg)
	if err == nil {
		fmt.Fprintln(cmd.OutOrStdout(), "nothing to recover: the log starts as it is")
		return "", store.Close()
	}
	for _, kind := range []error{sqlite.ErrRollback, sqlite.ErrUnsigned, sqlite.ErrFork, sqlite.ErrKeyMismatch, sqlite.ErrDamagedWAL} {
		if errors.Is(err, kind) {
			return err.Error(), nil
		}
	}
	return "", err
}

// recoverSigner loads the signing key, or creates one when asked to and no
// key file is there.
func recoverSigner(path string, create bool) (*integrity.LogSigner, error) {
	_, statErr := os.Stat(path)
	switch {
	case statErr == nil && create:
		return nil, fmt.Errorf("%s exists: --new-key never replaces a key file", path)
	case errors.Is(statErr, fs.ErrNotExist) && !create:
		return nil, fmt.Errorf("%s: no signing key; restore it, or give --new-key if it is lost for good", path)
	}
	key, _, err := verify.LoadOrCreateKey(path)
	if err != nil {
		return nil, err
	}
	return integrity.NewLogSigner(key)
}
