package webtest_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// The first run in a browser: the admin signs in with the token serve
// printed, opens an operation from the menu, lands on the token form with it
// ticked, creates an officer's token and reads it once. The admin pages
// pass axe-core in English, French and Arabic.
func TestTheAdminsFirstRunInABrowser(t *testing.T) {
	site := webtest.Start(t)
	secret, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, strings.TrimSpace(string(secret)))

	b.Click("nav.main a[href='/admin/operations/new']")
	b.WaitText("h1", "Open an operation")
	b.Fill("#name", "Lake Chad floods response")
	b.Fill("#country", "TCD")
	b.Fill("#crisis_type", "flood")
	b.Submit("#name")
	b.WaitText("h1", "Create a token")
	require.True(t, webtest.Eval[bool](b, `document.querySelector('input[name=operations]:checked') !== null`), "the new operation is ticked")
	b.Fill("#name", "N'Djamena desk")
	b.Submit("#name")
	b.WaitText("h1", "Token created")
	require.True(t, strings.HasPrefix(webtest.Eval[string](b, `document.querySelector('#secret').value`), "lgr_"))
	b.Axe(t)

	counts := map[string]int{}
	for _, path := range []string{"/", "/admin/operations/new", "/admin/tokens", "/admin/tokens/new"} {
		for _, lang := range webtest.Langs {
			b.Go(site.Base + "/lang/" + lang + "?back=" + url.QueryEscape(path))
			require.NotEqual(t, "error.title", b.Attr("main", "data-page"), "%s in %s", path, lang)
			require.NotRegexp(t, `\badmin\.[a-z_]+`, b.Text("main"), "%s in %s shows a message id", path, lang)
			for _, v := range b.Axe(t) {
				counts[v.Impact]++
			}
		}
	}
	t.Logf("axe-core violations over 4 admin pages × %d languages, by impact: %v", len(webtest.Langs), counts)
}
