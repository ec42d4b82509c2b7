package web_test

import (
	"bytes"
	"html"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// A change made after the tracker was read but before its live stream
// connected (a slow link, a busy browser) is still announced: the page says
// where it read the views, and the stream reports anything since.
func TestTheLiveStreamAnnouncesAChangeMadeBeforeItConnected(t *testing.T) {
	site := webtest.Start(t)
	token := site.Token(t, auth.RoleOfficer)
	b := newBrowser(t, site.Base)
	b.signIn(token)
	_, page := b.get("/ops/" + site.Op.String() + "/actions")
	live := regexp.MustCompile(`sse-connect="([^"]+)"`).FindStringSubmatch(page)
	require.Len(t, live, 2, "the tracker holds a live stream")

	raise := func() {
		req, _ := http.NewRequest(http.MethodPost, site.Base+"/api/v1/operations/"+site.Op.String()+"/action-points",
			bytes.NewBufferString(`{"title":"Chlorinate the wells","due_at":"`+time.Now().AddDate(0, 0, 7).UTC().Format(time.RFC3339)+`"}`))
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", "live-before-connect")
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		require.Less(t, res.StatusCode, 300)
	}
	// another officer writes before the page's stream connects, and the
	// views apply it, so the stream starts after it
	raise()
	require.Eventually(t, func() bool {
		_, again := b.get("/ops/" + site.Op.String() + "/actions")
		return bytes.Contains([]byte(again), []byte("Chlorinate the wells"))
	}, 10*time.Second, 50*time.Millisecond)

	_, stream := b.get(html.UnescapeString(live[1]))

	require.Contains(t, stream, "event: changed", "the stream announces the change made since the page was read")
}
