// Command ledger runs the Coordination Ledger: the HTTP API and pages, and
// the maintenance commands. This package only wires the other packages
// together; each subcommand lives in its own file.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
)

func main() {
	if err := newRootCommand().Execute(); err != nil {
		fmt.Fprintln(os.Stderr, "ledger:", err)
		os.Exit(1)
	}
}

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "ledger",
		Short: "Event-sourced ledger for coordinating a Red Cross and Red Crescent response",
		Long: `The Coordination Ledger records the decisions, action points, compliance flags
and escalations of a joint humanitarian response as immutable events, and
rebuilds registers, an audit trail and timelines from them.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddCommand(newServeCommand(), newDemoCommand(), newTokenCommand(), newVerifyCommand(), newDigestCommand(), newRecoverCommand(), newWitnessCommand(),
		newExportCommand(), newRebuildCommand(), newSchemaCommand(), newOpenAPICommand(), newBenchCommand(), newKeysCommand(), newVersionCommand())
	return root
}
