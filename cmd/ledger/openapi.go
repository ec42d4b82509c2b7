package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/api/openapi"
)

func newOpenAPICommand() *cobra.Command {
	return &cobra.Command{
		Use:   "openapi",
		Short: "Print the HTTP API's OpenAPI 3 document",
		Long: `Prints the OpenAPI document that ledger serve answers at GET /api/openapi.json,
without starting a server: for linters, client generators and reviewers.`,
		Example: "  ledger openapi > openapi.json\n  npx @redocly/cli lint openapi.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			doc, err := openapi.JSON()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), string(doc))
			return err
		},
	}
}
