package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server"
)

func newTokenCommand() *cobra.Command {
	var o tokenOpts
	cmd := &cobra.Command{
		Use:   "token",
		Short: "Manage the bearer tokens of the HTTP API",
		Long: `Tokens are stored hashed (SHA-256) in <data>/tokens.json, mode 0600, or, with
--store (LEDGER_STORE), in the shared registry on KurrentDB that every server
of the ledger reads. A running server sees changes at once (within 500 ms on
KurrentDB). Roles:
  officer   writes and reads in the operations it is assigned to (--operation)
  reviewer  reads everything, including confidential matters; writes nothing
  analyst   reads everything but confidential events, without personal data
  admin     opens and steers operations, manages tokens, reads everything`,
	}
	cmd.PersistentFlags().StringVar(&o.dir, "data", server.DefaultDataDir, "data directory holding tokens.json (env LEDGER_DATA)")
	cmd.PersistentFlags().StringVar(&o.store, "store", "", "KurrentDB connection string: the shared token registry instead of tokens.json (env LEDGER_STORE)")
	cmd.PersistentPreRun = func(c *cobra.Command, _ []string) { applyEnv(c.Flags()) }
	cmd.AddCommand(newTokenCreateCommand(&o), newTokenListCommand(&o), newTokenRevokeCommand(&o))
	return cmd
}

func newTokenCreateCommand(o *tokenOpts) *cobra.Command {
	var (
		role, name, component string
		operations            []string
	)
	cmd := &cobra.Command{
		Use:     "create",
		Short:   "Create a token and print its secret once",
		Example: "  ledger token create --role officer --name 'MCO Antakya' --operation 0196a3e0-7c4e-7a51-9a43-1c4b8a0e7d21",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			spec, err := tokenSpec(role, name, component, operations)
			if err != nil {
				return err
			}
			store, done, err := o.open(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			t, secret, err := store.Create(spec)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "created token %s (%s, %s); its secret is shown only now:\n", t.ID, t.Role, t.Name)
			fmt.Fprintln(cmd.OutOrStdout(), secret)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&role, "role", "", "officer, reviewer, analyst or admin (required)")
	f.StringVar(&name, "name", "", "who holds the token (required)")
	f.StringArrayVar(&operations, "operation", nil, "operation id an officer works in (repeat for several)")
	f.StringVar(&component, "component", "", "component id the holder acts for (recorded on its events)")
	_ = cmd.MarkFlagRequired("role")
	_ = cmd.MarkFlagRequired("name")
	return cmd
}

func tokenSpec(role, name, component string, operations []string) (auth.Spec, error) {
	r, err := auth.ParseRole(role)
	if err != nil {
		return auth.Spec{}, err
	}
	spec := auth.Spec{Name: name, Role: r}
	for _, raw := range operations {
		id, err := uuid.Parse(raw)
		if err != nil {
			return auth.Spec{}, fmt.Errorf("--operation %q is not a UUID", raw)
		}
		spec.Operations = append(spec.Operations, id)
	}
	if component != "" {
		if spec.Component, err = uuid.Parse(component); err != nil {
			return auth.Spec{}, fmt.Errorf("--component %q is not a UUID", component)
		}
	}
	return spec, nil
}

func newTokenListCommand(o *tokenOpts) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List tokens (never their secrets)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			store, done, err := o.open(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			list, err := store.List()
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tROLE\tNAME\tOPERATIONS\tCREATED\tREVOKED")
			for _, t := range list {
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Role, t.Name, joinIDs(t.Operations),
					t.CreatedAt.Format("2006-01-02 15:04"), revoked(t))
			}
			return w.Flush()
		},
	}
}

func newTokenRevokeCommand(o *tokenOpts) *cobra.Command {
	return &cobra.Command{
		Use:   "revoke ID",
		Short: "Revoke a token; it stays listed as revoked",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			store, done, err := o.open(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			t, err := store.Revoke(args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "revoked token %s (%s, %s)\n", t.ID, t.Role, t.Name)
			return nil
		},
	}
}

func joinIDs(ids []uuid.UUID) string {
	if len(ids) == 0 {
		return "-"
	}
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = id.String()
	}
	return strings.Join(s, ",")
}

func revoked(t auth.Token) string {
	if t.Active() {
		return "-"
	}
	return t.RevokedAt.Format("2006-01-02 15:04")
}
