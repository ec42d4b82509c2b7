package httpapi

import (
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
)

const principalKey = "ledger.principal"

// authenticate resolves the bearer token to a principal.
func (s *Server) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		scheme, secret, ok := strings.Cut(c.Request().Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || secret == "" {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="ledger"`)
			return errUnauthenticated("send Authorization: Bearer <token>; `ledger token create` makes one")
		}
		p, err := s.cfg.Tokens.Authenticate(strings.TrimSpace(secret))
		if err != nil {
			c.Response().Header().Set("WWW-Authenticate", `Bearer realm="ledger", error="invalid_token"`)
			return err
		}
		rc := &auth.ReadCounter{}
		p = p.WithReadCounter(rc)
		c.Set(principalKey, p)
		err = next(c)
		if err == nil {
			s.logConfidentialReads(c, p, rc)
		}
		return err
	}
}

func principalOf(c echo.Context) auth.Principal {
	p, _ := c.Get(principalKey).(auth.Principal)
	return p
}

func adminOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !principalOf(c).MayManageTokens() {
			return errForbidden("only an admin token manages tokens")
		}
		return next(c)
	}
}

// me tells a client who its token is, so a script can check its setup.
func (s *Server) me(c echo.Context) error {
	p := principalOf(c)
	ops := p.Operations
	if ops == nil {
		ops = []uuid.UUID{}
	}
	return c.JSON(http.StatusOK, MeView{ID: p.ID, Name: p.Name, Role: p.Role, Operations: ops, Actor: p.Actor()})
}
