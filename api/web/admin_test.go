package web_test

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/api/web/webtest"
)

// adminBrowser signs in with the admin token `ledger serve` prints on a
// fresh data directory.
func adminBrowser(t *testing.T, site *webtest.Site) *browser {
	secret, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	b := newBrowser(t, site.Base)
	require.Equal(t, http.StatusSeeOther, b.signIn(strings.TrimSpace(string(secret))).StatusCode)
	return b
}

var formKeyField = regexp.MustCompile(`name="key" value="([^"]+)"`)

// openOperation fills the admin's form and returns the answer.
func (b *browser) openOperation(name, country string) (*http.Response, string) {
	_, form := b.get("/admin/operations/new")
	key := formKeyField.FindStringSubmatch(form)
	require.Len(b.t, key, 2, "the form carries an idempotency key")
	return b.post("/admin/operations/new", url.Values{"csrf": {b.csrf("/admin/operations/new")}, "key": {key[1]},
		"name": {name}, "country": {country}, "crisis_type": {"flood"}, "severity": {"high"}, "started_at": {"2026-11-20"}})
}

var secretShown = regexp.MustCompile(`id="secret"[^>]* value="(lgr_[^"]+)"`)

// Given a fresh site, when the admin opens an operation and hands an
// officer a token for it, then the officer sees it; when the admin revokes
// the token, then the officer is signed out.
func TestTheAdminOpensAnOperationAndHandsOutATokenInTheBrowser(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	const name = "Lake Chad floods response"

	res, _ := admin.openOperation(name, "tcd")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	next := res.Header.Get("Location")
	require.True(t, strings.HasPrefix(next, "/admin/tokens/new?opened="), next)
	opID := strings.TrimPrefix(next, "/admin/tokens/new?opened=")
	_, list := admin.get("/")
	require.Contains(t, list, name, "the new operation is in the list")
	require.Contains(t, list, "TCD", "the country code is kept in capitals")

	_, form := admin.get(next)
	require.Regexp(t, `value="`+opID+`" checked`, form, "the token form ticks the operation just opened")
	res, created := admin.post("/admin/tokens/new", url.Values{"csrf": {admin.csrf("/admin/tokens")},
		"name": {"N'Djamena desk"}, "role": {string(auth.RoleOfficer)}, "operations": {opID}})
	require.Equal(t, http.StatusCreated, res.StatusCode)
	secret := secretShown.FindStringSubmatch(created)
	require.Len(t, secret, 2, "the new token is shown")
	require.Contains(t, created, "will not be shown again")

	officer := newBrowser(t, site.Base)
	require.Equal(t, http.StatusSeeOther, officer.signIn(secret[1]).StatusCode)
	_, seen := officer.get("/")
	require.Contains(t, seen, name)
	require.NotContains(t, seen, "Western Nepal", "the officer's token holds only the new operation")
	res, _ = officer.get("/ops/" + opID)
	require.Equal(t, http.StatusOK, res.StatusCode)

	_, tokens := admin.get("/admin/tokens")
	require.Contains(t, tokens, "N&#39;Djamena desk")
	id := tokenIDOf(t, site, secret[1])
	res, _ = admin.post("/admin/tokens/"+id+"/revoke", url.Values{"csrf": {admin.csrf("/admin/tokens")}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, tokens = admin.get("/admin/tokens?done=revoked")
	require.Contains(t, tokens, "revoked on")
	res, _ = officer.get("/")
	require.Equal(t, http.StatusSeeOther, res.StatusCode, "the revoked token's session is over")
	require.True(t, strings.HasPrefix(res.Header.Get("Location"), "/signin"))
}

func tokenIDOf(t *testing.T, site *webtest.Site, secret string) string {
	store, err := auth.OpenStore(site.Dir())
	require.NoError(t, err)
	p, err := store.Authenticate(secret)
	require.NoError(t, err)
	return p.ID
}

// The same form sent twice opens one operation.
func TestOpeningAnOperationTwiceFromOneFormOpensOne(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	_, form := admin.get("/admin/operations/new")
	key := formKeyField.FindStringSubmatch(form)[1]
	values := url.Values{"csrf": {admin.csrf("/")}, "key": {key}, "name": {"Sahel drought"}, "country": {"NER"},
		"crisis_type": {"drought"}, "severity": {"medium"}, "started_at": {"2026-11-01"}}
	first, _ := admin.post("/admin/operations/new", values)
	second, _ := admin.post("/admin/operations/new", values)
	require.Equal(t, first.Header.Get("Location"), second.Header.Get("Location"))
	_, list := admin.get("/")
	require.Equal(t, 1, strings.Count(list, "Sahel drought"))
}

// Only the admin has the menu entries and the pages.
func TestAdminPagesAreTheAdminsOnly(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	_, home := admin.get("/")
	require.Contains(t, home, `href="/admin/operations/new"`)
	require.Contains(t, home, `href="/admin/tokens"`)
	for _, role := range []auth.Role{auth.RoleOfficer, auth.RoleReviewer, auth.RoleAnalyst} {
		b := newBrowser(t, site.Base)
		b.signIn(site.Token(t, role))
		_, page := b.get("/")
		require.NotContains(t, page, `href="/admin/`, "%s: no admin menu", role)
		for _, path := range []string{"/admin/operations/new", "/admin/tokens", "/admin/tokens/new"} {
			res, _ := b.get(path)
			require.Equal(t, http.StatusForbidden, res.StatusCode, "%s GET %s", role, path)
		}
		csrf := b.csrf("/")
		for _, path := range []string{"/admin/operations/new", "/admin/tokens/new", "/admin/tokens/x/revoke"} {
			res, _ := b.post(path, url.Values{"csrf": {csrf}, "name": {"sneaky"}, "role": {"admin"}})
			require.Equal(t, http.StatusForbidden, res.StatusCode, "%s POST %s", role, path)
		}
	}
}

// A refused field is said beside it, in the person's language, and what
// was typed is kept.
func TestABadCountryIsSaidBesideTheFieldInFrench(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	admin.get("/lang/fr?back=/")
	res, page := admin.openOperation("Inondations du lac Tchad", "Tchad")
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, `<html lang="fr"`)
	require.Regexp(t, `id="country"[^>]*aria-invalid="true"`, page)
	require.Regexp(t, `<p id="country-error" class="field-error">Écrivez le pays en code ISO 3166-1 alpha-3`, page)
	require.Contains(t, page, `value="Inondations du lac Tchad"`, "what was typed is kept")
	_, list := admin.get("/")
	require.NotContains(t, list, "Inondations du lac Tchad")
}

// An officer token without an operation is refused beside the checkboxes.
func TestAnOfficerTokenNeedsAnOperation(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	res, page := admin.post("/admin/tokens/new", url.Values{"csrf": {admin.csrf("/admin/tokens")},
		"name": {"Desk"}, "role": {string(auth.RoleOfficer)}})
	require.Equal(t, http.StatusUnprocessableEntity, res.StatusCode)
	require.Contains(t, page, `id="operations-error"`)
	require.NotRegexp(t, secretShown, page)
}

// The admin cannot lock itself out by revoking the token it is signed in with.
func TestTheAdminKeepsItsOwnToken(t *testing.T) {
	site := webtest.Start(t)
	secret, err := os.ReadFile(filepath.Join(site.Dir(), auth.AdminTokenFile))
	require.NoError(t, err)
	admin := adminBrowser(t, site)
	id := tokenIDOf(t, site, strings.TrimSpace(string(secret)))
	res, _ := admin.post("/admin/tokens/"+id+"/revoke", url.Values{"csrf": {admin.csrf("/admin/tokens")}})
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	res, page := admin.get(res.Header.Get("Location"))
	require.Equal(t, http.StatusOK, res.StatusCode, "still signed in")
	require.Contains(t, page, "you are signed in with")
}

// Reviewers and analysts read every operation: their tokens hold none, even
// if one was ticked, so the list does not suggest a limit that is not there.
func TestOnlyAnOfficerTokenHoldsOperations(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	for _, tc := range []struct {
		role auth.Role
		held int
	}{{auth.RoleOfficer, 1}, {auth.RoleReviewer, 0}, {auth.RoleAnalyst, 0}} {
		res, page := admin.post("/admin/tokens/new", url.Values{"csrf": {admin.csrf("/admin/tokens")},
			"name": {"Desk " + string(tc.role)}, "role": {string(tc.role)}, "operations": {site.Op.String()}})
		require.Equal(t, http.StatusCreated, res.StatusCode, tc.role)
		store, err := auth.OpenStore(site.Dir())
		require.NoError(t, err)
		p, err := store.Authenticate(secretShown.FindStringSubmatch(page)[1])
		require.NoError(t, err)
		require.Equal(t, tc.role, p.Role)
		require.Len(t, p.Operations, tc.held, tc.role)
	}
}

// The token form sent twice (a double click, a reload of the result page)
// makes one token, and the second answer does not show its secret again.
func TestATokenFormSentTwiceMakesOneToken(t *testing.T) {
	site := webtest.Start(t)
	admin := adminBrowser(t, site)
	store, err := auth.OpenStore(site.Dir())
	require.NoError(t, err)
	before, err := store.List()
	require.NoError(t, err)
	_, form := admin.get("/admin/tokens/new")
	key := formKeyField.FindStringSubmatch(form)
	require.Len(t, key, 2, "the token form carries an idempotency key")
	values := url.Values{"csrf": {admin.csrf("/admin/tokens")}, "key": {key[1]}, "name": {"Desk"},
		"role": {string(auth.RoleOfficer)}, "operations": {site.Op.String()}}
	_, first := admin.post("/admin/tokens/new", values)
	res, second := admin.post("/admin/tokens/new", values)
	require.Equal(t, http.StatusCreated, res.StatusCode)
	require.Regexp(t, secretShown, first)
	require.NotRegexp(t, secretShown, second, "the secret is shown once")
	require.Contains(t, second, "already sent")
	after, err := store.List()
	require.NoError(t, err)
	require.Len(t, after, len(before)+1)
}

// On a fresh machine (no demo), the admin's empty list says so and offers to
// open an operation; no other role is offered that.
func TestAFreshLedgerOffersTheAdminToOpenAnOperation(t *testing.T) {
	dir := t.TempDir()
	srv := servertest.Start(t, dir, nil)
	secret, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	admin := newBrowser(t, srv.Base)
	admin.signIn(strings.TrimSpace(string(secret)))
	_, list := admin.get("/")
	require.Contains(t, list, "No operation is open yet.")
	require.Contains(t, list, `<a href="/admin/operations/new">Open an operation</a>`)
	res, _ := admin.openOperation("First response", "SDN")
	require.Equal(t, http.StatusSeeOther, res.StatusCode)
	_, list = admin.get("/")
	require.Contains(t, list, "First response")
	require.NotContains(t, list, "No operation is open yet.")
}
