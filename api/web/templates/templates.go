// Package templates holds the page templates, embedded. layout.html and
// parts.html are shared; every other file is one page and defines "content"
// (and any fragments htmx swaps in, as named templates).
package templates

import "embed"

// FS is every template.
//
//go:embed *.html
var FS embed.FS
