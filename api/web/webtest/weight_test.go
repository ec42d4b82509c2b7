package webtest_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// client signs in over plain HTTP (as a browser without JavaScript) and
// counts the bytes on the wire, gzip as sent.
type client struct {
	t    *testing.T
	http *http.Client
}

func signedIn(t *testing.T, site *webtest.Site, token string) *client {
	jar, _ := cookiejar.New(nil)
	c := &client{t: t, http: &http.Client{Jar: jar, Transport: &http.Transport{DisableCompression: true}}}
	body := c.plain(site.Base + "/signin")
	csrf := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(body)
	require.Len(t, csrf, 2)
	res, err := c.http.PostForm(site.Base+"/signin", url.Values{"csrf": {csrf[1]}, "token": {token}, "next": {"/"}})
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	return c
}

// get returns the bytes transferred (gzip, as a browser asks) and the raw body.
func (c *client) get(u string) (int, string) {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := c.http.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(c.t, err)
	require.Equal(c.t, http.StatusOK, res.StatusCode, u)
	return len(b), string(b)
}

func (c *client) plain(u string) string {
	res, err := c.http.Get(u)
	require.NoError(c.t, err)
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

// The operation home on a first visit (HTML, CSS, JS, gzip) stays under
// 60 KB; every later page (its HTML; the assets are cached for a year under
// content-hashed names) under 20 KB. The figures are logged for the README.
func TestPageWeightOnAPoorConnection(t *testing.T) {
	site := webtest.Start(t)
	c := signedIn(t, site, site.Token(t, auth.RoleOfficer))
	home := site.OpPath("")
	assets := regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`).FindAllStringSubmatch(c.plain(home), -1)
	require.NotEmpty(t, assets)
	first, _ := c.get(home)
	for _, a := range assets {
		n, _ := c.get(site.Base + a[1])
		first += n
	}
	t.Logf("first visit to the operation home: %d bytes (HTML, CSS, JS, gzip)", first)
	require.LessOrEqual(t, first, 60*1024)
	for _, p := range []string{"/actions", "/decisions", "/meetings", "/meetings/new", "/compliance", "/components", "/contacts"} {
		n, _ := c.get(site.OpPath(p))
		t.Logf("later page %s: %d bytes", p, n)
		require.LessOrEqual(t, n, 20*1024, p)
	}
	res, err := c.http.Get(site.Base + assets[0][1])
	require.NoError(t, err)
	res.Body.Close()
	require.True(t, strings.Contains(res.Header.Get("Cache-Control"), "immutable"), "hashed assets are cached for good")

	var took []time.Duration
	for range 200 {
		start := time.Now()
		c.get(home)
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	t.Logf("operation home, demo data, 200 requests over loopback: p50 %v, p99 %v", took[len(took)/2], took[len(took)*99/100])
}
