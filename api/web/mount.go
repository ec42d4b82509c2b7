package web

import (
	"net/http"
	"strings"
)

// apiPrefixes are served by the JSON API; everything else is a page.
var apiPrefixes = []string{"/api/", "/healthz", "/readyz", "/metrics", "/calendar/"} // calendar feeds: api/httpapi/followup.go

// Beside serves the API's paths with api and every other path with pages, so
// `ledger serve` answers a browser at / without touching /api/v1.
func Beside(api, pages http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range apiPrefixes {
			if strings.HasPrefix(r.URL.Path, p) {
				api.ServeHTTP(w, r)
				return
			}
		}
		pages.ServeHTTP(w, r)
	})
}
