package demo_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/scripts/demo"
)

// serve runs the real server on a fresh data directory, and returns its base
// URL and first-run admin token.
func serve(t *testing.T) (base, admin string) {
	t.Helper()
	dir := t.TempDir()
	srv := servertest.Start(t, dir, nil)
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	return srv.Base, strings.TrimSpace(string(raw))
}

func TestDemoOverHTTPFillsARunningServerOnce(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base, admin := serve(t)
	now := time.Now().UTC()

	client := demo.NewClient(base, admin)
	sum, err := demo.Run(ctx, client, now, nil)
	require.NoError(t, err)
	require.Equal(t, demo.Commands, sum.Commands)
	require.Equal(t, demo.Commands, sum.Written, "a fresh server records every command")

	again, err := demo.Run(ctx, client, now.Add(time.Hour), nil)
	require.NoError(t, err)
	require.Equal(t, demo.Commands, again.Duplicates, "a second run with the same tokens writes nothing")
	require.Equal(t, sum.OperationID, again.OperationID)

	// A new client would get a new officer token: another principal, whose
	// keys are its own. It stops at the operation rather than write twice.
	other, err := demo.Run(ctx, demo.NewClient(base, admin), now.Add(time.Hour), nil)
	require.ErrorIs(t, err, demo.ErrRecordedByAnotherClient)
	require.Zero(t, other.Written)

	states := actionPointStates(t, ctx, base, admin, sum)
	t.Logf("action points by state over HTTP: %v", states)
	for _, st := range []domain.APState{domain.APOpen, domain.APInProgress, domain.APBlocked, domain.APCompleted,
		domain.APVerified, domain.APCancelled} {
		require.Positive(t, states[st], "an action point is %s", st)
	}
}

// actionPointStates reads the operation's action point register once the
// views have applied the demo's last write.
func actionPointStates(t *testing.T, ctx context.Context, base, token string, sum demo.Summary) map[domain.APState]int {
	t.Helper()
	url := base + "/api/v1/operations/" + sum.OperationID.String() + "/action-points?limit=200&at_least=" +
		strconv.FormatUint(sum.LastPosition, 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var reg struct {
		OperationID uuid.UUID `json:"operation_id"`
		Items       []struct {
			State domain.APState `json:"state"`
		} `json:"items"`
		NextCursor string `json:"next_cursor"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&reg))
	require.Empty(t, reg.NextCursor, "one page holds every action point")
	states := map[domain.APState]int{}
	for _, it := range reg.Items {
		states[it.State]++
	}
	return states
}

// TestClientLoadReadsTheRecordAsTheServiceFoldsIt: Load turns the API's
// snake_case state back into the domain aggregate, embedded base, lists and
// data-keyed maps included.
func TestClientLoadReadsTheRecordAsTheServiceFoldsIt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base, admin := serve(t)
	c := demo.NewClient(base, admin)
	sum, err := demo.Run(ctx, c, time.Now(), nil)
	require.NoError(t, err)

	agg, err := c.Load(ctx, domain.Ref{Kind: domain.KindOperation, ID: sum.OperationID})
	require.NoError(t, err)
	op, ok := agg.(*domain.Operation)
	require.True(t, ok, "got %T", agg)
	require.Equal(t, sum.OperationID, op.ID)
	require.Equal(t, sum.OperationID, op.OperationID, "an operation is its own")
	require.Positive(t, op.Version)
	require.Equal(t, "Western Nepal earthquake response", op.Name)
	require.Equal(t, "critical", op.Severity)
	require.Equal(t, domain.List[domain.ComponentKind]{domain.ComponentHNS}, op.ConveningAll)
	require.Len(t, op.Ladder, 5)
	require.Equal(t, "ops_committee", op.Ladder[1].Key)
	require.Len(t, op.Conveners, 2)
	require.Contains(t, op.LeadRoles, "restoring family links")

	_, err = c.Load(ctx, domain.Ref{Kind: domain.KindOperation, ID: uuid.New()})
	var problem *demo.ProblemError
	require.ErrorAs(t, err, &problem)
	require.Equal(t, http.StatusNotFound, problem.Status)
}

// TestClientReportsTheServersProblem: a refused request fails the demo with
// the problem document's status, code and detail, not a bare status line.
func TestClientReportsTheServersProblem(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	base, _ := serve(t)
	_, err := demo.Run(ctx, demo.NewClient(base, "not-a-token"), time.Now(), nil)
	var problem *demo.ProblemError
	require.ErrorAs(t, err, &problem)
	require.Equal(t, http.StatusUnauthorized, problem.Status)
	require.NotEmpty(t, problem.Detail)
	require.Contains(t, err.Error(), "demo step 1 (demo-operation)")
	require.Contains(t, err.Error(), problem.Detail)
}
