package webtest_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web/webtest"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/scripts/demo"
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
	waitForWorker(t, b)
	b.Go(url)
}

// waitKept waits until the worker's copy of the pages holds url.
func waitKept(t *testing.T, b *webtest.Browser, path string) {
	t.Helper()
	// the worker copies every page of every held operation in the
	// background: on a loaded machine that takes longer than one page load
	waitForUpTo(t, b, 45*time.Second, "the copy of "+path, `window.__kept = window.__kept || {}, caches.open('ledger-pages').then(c => c.match('`+path+`', {ignoreVary: true})).then(h => window.__kept['`+path+`'] = !!h), !!window.__kept['`+path+`']`)
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
	require.Equal(t, "/lang/en?back="+url.QueryEscape(capture), b.Attr(`nav.langs a[hreflang="en"]`, "href"), "the kept copy's language links come back to the page, not to its French copy")

	b.Go(site.Base + capture) // a plain visit stays in the language chosen
	require.Equal(t, "fr", b.Attr("html", "lang"))
}

// secondOperation opens another operation (as the admin) and makes an
// officer's token holding both it and the demo operation.
func secondOperation(t *testing.T, site *webtest.Site, name string) (uuid.UUID, string) {
	t.Helper()
	admin, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	res, err := demo.NewClient(site.Base, strings.TrimSpace(string(admin))).Execute(context.Background(), domain.OpenOperation{
		Header: domain.Header{IdempotencyKey: "second-op"}, ID: uuid.New(), Name: name, Country: "TCD",
		CrisisType: "flood", StartedAt: time.Now().Add(-48 * time.Hour), Severity: "medium"}, recorder.WriteOptions{})
	require.NoError(t, err)
	store, err := auth.OpenStore(site.Dir())
	require.NoError(t, err)
	_, secret, err := store.Create(auth.Spec{Name: "two operations", Role: auth.RoleOfficer, Operations: []uuid.UUID{site.Op, res.Ref.ID}})
	require.NoError(t, err)
	return res.Ref.ID, secret
}

// The list of the officer's operations, opened online, has the service worker
// keep every operation's home, capture forms and registers: offline, the
// capture page of an operation never opened loads from that copy and says it
// shows data as of an earlier time.
func TestOfflineEveryHeldOperationIsKeptFromTheList(t *testing.T) {
	site := webtest.Start(t)
	other, token := secondOperation(t, site, "Lake Chad floods response")
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, token)
	// Signing in landed on the list (a page load), which asks the worker to
	// keep every operation once it is installed: wait for that here, on the
	// list, since leaving it before the worker is ready would drop the ask.
	waitKept(t, b, "/ops/"+other.String()+"/contacts")
	onlineOnce(t, b, site.OpPath("")) // the demo operation's home: it keeps only its own pages
	// start again from an empty copy to see the list reached by the menu do it
	webtest.Eval[bool](b, `window.__marker = true, window.__kept = {}, caches.delete('ledger-pages').then(() => window.__emptied = true), true`)
	waitFor(t, b, "an empty copy", `window.__emptied === true`)
	b.Click(`nav a[href="/"]`) // the list by the menu (an htmx swap, no page load)
	b.WaitText("main", "Lake Chad floods response")
	require.True(t, webtest.Eval[bool](b, `window.__marker === true`), "no page load")
	for _, p := range []string{"", "/capture", "/capture?lang=fr", "/actions", "/contacts", "/components"} {
		waitKept(t, b, "/ops/"+other.String()+p)
	}
	for _, op := range []uuid.UUID{site.Op, other} {
		webtest.Eval[bool](b, `window.__size = null, caches.open('ledger-pages').then(c => c.keys().then(ks => Promise.all(ks.filter(k => k.url.includes('`+op.String()+`')).map(k => c.match(k).then(r => r.blob()).then(b => b.size))))).then(s => window.__size = [s.length, s.reduce((a, b) => a + b, 0)]), true`)
		waitFor(t, b, "the copy's size", `window.__size !== null`)
		t.Logf("operation %s kept for offline: [pages, bytes uncompressed] %v", op, webtest.Eval[[]int](b, `window.__size`))
	}

	link(t, b, true, 0, 0)
	waitFor(t, b, "offline", `!navigator.onLine`)
	b.Go(site.Base + "/ops/" + other.String() + "/capture")
	require.Equal(t, "capture.title", b.Attr("main", "data-page"), "the capture page, from the copy")
	require.Contains(t, webtest.Eval[string](b, `document.body.innerText`), "Lake Chad floods response", "the other operation's page")
	require.True(t, webtest.Eval[bool](b, `!!document.getElementById('stale')`), "the copy says it is as of an earlier time")
	require.Contains(t, b.Text("#stale"), message(t, "offline.en.json", "offline.stale"))
}

