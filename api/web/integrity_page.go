package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/httpapi"
)

// integrityView is what a reviewer checks before trusting the record: the
// last checkpoint the server signed over the whole log, and whether every
// event it read since start-up matched its hash.
type integrityView struct {
	Checkpoint httpapi.CheckpointView
	Ready      bool   // a checkpoint has been signed
	Broken     string // the first fault found in the log, or ""
}

// integrityPage shows the integrity status and the downloads a reviewer
// takes away to check the record offline.
func (w *Web) integrityPage(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	checks, err := w.integrity()
	if err != nil {
		return err
	}
	var v integrityView
	if err := checks.Broken(); err != nil {
		v.Broken = err.Error()
	}
	cp, err := checks.Current()
	switch {
	case err == nil:
		v.Checkpoint, v.Ready = cp, true
	case !errors.Is(err, httpapi.ErrNoDigestYet) && !errors.Is(err, httpapi.ErrIntegrityBroken):
		return err
	}
	p := w.page(c, "rev.integrity.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Data = v
	return w.render(c, http.StatusOK, "integrity", p)
}

// bundleDownload is the operation's review bundle, as GET
// /api/v1/operations/{id}/bundle serves it: verifiable offline with
// `ledger verify --bundle FILE --public-key KEY`.
func (w *Web) bundleDownload(c echo.Context) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	checks, err := w.integrity()
	if err != nil {
		return err
	}
	b, err := checks.Bundle(c.Request().Context(), o.ID)
	if err != nil {
		return err
	}
	body, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	name := fmt.Sprintf("review-%s-%s.json", o.ID, w.cfg.Now().UTC().Format("20060102T150405Z"))
	return download(c, name, echo.MIMEApplicationJSON, body)
}

// publicKeyDownload is the key that signs checkpoints, in the form `ledger
// verify --public-key` takes.
func (w *Web) publicKeyDownload(c echo.Context) error {
	if _, _, err := w.operation(c); err != nil {
		return err
	}
	checks, err := w.integrity()
	if err != nil {
		return err
	}
	cp, err := checks.Current()
	if err != nil {
		return err
	}
	return download(c, "ledger-public-key.txt", echo.MIMETextPlainCharsetUTF8, []byte(cp.PublicKey+"\n"))
}

// integrity is the server's integrity checks; a server without them has no
// integrity pages.
func (w *Web) integrity() (httpapi.Integrity, error) {
	if w.cfg.API == nil || w.cfg.API.Integrity() == nil {
		return nil, ErrNotFound
	}
	return w.cfg.API.Integrity(), nil
}

// download answers with a file to save, never cached (it is a record of
// the ledger at the moment it was asked for).
func download(c echo.Context, name, mediaType string, body []byte) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", name))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, mediaType, body)
}
