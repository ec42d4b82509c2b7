package webtest_test

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// The review bundle and the public key a reviewer downloads from the
// integrity page verify offline, as `ledger verify --bundle --public-key`
// checks them; analysts get neither.
func TestReviewBundleFromTheIntegrityPageVerifies(t *testing.T) {
	site := webtest.Start(t)
	c := signedIn(t, site, site.Token(t, auth.RoleReviewer))
	page := c.ok(site.OpPath("/integrity"))
	require.Contains(t, page, "/integrity/bundle")
	key := c.ok(site.OpPath("/integrity/public-key"))
	raw := c.ok(site.OpPath("/integrity/bundle"))

	pub, err := base64.StdEncoding.DecodeString(strings.TrimSpace(key))
	require.NoError(t, err)
	v, err := integrity.NewLogVerifier(ed25519.PublicKey(pub))
	require.NoError(t, err)
	var b verify.Bundle
	require.NoError(t, json.Unmarshal([]byte(raw), &b))
	require.NotEmpty(t, b.Events)
	require.NoError(t, verify.VerifyBundle(b, v))

	analyst := signedIn(t, site, site.Token(t, auth.RoleAnalyst))
	for _, p := range []string{"/integrity", "/integrity/bundle", "/integrity/public-key", "/audit"} {
		res, err := analyst.http.Get(site.OpPath(p))
		require.NoError(t, err)
		res.Body.Close()
		require.Equal(t, http.StatusForbidden, res.StatusCode, p)
	}
}

// ok is the body of a page that must answer 200.
func (c *client) ok(u string) string {
	c.t.Helper()
	res, err := c.http.Get(u)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	require.Equal(c.t, http.StatusOK, res.StatusCode, "%s: %s", u, b)
	return string(b)
}

// The reviewer's and analyst's pages stay within the 20 KB (gzip) of a
// later page on a poor connection; the sizes are logged for the README.
func TestReviewAndAnalysisPagesWeighLittle(t *testing.T) {
	site := webtest.Start(t)
	c := signedIn(t, site, site.Token(t, auth.RoleReviewer))
	for _, p := range []string{"/timeline", "/figures", "/audit?from=2020-01-01&to=2100-01-01", "/integrity", "/decisions?as_of=2100-01-01&as_of_basis=occurred"} {
		n, _ := c.get(site.OpPath(p))
		t.Logf("reviewer page %s: %d bytes (gzip)", p, n)
		require.LessOrEqual(t, n, 20*1024, p)
	}
	// An as-of page replays the log into fresh views: how long that takes
	// with the demo's events, for the README.
	var took []time.Duration
	for range 20 {
		start := time.Now()
		c.get(site.OpPath("/decisions?as_of=2100-01-01&as_of_basis=occurred"))
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	t.Logf("decision register as it stood on a date (demo log replayed): p50 %v, max %v over %d requests", took[len(took)/2], took[len(took)-1], len(took))
}
