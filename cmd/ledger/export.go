package main

import (
	"fmt"

	"github.com/google/uuid"
	"github.com/spf13/cobra"

	"github.com/movementcoord/ledger/projections/export"
)

// exportFlags are export's own flags, beside the shared integrity flags.
type exportFlags struct {
	op, bundle, digest string
	view, format, out  string
	audience           string
}

func newExportCommand() *cobra.Command {
	var (
		fl integrityFlags
		ef exportFlags
	)
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export a register or timeline (JSON, CSV, HXL), or a review bundle",
		Long: `With --view, writes one register or the timeline of an operation as JSON, CSV,
or CSV with an HXL hashtag row under the header (--format hxl), to --out or
stdout. --audience external (the default) is for outside the Movement: public
records only, and never a personal column (names, emails, phones of contacts,
named owners, reporters). --audience movement adds records classified movement
and restricted, with personal fields readable. Confidential records are never
exported this way; reviewers use the API or a review bundle.

With --bundle FILE, writes an accountability-review bundle instead: the
operation's events, each with a proof that it is covered by a signed digest,
and the digest. Anyone can check it offline with "ledger verify --bundle FILE
--public-key KEY". The digest is --digest FILE (saved by ledger digest) or a
fresh one signed now with the data directory's key.

Views: ` + fmt.Sprint(export.Views()) + `. Stop the server first when using the
embedded store (one process per data directory).`,
		Example: "  ledger export --operation 0193... --view action-points --format hxl > actions.csv\n" +
			"  ledger export --operation 0193... --view contacts --audience movement --format json\n" +
			"  ledger export --operation 0193... --bundle review.json",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			applyEnv(cmd.Flags())
			id, err := uuid.Parse(ef.op)
			if err != nil {
				return fmt.Errorf("--operation %q: %w", ef.op, err)
			}
			switch {
			case ef.bundle != "" && ef.view != "":
				return fmt.Errorf("give either --view or --bundle, not both")
			case ef.bundle != "":
				return exportBundle(cmd, &fl, id, ef.bundle, ef.digest)
			case ef.view != "":
				return exportView(cmd, &fl, id, ef)
			}
			return fmt.Errorf("say what to export: --view NAME (one of %v) or --bundle FILE", export.Views())
		},
	}
	fl.register(cmd.Flags())
	f := cmd.Flags()
	registerKeysFlags(f, &fl.cfg.Keys)
	f.StringVar(&ef.op, "operation", "", "id of the operation (required)")
	f.StringVar(&ef.view, "view", "", "register or timeline to export")
	f.StringVar(&ef.format, "format", "json", "json, csv, or hxl (CSV with an HXL hashtag row)")
	f.StringVar(&ef.audience, "audience", string(export.External), "external (public records, no personal columns) or movement")
	f.StringVar(&ef.out, "out", "", "file to write the view to (default: stdout)")
	f.StringVar(&ef.bundle, "bundle", "", "write a review bundle to this file instead of a view")
	f.StringVar(&ef.digest, "digest", "", "with --bundle: prove against this saved digest instead of a fresh one")
	_ = cmd.MarkFlagRequired("operation")
	return cmd
}
