// Package assets serves the web interface's static files (CSS, the vendored
// htmx), embedded in the binary. Each is served under a name that carries a
// hash of its content (app.3f9c1e2a.css), so it can be cached for a year:
// a new release changes the name, never the bytes behind an old one.
package assets

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
)

//go:embed static/*.css static/*.js
var files embed.FS

// Prefix is where the assets are served.
const Prefix = "/static/"

// Set is the embedded assets by logical and by hashed name.
type Set struct {
	hashed  map[string]string // "app.css" -> "app.3f9c1e2a.css"
	content map[string][]byte // hashed name -> bytes
}

// Load hashes the embedded files.
func Load() (*Set, error) {
	s := &Set{hashed: map[string]string{}, content: map[string][]byte{}}
	err := fs.WalkDir(files, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		name := path.Base(p)
		sum := sha256.Sum256(b)
		ext := path.Ext(name)
		h := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		s.hashed[name], s.content[h] = h, b
		return nil
	})
	return s, err
}

// URL is the path a page links to for a logical name ("app.css"). An unknown
// name panics: a template naming a file that does not exist is a bug.
func (s *Set) URL(name string) string {
	h, ok := s.hashed[name]
	if !ok {
		panic("assets: no file " + name)
	}
	return Prefix + h
}

// ServeHTTP serves a hashed name with a year-long, immutable cache.
func (s *Set) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, Prefix)
	b, ok := s.content[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", mime.TypeByExtension(path.Ext(name)))
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, _ = w.Write(b)
}
