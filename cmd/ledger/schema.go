package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/domain"
)

func newSchemaCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "schema",
		Short: "Print the event catalogue: every event type, its version and fields",
		Long: `Prints the catalogue of event types the ledger writes and reads, generated from
the code: type, version, aggregate, and each field with its JSON type and
meaning. It is the reference for anyone reading exports or the raw log.`,
		Example: "  ledger schema > EVENTS.md\n  ledger schema --json | jq '.[].type'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !asJSON {
				_, err := fmt.Fprint(cmd.OutOrStdout(), domain.CatalogueMarkdown())
				return err
			}
			out, err := domain.CatalogueJSON()
			if err != nil {
				return fmt.Errorf("catalogue: %w", err)
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(out))
			return err
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array instead of Markdown")
	return cmd
}
