package webtest_test

import (
	"bytes"
	"fmt"
	"net/http"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// bigOperation is how many action points the heavy measurement adds.
const bigOperation = 10_000

// With 10,000 action points (half of them overdue) the operation home and
// the tracker stay within their page budgets, and the home's render time is
// measured. Opt-in (it writes 10,000 commands): LEDGER_WEB_BENCH=1.
func TestOperationHomeWith10000ActionPoints(t *testing.T) {
	if os.Getenv("LEDGER_WEB_BENCH") == "" {
		t.Skip("set LEDGER_WEB_BENCH=1 to write 10,000 action points and measure the pages")
	}
	site := webtest.Start(t)
	token := site.Token(t, auth.RoleOfficer)
	raiseMany(t, site, token, bigOperation)
	c := signedIn(t, site, token)
	home, _ := c.get(site.OpPath(""))
	tracker, _ := c.get(site.OpPath("/actions"))
	overdue, _ := c.get(site.OpPath("/actions?overdue=1&page=3"))
	t.Logf("with %d more action points: home %d bytes, tracker %d bytes, overdue page 3 %d bytes (gzip)", bigOperation, home, tracker, overdue)
	require.LessOrEqual(t, home, 20*1024)
	require.LessOrEqual(t, tracker, 20*1024)
	require.Contains(t, c.plain(site.OpPath("/actions")), `rel="next"`, "the tracker pages")
	var took []time.Duration
	for range 100 {
		start := time.Now()
		c.get(site.OpPath(""))
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	t.Logf("operation home with %d action points, 100 requests: p50 %v, p99 %v", bigOperation, took[50], took[99])
}

// raiseOverdue raises one action point due yesterday, through the API.
func raiseOverdue(t *testing.T, site *webtest.Site, token, title string) {
	body := fmt.Sprintf(`{"title":%q,"due_at":%q}`, title, time.Now().AddDate(0, 0, -1).UTC().Format(time.RFC3339))
	req, _ := http.NewRequest(http.MethodPost, site.Base+"/api/v1/operations/"+site.Op.String()+"/action-points", bytes.NewBufferString(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", "overdue-"+title)
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Less(t, res.StatusCode, 300, res.Status)
}

// raiseMany raises n action points through the API, 8 at a time.
func raiseMany(t *testing.T, site *webtest.Site, token string, n int) {
	url := site.Base + "/api/v1/operations/" + site.Op.String() + "/action-points"
	jobs := make(chan int)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for i := range jobs {
				due := time.Now().AddDate(0, 0, i%60-30).UTC().Format(time.RFC3339)
				body := fmt.Sprintf(`{"title":"Load test action %d","due_at":%q}`, i, due)
				req, _ := http.NewRequest(http.MethodPost, url, bytes.NewBufferString(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Idempotency-Key", "load-"+strconv.Itoa(i))
				res, err := http.DefaultClient.Do(req)
				if err == nil {
					res.Body.Close()
					if res.StatusCode >= 300 {
						err = fmt.Errorf("action point %d: %s", i, res.Status)
					}
				}
				if err != nil {
					select {
					case errs <- err:
					default:
					}
					return
				}
			}
		})
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(errs)
	require.NoError(t, <-errs)
}
