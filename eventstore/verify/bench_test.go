package verify

import (
	"context"
	"crypto/ed25519"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

// Shape of the benchmark store: streams of benchVersions events, written
// benchWindow streams at a time in round robin, so that the global log
// interleaves streams as a busy operation's does.
const (
	benchVersions = 10
	benchWindow   = 1000
)

// BenchmarkVerify measures Check against a raw scan of the same store in
// the same run. LEDGER_VERIFY_BENCH_EVENTS sets the store size (default
// 200,000); LEDGER_VERIFY_BENCH_DIR keeps the store between runs.
//
//	LEDGER_VERIFY_BENCH_EVENTS=1000000 go test ./eventstore/verify -run '^$' -bench Verify -benchtime 3x
func BenchmarkVerify(b *testing.B) {
	n := 200_000
	if s := os.Getenv("LEDGER_VERIFY_BENCH_EVENTS"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(b, err)
	}
	dir := os.Getenv("LEDGER_VERIFY_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	dir = filepath.Join(dir, fmt.Sprintf("verify-bench-%d", n))
	buildBenchStore(b, dir, n)
	signer := benchSigner(b)
	adoptBenchStore(b, dir, signer)
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(b, err)
	defer store.Close()

	b.Run("scan", func(b *testing.B) {
		events := 0
		cpu := cpuTime()
		for range b.N {
			for _, err := range store.ReadAll(ctx, 0, 0) {
				if err != nil {
					b.Fatal(err)
				}
				events++
			}
		}
		reportRates(b, float64(events), cpu)
	})
	b.Run("verify", func(b *testing.B) {
		var events uint64
		cpu := cpuTime()
		for range b.N {
			rep, err := Check(ctx, store, Options{Verifier: signer.Verifier})
			require.NoError(b, err)
			require.Nil(b, rep.Problem)
			require.Equal(b, 1, rep.Checkpoints, "the tree is checked against the signed root")
			events += rep.Events
		}
		reportRates(b, float64(events), cpu)
	})
}

// BenchmarkStartupCheck is what `ledger serve` pays at start to check that
// the log is the one it last signed (LEDGER_VERIFY_BENCH_EVENTS as above):
// a few index look-ups, no event read.
func BenchmarkStartupCheck(b *testing.B) {
	n := 200_000
	if s := os.Getenv("LEDGER_VERIFY_BENCH_EVENTS"); s != "" {
		var err error
		n, err = strconv.Atoi(s)
		require.NoError(b, err)
	}
	dir := os.Getenv("LEDGER_VERIFY_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	dir = filepath.Join(dir, fmt.Sprintf("verify-bench-%d", n))
	buildBenchStore(b, dir, n)
	signer := benchSigner(b)
	adoptBenchStore(b, dir, signer)
	b.ResetTimer()
	for range b.N {
		store, err := sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer})
		require.NoError(b, err)
		require.NoError(b, store.Close())
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/start")
}

// benchSigner is a fixed key, so a kept bench store stays valid across runs.
func benchSigner(b testing.TB) *integrity.LogSigner {
	s, err := integrity.NewLogSigner(ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize)))
	require.NoError(b, err)
	return s
}

// adoptBenchStore signs the bench store's events once, as the first start
// of a server does for a log written before checkpoints.
func adoptBenchStore(b testing.TB, dir string, signer *integrity.LogSigner) {
	store, err := sqlite.OpenWith(context.Background(), dir, sqlite.Options{Signer: signer})
	require.NoError(b, err)
	require.NoError(b, store.Close())
}

// reportRates reports events per second of wall time and the CPU time (all
// threads) spent per event: on a shared machine the wall rate moves with
// the neighbours' load, the CPU cost much less.
func reportRates(b *testing.B, events float64, cpuBefore time.Duration) {
	b.ReportMetric(events/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64((cpuTime()-cpuBefore).Microseconds())/events, "cpu-µs/event")
}

// cpuTime is the user and system time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// buildBenchStore writes n sealed events straight into a new store file in
// one transaction; appending them through the store would take minutes of
// fsyncs and measure nothing of interest here.
func buildBenchStore(b testing.TB, dir string, n int) {
	if _, err := os.Stat(filepath.Join(dir, "ledger.db")); err == nil {
		return
	}
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(b, err)
	require.NoError(b, store.Close())
	db, err := sql.Open("sqlite", filepath.Join(dir, "ledger.db"))
	require.NoError(b, err)
	defer db.Close()
	tx, err := db.Begin()
	require.NoError(b, err)
	insStream, err := tx.Prepare("INSERT INTO streams(id, name) VALUES (?, ?)")
	require.NoError(b, err)
	insEvent, err := tx.Prepare(`INSERT INTO events(position, stream_id, version, event_id, type, data, metadata, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
	require.NoError(b, err)
	var x integrity.Hasher
	op := uuid.New()
	heads := make([]integrity.Hash, benchWindow)
	pos := 0
	for base := 0; pos < n; base += benchWindow {
		for i := range benchWindow {
			_, err := insStream.Exec(base+i+1, "actionpoint-"+uuid.NewString())
			require.NoError(b, err)
			heads[i] = integrity.Zero
		}
		for v := 1; v <= benchVersions && pos < n; v++ {
			for i := 0; i < benchWindow && pos < n; i++ {
				pos++
				stream, err := streamName(tx, base+i+1)
				require.NoError(b, err)
				ev := benchEvent(stream, uint64(v), op, pos)
				ev.Metadata, heads[i], err = x.Seal(ev, heads[i])
				require.NoError(b, err)
				_, err = insEvent.Exec(pos, base+i+1, v, ev.ID[:], ev.Type, ev.Data, ev.Metadata, time.Now().UnixNano())
				require.NoError(b, err)
			}
		}
	}
	require.NoError(b, tx.Commit())
}

func streamName(tx *sql.Tx, id int) (string, error) {
	var name string
	err := tx.QueryRow("SELECT name FROM streams WHERE id = ?", id).Scan(&name)
	return name, err
}

// benchEvent is sized like a progress report with its envelope: about 250
// bytes of payload and 400 of sealed metadata.
func benchEvent(stream string, v uint64, op uuid.UUID, pos int) integrity.Event {
	data := fmt.Appendf(nil, `{"percent":%d,"note":"distributed %d hygiene kits and 40 jerrycans in Kassala; water trucking continues, two boreholes repaired, next distribution planned with the branch volunteers"}`, v*10, pos)
	meta := fmt.Appendf(nil, `{"operation_id":"%s","occurred_at":"2026-11-22T12:00:00Z","recorded_at":"2026-11-22T12:00:01.123456Z","actor":{"id":"u-%d","role":"officer","component":"%s"},"class":"movement","idempotency_key":"%s"}`,
		op, pos%50, op, uuid.NewString())
	return integrity.Event{Stream: stream, Version: v, ID: uuid.New(), Type: "actionpoint.progress_reported.v1", Data: data, Metadata: meta}
}
