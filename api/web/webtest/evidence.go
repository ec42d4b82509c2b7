package webtest

import (
	"context"
	_ "embed"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

//go:embed testdata/axe.min.js
var axeSource string

// ScreensDir is where screenshots go (git-ignored).
func ScreensDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "screens")
}

// Widths are the screens the pages are checked on: a desktop and a 360 px phone.
var Widths = []int64{1280, 360}

// Langs are the languages screenshots are taken in.
var Langs = []string{"en", "fr", "ar"}

// Shots photographs the page at url in every language and width:
// screens/<name>-<lang>-<width>.png. The language stays the last one.
func (b *Browser) Shots(base, url, name string) {
	b.t.Helper()
	require.NoError(b.t, os.MkdirAll(ScreensDir(), 0o755))
	for _, lang := range Langs {
		b.Go(base + "/lang/" + lang + "?back=" + url)
		for _, w := range Widths {
			png, err := b.fullPage(w)
			require.NoError(b.t, err, "screenshot %s %s %d", name, lang, w)
			require.NoError(b.t, os.WriteFile(filepath.Join(ScreensDir(), fmt.Sprintf("%s-%s-%d.png", name, lang, w)), png, 0o644))
		}
	}
	b.do("desktop again", chromedp.EmulateViewport(1280, 900))
}

// fullPage photographs the whole page at a width: the viewport is made as
// tall as the page, then captured as it is (chromedp's FullScreenshot
// shifts right-to-left pages by their layout offset).
func (b *Browser) fullPage(width int64) ([]byte, error) {
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, 900), chromedp.Sleep(150*time.Millisecond)); err != nil {
		return nil, err
	}
	h, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`Math.ceil(document.documentElement.scrollHeight)`))
	if err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, max(h, 300)), chromedp.Sleep(150*time.Millisecond)); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.CaptureScreenshot())
}

// Violation is one axe-core rule broken on a page.
type Violation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  int    `json:"nodes"`
	Target string `json:"target"`
}

// Axe runs axe-core (WCAG 2 A and AA rules) on the current page. The test
// fails on a serious or critical violation; all violations are returned, so
// a journey can report the counts.
func (b *Browser) Axe(t testing.TB) []Violation {
	t.Helper()
	vs := b.AxeViolations()
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("axe: %s (%s) on %d element(s), e.g. %s: %s — %s", v.ID, v.Impact, v.Nodes, v.Target, v.Help, b.Location())
		}
	}
	return vs
}

// AxeViolations runs axe-core on the current page and returns what it found.
func (b *Browser) AxeViolations() []Violation {
	t := b.t
	t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](axeSource+";true"))
	require.NoError(t, err, "inject axe-core")
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]Violation](`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.length, target: String(v.nodes[0] && v.nodes[0].target)})))`, chromedp.EvalAwaitPromise))
	require.NoError(t, err, "run axe-core")
	return vs
}
