package httpapi_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Officers who read version 1 race to change the record: exactly one wins,
// the others are told to reload (412), and nothing is overwritten blindly.
func TestConcurrentIfMatchWritesHaveOneWinner(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.raiseAP("Deploy ORPs")
	const writers = 8
	statuses := make([]int, writers)
	var wg sync.WaitGroup
	for i := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = e.cmd(e.officer, "actionpoint.report_progress",
				map[string]any{"id": id, "percent": 10 + i, "note": "update"}, "If-Match", "1").Status
		}()
	}
	wg.Wait()
	won := 0
	for _, s := range statuses {
		require.Contains(t, []int{http.StatusOK, http.StatusPreconditionFailed}, s)
		if s == http.StatusOK {
			won++
		}
	}
	require.Equal(t, 1, won, "statuses: %v", statuses)
	require.Equal(t, `"2"`, e.get(e.officer, recordPath("actionpoint", id)).Header.Get("ETag"))
}
