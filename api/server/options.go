package server

import (
	"cmp"
	"io"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/movementcoord/ledger/api/serving"
	"github.com/movementcoord/ledger/eventstore/keystore"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// Defaults of `ledger serve`.
const (
	DefaultAddr    = "127.0.0.1:8080"
	DefaultDataDir = "./ledger-data"
	// DefaultDigestEvery is no longer used (see Options.DigestEvery).
	DefaultDigestEvery = time.Hour
	ShutdownTimeout    = 30 * time.Second
	// HeaderTimeout bounds how long a client may take to send a request's
	// headers; IdleTimeout how long a kept-alive connection waits for the
	// next request. The body has its own bound, serving.DefaultBodyTimeout.
	HeaderTimeout = 10 * time.Second
	IdleTimeout   = 2 * time.Minute
)

// Options configure Run.
type Options struct {
	Addr    string // listen address; "127.0.0.1:0" picks a free port
	DataDir string // tokens, first-run admin token, and the embedded store
	Store   string // KurrentDB connection string; empty: the embedded store
	// Keys names the shared key service; empty URL: <DataDir>/keys.db.
	Keys   keystore.RemoteConfig
	Out    io.Writer
	Logger *slog.Logger
	// Ready, when set, is called with the listening address once the server
	// accepts connections.
	Ready func(addr string)
	// ShutdownTimeout bounds how long in-flight requests may take to finish.
	ShutdownTimeout time.Duration
	// KeyPath is the Ed25519 signing key of digests; empty:
	// <DataDir>/ledger-signing.key, created on first use (mode 0600).
	KeyPath string
	// HeaderTimeout, BodyTimeout and IdleTimeout bound a slow or silent
	// client (see the constants); zero: the defaults.
	HeaderTimeout, BodyTimeout, IdleTimeout time.Duration
	// DigestEvery is no longer used: the store signs a checkpoint in every
	// commit. Kept so that callers still compile.
	DigestEvery time.Duration
	// Witnesses are the base URLs of the witnesses (`ledger witness serve`)
	// that each new checkpoint is pushed to, every WitnessEvery.
	Witnesses    []string
	WitnessEvery time.Duration
	// CheckpointEvery is how often a server on KurrentDB signs a checkpoint
	// into the log (the embedded store signs one in every commit).
	CheckpointEvery time.Duration
	// LeaseTTL is how long a job lease lasts on a shared store without a
	// renewal (lease.go); zero: DefaultLeaseTTL.
	LeaseTTL time.Duration
	// SMTP is the relay follow-up digests go through (smtp://host:587 with
	// STARTTLS, or smtps://host:465); empty: reminders are recorded and
	// shown, not mailed. Credentials: LEDGER_SMTP_USERNAME/PASSWORD.
	SMTP, SMTPFrom string
	// DigestAt is the time of day (UTC) the digests go out (negative: at
	// once); FollowUpEvery how often the scheduler looks for reminders due,
	// zero for no scheduler (followup.go).
	DigestAt, FollowUpEvery time.Duration
	// Snapshots is the directory of view snapshots, so that a restart reads
	// the newest and replays only the log after it; empty: <DataDir>/snapshots
	// (on KurrentDB too: each server keeps its own, checked against the
	// shared log when read); SnapshotsOff: none.
	Snapshots string
	// SnapshotEvery is how many events the views apply between two
	// snapshots; zero: projections.DefaultSnapshotEvery.
	SnapshotEvery int
}

// SnapshotsOff as Options.Snapshots turns view snapshots off.
const SnapshotsOff = "off"

// snapshotDir is where view snapshots go, or "" for none.
func (o Options) snapshotDir() string {
	switch o.Snapshots {
	case SnapshotsOff:
		return ""
	case "":
		return filepath.Join(o.DataDir, "snapshots")
	}
	return o.Snapshots
}

func (o Options) withDefaults() Options {
	o.Addr, o.DataDir = cmp.Or(o.Addr, DefaultAddr), cmp.Or(o.DataDir, DefaultDataDir)
	o.Out = cmp.Or[io.Writer](o.Out, io.Discard)
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(o.Out, nil))
	}
	o.KeyPath = cmp.Or(o.KeyPath, filepath.Join(o.DataDir, verify.KeyFileName))
	if o.HeaderTimeout <= 0 {
		o.HeaderTimeout = HeaderTimeout
	}
	if o.BodyTimeout <= 0 {
		o.BodyTimeout = serving.DefaultBodyTimeout
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = IdleTimeout
	}
	if o.WitnessEvery <= 0 {
		o.WitnessEvery = DefaultWitnessEvery
	}
	if o.CheckpointEvery <= 0 {
		o.CheckpointEvery = DefaultCheckpointEvery
	}
	if o.LeaseTTL <= 0 {
		o.LeaseTTL = DefaultLeaseTTL
	}
	if o.ShutdownTimeout <= 0 {
		o.ShutdownTimeout = ShutdownTimeout
	}
	return o
}
