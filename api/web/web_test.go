package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/web"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// browser is a client without JavaScript, with a cookie jar.
type browser struct {
	t    *testing.T
	c    *http.Client
	base string
}

func newBrowser(t *testing.T, base string) *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, base: base, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

func (b *browser) get(path string) (*http.Response, string) {
	res, err := b.c.Get(b.base + path)
	require.NoError(b.t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	res, err := b.c.PostForm(b.base+path, form)
	require.NoError(b.t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (b *browser) csrf(path string) string {
	_, body := b.get(path)
	m := csrfField.FindStringSubmatch(body)
	require.Len(b.t, m, 2, "a form on %s carries a CSRF token", path)
	return m[1]
}

func (b *browser) signIn(token string) *http.Response {
	res, _ := b.post("/signin", url.Values{"csrf": {b.csrf("/signin")}, "token": {token}, "next": {"/"}})
	return res
}

func TestSignInKeepsASessionNotTheToken(t *testing.T) {
	site := webtest.Start(t)
	token := site.Token(t, auth.RoleOfficer)
	b := newBrowser(t, site.Base)

	res, _ := b.get("/")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "signed out, a page sends you to sign in")
	require.True(t, strings.HasPrefix(res.Header.Get("Location"), "/signin?next="))

	res = b.signIn(token)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	var session *http.Cookie
	for _, c := range res.Cookies() {
		if c.Name == web.SessionCookie {
			session = c
		}
	}
	require.NotNil(t, session)
	require.True(t, session.HttpOnly)
	require.Equal(t, http.SameSiteStrictMode, session.SameSite)
	require.NotContains(t, session.Value, strings.TrimPrefix(token, "lgr_"), "the cookie is a session id, never the token")

	res, body := b.get("/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, body, "Western Nepal earthquake response")

	res, _ = b.post("/signout", url.Values{"csrf": {b.csrf("/")}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, _ = b.get("/")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "signed out, the session is gone")
}

func TestABadTokenIsRefusedWithAMessage(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	res, body := b.post("/signin", url.Values{"csrf": {b.csrf("/signin")}, "token": {"lgr_not-a-token"}})
	require.Equal(t, http.StatusUnauthorized, res.StatusCode)
	require.Contains(t, body, "not valid or was revoked")
}

func TestEveryFormNeedsItsCSRFToken(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	res, _ := b.post("/signin", url.Values{"token": {site.Token(t, auth.RoleOfficer)}})
	require.Equal(t, http.StatusForbidden, res.StatusCode, "sign-in without the form's token")
	require.Equal(t, http.StatusSeeOther, b.signIn(site.Token(t, auth.RoleOfficer)).StatusCode)
	for _, form := range []url.Values{{}, {"csrf": {"forged"}}} {
		form.Set("to", "blocked")
		form.Set("note", "forged")
		res, body := b.post("/ops/"+site.Op.String()+"/actions/"+site.Op.String()+"/status", form)
		require.Equal(t, http.StatusForbidden, res.StatusCode)
		require.Contains(t, body, "out of date")
	}
}

func TestARevokedTokenEndsItsSessions(t *testing.T) {
	site := webtest.Start(t)
	token := site.Token(t, auth.RoleOfficer)
	b := newBrowser(t, site.Base)
	b.signIn(token)
	res, _ := b.get("/")
	require.Equal(t, http.StatusOK, res.StatusCode)
	store, err := auth.OpenStore(site.Dir())
	require.NoError(t, err)
	p, err := store.Authenticate(token)
	require.NoError(t, err)
	_, err = store.Revoke(p.ID)
	require.NoError(t, err)
	res, _ = b.get("/")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
}

// Menus show what the role does: officers record meetings; reviewers and
// analysts get no write buttons, and analysts no contact list.
func TestMenusFollowTheRole(t *testing.T) {
	site := webtest.Start(t)
	home := "/ops/" + site.Op.String()
	cases := []struct {
		role               auth.Role
		meetings, contacts bool
	}{
		{auth.RoleOfficer, true, true},
		{auth.RoleReviewer, false, true},
		{auth.RoleAnalyst, false, false},
		{auth.RoleAdmin, false, false},
	}
	for _, tc := range cases {
		b := newBrowser(t, site.Base)
		b.signIn(site.Token(t, tc.role))
		_, body := b.get(home)
		require.Equal(t, tc.meetings, strings.Contains(body, `href="`+home+`/meetings/new"`), "%s: record a meeting", tc.role)
		require.Equal(t, tc.contacts, strings.Contains(body, `href="`+home+`/contacts"`), "%s: contact list", tc.role)
		res, _ := b.get(home + "/meetings/new")
		if !tc.meetings {
			require.Equal(t, http.StatusForbidden, res.StatusCode, "%s may not open the meeting screen", tc.role)
		}
	}
}

// The pages and the API share one server: /api/v1 still answers JSON.
func TestTheAPIStaysBesideThePages(t *testing.T) {
	site := webtest.Start(t)
	admin, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	req, _ := http.NewRequest(http.MethodGet, site.Base+"/api/v1/operations", nil)
	req.Header.Set("Authorization", "Bearer "+strings.TrimSpace(string(admin)))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, res.Header.Get("Content-Type"), "application/json")
	res, err = http.Get(site.Base + "/signin")
	require.NoError(t, err)
	res.Body.Close()
	require.Contains(t, res.Header.Get("Content-Type"), "text/html")
}

// The language follows Accept-Language, then the remembered choice.
func TestLanguageFromTheBrowserThenTheChoice(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	req, _ := http.NewRequest(http.MethodGet, site.Base+"/signin", nil)
	req.Header.Set("Accept-Language", "fr-SN,fr;q=0.9")
	res, err := b.c.Do(req)
	require.NoError(t, err)
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	require.Contains(t, string(body), `<html lang="fr" dir="ltr">`)
	b.get("/lang/ar?back=/signin")
	_, page := b.get("/signin")
	require.Contains(t, page, `<html lang="ar" dir="rtl">`)
}

// "More rows" on the meeting screen keeps what was typed and writes nothing.
func TestMoreRowsKeepWhatWasTyped(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	b.signIn(site.Token(t, auth.RoleOfficer))
	screen := "/ops/" + site.Op.String() + "/meetings/new"
	_, body := b.get(screen)
	mech := regexp.MustCompile(`<option value="([0-9a-f-]{36})"`).FindStringSubmatch(body)
	require.Len(t, mech, 2)
	form := url.Values{"csrf": {b.csrf(screen)}, "mechanism": {mech[1]}, "decisions": {"2"}, "actions": {"2"},
		"title": {"Cluster meeting"}, "d1.title": {"Kits for all"}, "more": {"decision"}}
	res, page := b.post(screen, form)
	require.Equal(t, http.StatusOK, res.StatusCode)
	require.Contains(t, page, `value="Cluster meeting"`)
	require.Contains(t, page, `value="Kits for all"`)
	require.Contains(t, page, `name="d3.title"`, "a third decision row")
	require.NotContains(t, page, `name="d4.title"`)
	_, meetings := b.get("/ops/" + site.Op.String() + "/meetings")
	require.NotContains(t, meetings, "Cluster meeting", "nothing was recorded")
}

// An officer sees only the operations its token holds: another operation
// is neither listed nor reachable (not found, so its existence is not told).
func TestAnOfficerSeesOnlyItsOperations(t *testing.T) {
	site := webtest.Start(t)
	store, err := auth.OpenStore(site.Dir())
	require.NoError(t, err)
	_, other, err := store.Create(auth.Spec{Name: "elsewhere", Role: auth.RoleOfficer, Operations: []uuid.UUID{uuid.New()}})
	require.NoError(t, err)
	b := newBrowser(t, site.Base)
	b.signIn(other)
	_, list := b.get("/")
	require.NotContains(t, list, site.Op.String())
	for _, page := range []string{"", "/actions", "/meetings/new", "/compliance"} {
		res, _ := b.get("/ops/" + site.Op.String() + page)
		require.Equal(t, http.StatusNotFound, res.StatusCode, page)
	}
}

// A form sent again after it was changed is not written twice, and says why.
func TestAFormSentAgainWithOtherValuesIsRefusedPolitely(t *testing.T) {
	site := webtest.Start(t)
	b := newBrowser(t, site.Base)
	b.signIn(site.Token(t, auth.RoleOfficer))
	screen := "/ops/" + site.Op.String() + "/compliance/new"
	_, body := b.get(screen)
	key := regexp.MustCompile(`name="key" value="([^"]+)"`).FindStringSubmatch(body)
	subject := regexp.MustCompile(`<select id="subject" name="subject" required><option value="([0-9a-f-]{36})"`).FindStringSubmatch(body)
	require.Len(t, key, 2)
	require.Len(t, subject, 2)
	form := url.Values{"csrf": {b.csrf(screen)}, "key": {key[1]}, "category": {"emblem"}, "subject": {subject[1]},
		"severity": {"low"}, "rule_reference": {"Emblem rules"}, "summary": {"Banner with a logo"}}
	res, _ := b.post(screen, form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	first := res.Header.Get("Location")
	res, _ = b.post(screen, form)
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	require.Equal(t, first, res.Header.Get("Location"), "the same form twice: one issue, the same answer")
	form.Set("summary", "Banner with another logo")
	res, page := b.post(screen, form)
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, "already sent with other values")
}
