package webtest_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// message reads one message of the web catalogue as a translator wrote it.
func message(t *testing.T, file, id string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "i18n", "locales", file))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	s, ok := m[id].(string)
	require.True(t, ok, "%s in %s", id, file)
	return s
}

// onlineOnce opens a page online until the service worker controls it, and
// once more so the worker keeps what the page asks it to keep.
func onlineOnce(t *testing.T, b *webtest.Browser, url string) {
	t.Helper()
	b.Go(url)
	waitFor(t, b, "the service worker", `!!navigator.serviceWorker.controller`)
	b.Go(url)
}

// waitKept waits until the worker's copy of the pages holds url.
func waitKept(t *testing.T, b *webtest.Browser, path string) {
	t.Helper()
	waitFor(t, b, "the copy of "+path, `window.__kept = window.__kept || {}, caches.open('ledger-pages').then(c => c.match('`+path+`', {ignoreVary: true})).then(h => window.__kept['`+path+`'] = !!h), !!window.__kept['`+path+`']`)
}

// The capture forms are kept in every language: offline, an officer whose
// last online visit was in English switches to French and gets the French
// form, from the copy.
func TestOfflineCaptureFormInTheLanguageChosen(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	b.Go(site.Base + "/lang/en?back=/")
	onlineOnce(t, b, site.OpPath("/capture"))
	require.Equal(t, "en", b.Attr("html", "lang"))
	capture := "/ops/" + site.Op.String() + "/capture"
	for _, lang := range []string{"en", "fr", "ar", "es"} {
		waitKept(t, b, capture+"?lang="+lang)
	}

	link(t, b, true, 0, 0)
	waitFor(t, b, "offline", `!navigator.onLine`)
	b.Go(site.Base + "/lang/fr?back=" + capture)
	require.Equal(t, "fr", b.Attr("html", "lang"))
	require.Equal(t, message(t, "offline.fr.json", "capture.meeting"), b.Text("#h-meeting"))
	require.True(t, webtest.Eval[bool](b, `!!document.getElementById('stale')`), "the copy says it is as of an earlier time")

	b.Go(site.Base + capture) // a plain visit stays in the language chosen
	require.Equal(t, "fr", b.Attr("html", "lang"))
}
