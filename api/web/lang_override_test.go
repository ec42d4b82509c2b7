package web_test

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/web"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// ?lang= picks the language of that one request (the service worker keeps the
// capture forms in every language with it): the remembered choice stays, and
// the page says which language it was (Content-Language).
func TestLangQueryIsForOneRequestOnly(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	b.get("/lang/ar?back=/signin")
	cases := []struct{ path, lang string }{
		{"/signin?lang=fr", "fr"},
		{"/signin", "ar"},
		{"/signin?lang=xx", "ar"}, // unknown: the choice holds
		{"/signin?lang=es", "es"},
		{"/signin", "ar"},
	}
	for _, c := range cases {
		res, page := b.get(c.path)
		require.Equal(t, http.StatusOK, res.StatusCode, c.path)
		require.Contains(t, page, `<html lang="`+c.lang+`"`, c.path)
		require.Equal(t, c.lang, res.Header.Get("Content-Language"), c.path)
		for _, ck := range res.Cookies() {
			require.NotEqual(t, web.LangCookie, ck.Name, "%s sets no language cookie", c.path)
		}
	}
}
