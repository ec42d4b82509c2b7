package webtest

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// browserPaths are where Debian and others put Chromium.
var browserPaths = []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/chromium-headless-shell",
	"/usr/bin/google-chrome", "/usr/lib/chromium/chromium"}

// findBrowser returns a Chromium to drive. With none, a test skips, unless
// CI is set: there a missing browser is a failure, never a silent skip.
func findBrowser(t testing.TB) string {
	t.Helper()
	if p := os.Getenv("LEDGER_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range browserPaths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("CI") != "" {
		t.Fatal("no Chromium found (CI is set, so this fails rather than skips): apt-get install -y chromium, or set LEDGER_CHROMIUM")
	}
	t.Skip("browser journeys skipped: no Chromium on this machine (apt-get install -y chromium, or set LEDGER_CHROMIUM)")
	return ""
}

// Browser is one headless Chromium with an empty profile.
type Browser struct {
	t   testing.TB
	ctx context.Context
}

// NewBrowser starts Chromium; it is closed when the test ends.
func NewBrowser(t testing.TB) *Browser {
	t.Helper()
	path := findBrowser(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	require.NoError(t, chromedp.Do(ctx), "start Chromium at %s", path)
	return &Browser{t: t, ctx: ctx}
}

// do performs actions with a bound, failing the test on an error.
func (b *Browser) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	require.NoError(b.t, chromedp.Do(ctx, actions...), what)
}

// get runs one action that returns a value.
func get[T any](b *Browser, what string, a chromedp.Action[T]) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	require.NoError(b.t, err, what)
	return v
}

// Go opens a URL and waits for the page.
func (b *Browser) Go(url string) {
	b.t.Helper()
	b.do("open "+url, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body")))
}

// SignIn pastes a token into the sign-in form, as a person does.
func (b *Browser) SignIn(base, token string) {
	b.t.Helper()
	b.Go(base + "/signin")
	b.Fill("#token", token)
	b.Submit("#token")
	b.do("signed in", chromedp.WaitReady(chromedp.CSS("nav.main")))
}

// Fill types a value into a field (selected by CSS).
func (b *Browser) Fill(sel, value string) {
	b.t.Helper()
	b.do("fill "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

// Check ticks a checkbox or radio.
func (b *Browser) Check(sel string) {
	b.t.Helper()
	b.do("tick "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Select chooses an option by value.
func (b *Browser) Select(sel, value string) {
	b.t.Helper()
	b.do("select "+sel, chromedp.SetValue(chromedp.CSS(sel), value))
}

// Click clicks an element (a link, a button).
func (b *Browser) Click(sel string) {
	b.t.Helper()
	b.do("click "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// Submit submits the form holding sel and waits for the next page.
func (b *Browser) Submit(sel string) {
	b.t.Helper()
	b.do("submit "+sel, chromedp.Submit(chromedp.CSS(sel)), chromedp.Sleep(500*time.Millisecond), chromedp.WaitReady(chromedp.CSS("body")))
}

// Text is the visible text of the first element matching sel.
func (b *Browser) Text(sel string) string {
	b.t.Helper()
	return get(b, "read "+sel, chromedp.Text(chromedp.CSS(sel)))
}

// Attr is an attribute of the first element matching sel.
func (b *Browser) Attr(sel, name string) string {
	b.t.Helper()
	return get(b, "read "+sel+"@"+name, chromedp.AttributeValue(chromedp.CSS(sel), name)).Value
}

// Location is the current URL.
func (b *Browser) Location() string {
	b.t.Helper()
	return get(b, "location", chromedp.Location())
}

// Eval runs a script in the page and returns its result.
func Eval[T any](b *Browser, js string) T {
	b.t.Helper()
	return get(b, "eval", chromedp.Evaluate[T](js))
}

// Context is the browser's context, for chromedp actions the helpers lack.
func (b *Browser) Context() context.Context { return b.ctx }

// RowID is the id of the tracker row whose text contains text.
func (b *Browser) RowID(text string) string {
	b.t.Helper()
	id := Eval[string](b, `(() => { for (const r of document.querySelectorAll('#tracker tbody tr')) { if (r.textContent.includes(`+jsString(text)+`)) return r.id.replace('ap-',''); } return ''; })()`)
	require.NotEmpty(b.t, id, "no tracker row holds %q", text)
	return id
}

// WaitText waits until sel's text contains want (after an htmx swap).
func (b *Browser) WaitText(sel, want string) {
	b.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(b.ctx, 2*time.Second)
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		cancel()
		if err == nil && strings.Contains(s, want) {
			return
		}
		if time.Now().After(deadline) {
			b.t.Fatalf("%s never showed %q (last: %q, err %v)", sel, want, s, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func jsString(s string) string {
	j, _ := json.Marshal(s)
	return string(j)
}

// Keys types keys into the focused element ("\t" is Tab, "\r" is Enter).
func (b *Browser) Keys(keys string) {
	b.t.Helper()
	b.do("keys", chromedp.KeyEvent(keys))
}

// Focused describes the focused element: its id, else its tag and text.
func (b *Browser) Focused() string {
	b.t.Helper()
	return Eval[string](b, `(e => e.id || (e.tagName + ':' + (e.textContent || '').trim()))(document.activeElement)`)
}

// TabTo presses Tab until the element with id is focused, failing after max presses.
func (b *Browser) TabTo(id string, max int) int {
	b.t.Helper()
	for n := 1; n <= max; n++ {
		b.Keys("\t")
		if b.Focused() == id {
			return n
		}
	}
	b.t.Fatalf("%s was not reached with %d presses of Tab", id, max)
	return 0
}

// WithoutJavaScript turns script execution off in this tab, as on a phone
// with JavaScript disabled or a script that failed to load.
func (b *Browser) WithoutJavaScript() {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(b.t, err, "disable JavaScript")
}

// NewTab opens another tab of the same browser (same profile, cookies,
// service worker and storage); close closes it (else the test's end does).
func (b *Browser) NewTab() (tab *Browser, close func()) {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx)
	b.t.Cleanup(cancel)
	require.NoError(b.t, chromedp.Do(ctx), "open a tab")
	return &Browser{t: b.t, ctx: ctx}, cancel
}
