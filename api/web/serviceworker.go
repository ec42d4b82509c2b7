package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"text/template"

	"github.com/labstack/echo/v4"
)

// The service worker must be served from the root to control every page, and
// unhashed (the browser compares its bytes to update it), so it is a
// template filled with the hashed names of the assets it keeps: a new asset
// changes its bytes, and the browser installs the new one.
var swTemplate = template.Must(template.New("sw").Parse(swSource))

// shellAssets are the files every page needs, kept for offline use.
var shellAssets = []string{"app.css", "htmx.min.js", "sse.min.js", "outbox.js"}

// withoutLang is the page's address without its one-request ?lang=: the
// language links of a capture page kept in every language must come back
// to the page in the language then chosen, not the kept one.
func withoutLang(u *url.URL) string {
	q := u.Query()
	if !q.Has("lang") {
		return u.RequestURI()
	}
	q.Del("lang")
	v := url.URL{Path: u.Path, RawQuery: q.Encode()}
	return v.RequestURI()
}

// serviceWorker serves /sw.js.
func (w *Web) serviceWorker(c echo.Context) error {
	body := w.sw
	h := c.Response().Header()
	h.Set("Cache-Control", "no-cache")
	h.Set("Service-Worker-Allowed", "/")
	return c.Blob(http.StatusOK, "text/javascript; charset=utf-8", body)
}

// serviceWorkerSource writes the service worker for this Web's hashed
// assets and languages (once, in New: a page load asks for it often).
func (w *Web) serviceWorkerSource() []byte {
	urls := make([]string, len(shellAssets))
	for i, n := range shellAssets {
		urls[i] = w.assets.URL(n)
	}
	list, _ := json.Marshal(urls)
	var tags []string
	for _, l := range w.catalog.Languages() {
		tags = append(tags, l.Tag)
	}
	langs, _ := json.Marshal(tags)
	sum := sha256.Sum256(append(list, langs...))
	var buf bytes.Buffer
	_ = swTemplate.Execute(&buf, map[string]string{"Assets": string(list), "Langs": string(langs), "Version": hex.EncodeToString(sum[:6])})
	return buf.Bytes()
}

// swSource: hashed assets come from the cache first (they never change);
// pages from the network first, kept as last seen, and from that copy when
// the network fails (the page then says it shows data as of an earlier
// time: outbox.js). A page asks it to keep operations' pages ({keep: [urls]})
// so they are there offline before being opened; a capture form is kept in
// every language (?lang=xx). Offline, a page is served in the language the
// person reads: the one the server last answered in (Content-Language: the
// cookie, else Accept-Language), a language switched to offline (/lang/xx is
// answered here), else the browser's languages.
const swSource = `'use strict';
const SHELL = 'ledger-shell-{{.Version}}', PAGES = 'ledger-pages', LANGS = {{.Langs}}, LANG_KEY = '/__ledger_lang';
const ASSETS = {{.Assets}};
self.addEventListener('install', e => {
  e.waitUntil(caches.open(SHELL).then(c => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});
self.addEventListener('activate', e => {
  e.waitUntil(caches.keys().then(ks => Promise.all(ks.filter(k => k.startsWith('ledger-shell-') && k !== SHELL)
    .map(k => caches.delete(k)))).then(() => self.clients.claim()));
});
function remember(lang) {
  return LANGS.includes(lang) ? caches.open(PAGES).then(c => c.put(LANG_KEY, new Response(lang))) : Promise.resolve();
}
function reading() {
  return caches.open(PAGES).then(c => c.match(LANG_KEY)).then(r => r ? r.text() : '').then(l => {
    if (LANGS.includes(l)) { return l; }
    const nav = (self.navigator.languages || []).map(x => x.split('-')[0]).find(x => LANGS.includes(x));
    return nav || LANGS[0];
  });
}
function keepPage(req, res) {
  if (res.ok && !res.redirected && res.type === 'basic') {
    const copy = res.clone();
    caches.open(PAGES).then(c => c.put(req, copy));
  }
  return res;
}
function everyLanguage(u) {
  return u.endsWith('/capture') ? [u].concat(LANGS.map(l => u + '?lang=' + l)) : [u];
}
self.addEventListener('message', e => {
  const urls = [].concat(...((e.data && e.data.keep) || []).map(everyLanguage));
  e.waitUntil(Promise.all(urls.map(u => fetch(u, {credentials: 'same-origin'}).then(r => keepPage(new Request(u), r)).catch(() => null))));
});
function fromCopy(url) {
  return Promise.all([caches.open(PAGES), reading()]).then(([c, lang]) => {
    const own = url.searchParams.has('lang') ? null : url.pathname + url.search + (url.search ? '&' : '?') + 'lang=' + lang;
    return (own ? c.match(own, {ignoreVary: true}) : Promise.resolve(null))
      .then(hit => hit || c.match(url.pathname + url.search, {ignoreVary: true}))
      .then(hit => hit || c.match(url.pathname, {ignoreVary: true}));
  }).then(hit => hit || new Response('offline', {status: 503, headers: {'Content-Type': 'text/plain'}}));
}
function switchOffline(url, e) {
  const lang = url.pathname.slice('/lang/'.length), back = url.searchParams.get('back') || '/';
  e.respondWith(fetch(e.request).catch(() => {
    const to = back.startsWith('/') && !back.startsWith('//') ? back : '/';
    return remember(lang).then(() => Response.redirect(to, 303));
  }));
}
self.addEventListener('fetch', e => {
  const req = e.request, url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin) { return; }
  if (url.pathname.startsWith('/static/')) {
    e.respondWith(caches.match(req).then(hit => hit || fetch(req)));
    return;
  }
  if (req.mode !== 'navigate') { return; }
  if (url.pathname.startsWith('/lang/')) { switchOffline(url, e); return; }
  e.respondWith(fetch(req).then(res => {
    if (res.ok && !url.searchParams.has('lang')) { remember(res.headers.get('Content-Language')); }
    return keepPage(new Request(url.pathname + url.search), res);
  }).catch(() => fromCopy(url)));
});
`
