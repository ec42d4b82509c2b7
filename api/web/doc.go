// Package web is the ledger's browser interface: server-rendered pages
// (html/template) beside the JSON API, on the same application service for
// writes and the same views and visibility rules for reads.
//
// Every page works without JavaScript (links and forms that post); htmx, when
// it loads, makes navigation partial (hx-boost) and swaps rows in place. A
// person signs in once with a token; the browser then holds only a session
// cookie (HttpOnly, SameSite=Strict, Secure under TLS) naming the token's id,
// never its secret, signed with the key store's session key, so no server
// keeps sessions (session_cookie.go). Every form carries the session's CSRF
// token, derived from the session.
//
// Layout of the package:
//
//	web.go        Config, New, routes
//	mount.go      the pages beside the API on one handler
//	session.go    sessions, signed cookies (session_cookie.go) and CSRF tokens
//	render.go     Page (what every template gets) and rendering
//	writes.go     the one adapter to the application service
//	policy.go     the one place the pages ask what a principal may see
//	i18n/         message catalogues and language choice
//	assets/       CSS and vendored htmx, content-hashed
//	templates/    the page templates
//	webtest/      chromedp helpers for browser journeys
//
// /work/coord/web-foundation.md (and the README's web section) tells how to
// add a page.
package web