// One tab owns a capture draft: a second tab opening the same operation's
// capture page says it is open elsewhere and is read-only; when the owner
// closes, the second tab takes the draft over.
func TestOfflineOneTabOwnsTheDraft(t *testing.T) {
	site := webtest.Start(t)
	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	first, closeFirst := b.NewTab()
	first.Go(site.OpPath("/capture"))
	waitFor(t, first, "the draft owned", `document.documentElement.dataset.draft === 'owned'`)
	require.False(t, webtest.Eval[bool](first, `document.getElementById('raise-title').disabled`))

	second := b // the browser's own tab, to the capture page by the menu (an htmx swap, no page load)
	second.Go(site.OpPath(""))
	second.Click(`nav a[href$="/capture"]`)
	waitFor(t, second, "the capture page", `!!document.querySelector('form[data-command]')`)
	waitFor(t, second, "the draft open elsewhere", `document.documentElement.dataset.draft === 'elsewhere'`)
	require.Equal(t, message(t, "offline.en.json", "capture.open_elsewhere"), second.Text("#draft-elsewhere"))
	require.True(t, webtest.Eval[bool](second, `Array.from(document.querySelectorAll('form[data-command] input, form[data-command] button')).every(x => x.disabled)`), "read-only")
	require.False(t, webtest.Eval[bool](first, `document.getElementById('raise-title').disabled`), "the owner keeps writing")

	first.Click(`nav a[href$="/actions"]`) // the owner leaves the draft (an htmx swap) and comes back
	waitFor(t, second, "the draft taken over", `document.documentElement.dataset.draft === 'owned'`)
	first.Click(`nav a[href$="/capture"]`)
	waitFor(t, first, "the draft open elsewhere", `document.documentElement.dataset.draft === 'elsewhere'`)

	second.Click(`nav a[href$="/actions"]`) // the owner leaves: the first tab takes it back
	waitFor(t, first, "the draft taken back", `document.documentElement.dataset.draft === 'owned'`)
	second.Click(`nav a[href$="/capture"]`)
	waitFor(t, second, "the draft open elsewhere again", `document.documentElement.dataset.draft === 'elsewhere' && !!document.getElementById('draft-elsewhere')`)

	closeFirst() // the owner closes its tab
	waitFor(t, second, "the draft taken over", `document.documentElement.dataset.draft === 'owned'`)
	require.False(t, webtest.Eval[bool](second, `!!document.getElementById('draft-elsewhere') || document.getElementById('raise-title').disabled`))
}

// The capture and conflicts pages (a conflict open) in English, French and
// Arabic: no serious or critical axe-core violation; screenshots at 1280 and
// 360 px into the git-ignored screens folder.
func TestOfflinePagesAccessibleInEveryLanguage(t *testing.T) {
	site := webtest.Start(t)
	o := newOutbox(t, site)
	ap := uuid.New()
	due := time.Now().Add(10 * 24 * time.Hour).Truncate(24 * time.Hour)
	require.Equal(t, "applied", o.send("a11y-ap", "actionpoint.raise", map[string]any{"id": ap, "title": "Repair the Birendranagar water tower", "due_at": due}, -1, time.Now()).Outcome)
	require.Equal(t, "applied", o.send("a11y-theirs", "actionpoint.change_due_date", map[string]any{"id": ap, "due_at": due.AddDate(0, 0, 7), "reason": "parts arrive later"}, 1, time.Now()).Outcome)
	require.Equal(t, "conflict", newOutbox(t, site).send("a11y-mine", "actionpoint.change_due_date", map[string]any{"id": ap, "due_at": due.AddDate(0, 0, 21), "reason": "the road is cut"}, 1, time.Now()).Outcome)

	b := webtest.NewBrowser(t)
	b.SignIn(site.Base, site.Token(t, auth.RoleOfficer))
	counts := map[string]int{}
	for _, page := range []string{"capture", "conflicts"} {
		path := "/ops/" + site.Op.String() + "/" + page
		b.Shots(site.Base, path, "offline-"+page)
		for _, lang := range webtest.Langs {
			b.Go(site.Base + "/lang/" + lang + "?back=" + path)
			require.Equal(t, lang, b.Attr("html", "lang"))
			require.Equal(t, page+".title", b.Attr("main", "data-page"), "%s in %s", page, lang)
			for _, v := range b.Axe(t) {
				counts[v.Impact]++
			}
		}
	}
	require.Contains(t, b.Text("main"), ap.String()[:8], "the conflicts page shows the open conflict")
	t.Logf("axe-core violations over capture and conflicts × %d languages, by impact: %v", len(webtest.Langs), counts)
}
