// Package keyservice serves a key store over HTTP (`ledger keys serve`), so
// that every ledger server on one KurrentDB shares one key store: a key made
// by one server opens the data on all of them, and an erasure made through
// one destroys the key for all. Clients use keystore.Remote; the protocol is
// in eventstore/keystore/protocol.go.
package keyservice

import (
	"crypto/subtle"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

// Handler serves store to holders of token. Erasures are logged (person and
// caller's address, never a key).
func Handler(store keystore.Store, token string, log *slog.Logger) http.Handler {
	h := &handler{store: store, token: []byte(token), log: log}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = h.fail
	e.GET("/healthz", func(c echo.Context) error { return c.String(http.StatusOK, "ok\n") })
	v1 := e.Group("", h.authenticate)
	v1.GET(keystore.PingPath, func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	v1.GET(keystore.KeysPath+":person", h.key)
	v1.PUT(keystore.KeysPath+":person", h.ensure)
	v1.DELETE(keystore.KeysPath+":person", h.erase)
	return e
}

type handler struct {
	store keystore.Store
	token []byte
	log   *slog.Logger
}

func (h *handler) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		got, ok := strings.CutPrefix(c.Request().Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), h.token) != 1 {
			return reply(c, http.StatusUnauthorized, keystore.CodeUnauthorized, "send the key service token as a bearer token")
		}
		return next(c)
	}
}

func (h *handler) key(c echo.Context) error {
	return h.answer(c, func(p uuid.UUID) ([]byte, error) { return h.store.Key(c.Request().Context(), p) })
}

func (h *handler) ensure(c echo.Context) error {
	return h.answer(c, func(p uuid.UUID) ([]byte, error) { return h.store.Ensure(c.Request().Context(), p) })
}

func (h *handler) answer(c echo.Context, get func(uuid.UUID) ([]byte, error)) error {
	person, ok := personParam(c)
	if !ok {
		return nil
	}
	key, err := get(person)
	if err != nil {
		return h.refuse(c, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, keystore.KeyReply{Key: key})
}

func (h *handler) erase(c echo.Context) error {
	person, ok := personParam(c)
	if !ok {
		return nil
	}
	if err := h.store.Erase(c.Request().Context(), person); err != nil {
		return h.refuse(c, err)
	}
	h.log.Info("key destroyed", "person", person, "by", c.RealIP())
	return c.NoContent(http.StatusNoContent)
}

// personParam reads the person's id from the path; when it cannot, it has
// answered the request already.
func personParam(c echo.Context) (uuid.UUID, bool) {
	p, err := uuid.Parse(c.Param("person"))
	if err != nil || p == uuid.Nil {
		_ = reply(c, http.StatusBadRequest, keystore.CodeBadRequest, "the path must end in a person's id (a UUID)")
		return uuid.Nil, false
	}
	return p, true
}

// refuse answers a key store error. Only the store's own errors name it; a
// failure is logged here and answered as "corrupt" with its message, since
// the ledger server must tell its operator what is wrong with the keys.
func (h *handler) refuse(c echo.Context, err error) error {
	switch {
	case errors.Is(err, keystore.ErrNoKey):
		return reply(c, http.StatusNotFound, keystore.CodeNoKey, "no key for this person")
	case errors.Is(err, personal.ErrErased):
		return reply(c, http.StatusGone, keystore.CodeErased, "this person was erased; their key is destroyed")
	case errors.Is(err, eventstore.ErrStorageFull):
		h.log.Error("key store: the disk is full; free space for new keys and erasures", "err", err)
		return reply(c, http.StatusInsufficientStorage, keystore.CodeStorageFull, "the key service's disk is full; nothing was stored")
	case c.Request().Context().Err() != nil:
		return nil // the caller went away
	}
	h.log.Error("key store failed", "path", c.Path(), "err", err)
	return reply(c, http.StatusInternalServerError, keystore.CodeCorrupt, err.Error())
}

// fail answers what Echo refuses by itself (unknown paths, wrong methods).
func (h *handler) fail(err error, c echo.Context) {
	var he *echo.HTTPError
	status := http.StatusInternalServerError
	if errors.As(err, &he) {
		status = he.Code
	}
	_ = reply(c, status, keystore.CodeBadRequest, http.StatusText(status))
}

// reply writes the error document and returns nil: the answer is given.
func reply(c echo.Context, status int, code, detail string) error {
	if c.Response().Committed {
		return nil
	}
	return c.JSON(status, keystore.ErrorReply{Code: code, Detail: detail})
}
