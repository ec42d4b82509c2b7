package sqlite_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/sqlite"
)

const crashDirEnv = "LEDGER_CRASH_DIR"

// crashPayload is what the child writes; the parent checks each event it
// finds against it, so a torn or mixed-up event cannot pass.
type crashPayload struct {
	Stream string `json:"stream"`
	Index  int    `json:"index"` // place in its append
	Of     int    `json:"of"`    // events in its append
	Pad    string `json:"pad"`
}

type ack struct {
	Stream   string
	Version  uint64
	Position uint64
	IDs      []uuid.UUID
}

// TestCrashChild is the child process of TestCrashSafety: it appends from
// several goroutines until it is killed, printing a line per acknowledged
// append. It does nothing in a normal test run.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("runs only as the child of TestCrashSafety")
	}
	store, err := sqlite.Open(context.Background(), dir)
	if err != nil {
		fmt.Println("open-failed", err)
		os.Exit(3)
	}
	var out sync.Mutex
	for w := range 4 {
		go func() {
			stream := fmt.Sprintf("crash-%d-%s", w, uuid.NewString())
			for v := uint64(0); ; {
				n := 1 + rand.IntN(3)
				evs := make([]eventstore.EventData, n)
				for i := range evs {
					data, _ := json.Marshal(crashPayload{Stream: stream, Index: i, Of: n, Pad: strings.Repeat("p", rand.IntN(2000))})
					evs[i] = eventstore.EventData{ID: uuid.Must(uuid.NewV7()), Type: "crash.appended.v1", Data: data}
				}
				res, err := store.Append(context.Background(), stream, eventstore.Exact(v), evs...)
				if err != nil {
					fmt.Println("append-failed", err)
					os.Exit(4)
				}
				v = res.Version
				line, _ := json.Marshal(ack{Stream: stream, Version: res.Version, Position: res.Position, IDs: ids(evs)})
				out.Lock()
				fmt.Printf("ack %s\n", line)
				out.Unlock()
			}
		}()
	}
	select {}
}

func ids(evs []eventstore.EventData) []uuid.UUID {
	out := make([]uuid.UUID, len(evs))
	for i, ev := range evs {
		out[i] = ev.ID
	}
	return out
}

// TestCrashSafety kills a writing child process with SIGKILL at random
// moments; after each kill, every acknowledged append is present and whole,
// and global positions have no gaps.
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns child processes")
	}
	dir := t.TempDir()
	var acked []ack
	for round := range 12 {
		acks := runAndKill(t, dir, time.Duration(20+rand.IntN(300))*time.Millisecond)
		require.NotEmpty(t, acks, "round %d: the child acknowledged nothing", round)
		acked = append(acked, acks...)
		checkAfterCrash(t, dir, acked)
	}
}

func runAndKill(t *testing.T, dir string, after time.Duration) []ack {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashDirEnv+"="+dir)
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	lines := make(chan string, 1<<16)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var acks []ack
	deadline := time.After(10 * time.Second)
	killAt := time.After(after)
	for killed := false; ; {
		select {
		case line, ok := <-lines:
			if !ok {
				_ = cmd.Wait()
				return acks
			}
			acks = append(acks, parseAck(t, line))
			if len(acks) == 1 {
				killAt = time.After(after) // count from the first ack, once the child is writing
			}
		case <-killAt:
			if len(acks) > 0 && !killed {
				require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
				killed = true
			}
		case <-deadline:
			_ = cmd.Process.Kill()
			t.Fatalf("child did not finish in time")
		}
	}
}

func parseAck(t *testing.T, line string) ack {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "ack ")
	require.True(t, ok, "child said: %s", line)
	var a ack
	require.NoError(t, json.Unmarshal([]byte(rest), &a))
	return a
}

func checkAfterCrash(t *testing.T, dir string, acked []ack) {
	t.Helper()
	ctx := context.Background()
	store, err := sqlite.Open(ctx, dir)
	require.NoError(t, err)
	defer func() { require.NoError(t, store.Close()) }()
	byID := map[uuid.UUID]eventstore.RecordedEvent{}
	prev := crashPayload{Of: 1} // as if a whole append came before the first
	next := uint64(1)
	for ev, err := range store.ReadAll(ctx, 0, 0) {
		require.NoError(t, err)
		require.Equal(t, next, ev.Position, "positions gapless")
		next++
		var p crashPayload
		require.NoError(t, json.Unmarshal(ev.Data, &p), "event %d is whole", ev.Position)
		require.Equal(t, ev.Stream, p.Stream)
		// One append's events are contiguous in the log: each follows its
		// predecessor in the same append, and none is left unfinished.
		if p.Index > 0 {
			require.Equal(t, crashPayload{Stream: p.Stream, Index: p.Index - 1, Of: p.Of}, crashPayload{Stream: prev.Stream, Index: prev.Index, Of: prev.Of})
		} else {
			require.Equal(t, prev.Of-1, prev.Index, "append before position %d is whole", ev.Position)
		}
		prev = p
		byID[ev.ID] = ev
	}
	require.Equal(t, prev.Of-1, prev.Index, "the last append is whole")
	for _, a := range acked {
		last, ok := byID[a.IDs[len(a.IDs)-1]]
		require.True(t, ok, "acknowledged append to %s at version %d is present", a.Stream, a.Version)
		require.Equal(t, a.Position, last.Position)
		require.Equal(t, a.Version, last.Version)
	}
	t.Logf("after crash: %d events, %d acknowledged appends all present", next-1, len(acked))
}
