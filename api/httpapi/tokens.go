package httpapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
)

// TokenView is a token as the API lists it: never its hash.
type TokenView struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	Role       auth.Role   `json:"role"`
	Operations []uuid.UUID `json:"operations"`
	Component  *uuid.UUID  `json:"component,omitempty"`
	CreatedAt  string      `json:"created_at"`
	RevokedAt  string      `json:"revoked_at,omitempty"`
}

// tokenRequest is the body of POST /api/v1/tokens.
type tokenRequest struct {
	Name       string      `json:"name"`
	Role       string      `json:"role"`
	Operations []uuid.UUID `json:"operations"`
	Component  uuid.UUID   `json:"component"`
}

func (s *Server) listTokens(c echo.Context) error {
	list, err := s.cfg.Tokens.List()
	if err != nil {
		return err
	}
	out := make([]TokenView, len(list))
	for i, t := range list {
		out[i] = viewToken(t)
	}
	return c.JSON(http.StatusOK, TokenList{Tokens: out})
}

// createToken answers with the secret once; it is not stored.
func (s *Server) createToken(c echo.Context) error {
	obj, err := readObject(c, s.cfg.BodyLimit)
	if err != nil {
		return err
	}
	spec, err := tokenSpec(obj)
	if err != nil {
		return err
	}
	t, secret, err := s.cfg.Tokens.Create(spec)
	if err != nil {
		return tokenError(err)
	}
	return c.JSON(http.StatusCreated, TokenCreated{Token: viewToken(t), Secret: secret})
}

func (s *Server) revokeToken(c echo.Context) error {
	t, err := s.cfg.Tokens.Revoke(c.Param("id"))
	if errors.Is(err, auth.ErrTokenNotFound) {
		return errNotFound("token.not_found", fmt.Sprintf("no token has id %q; GET /api/v1/tokens lists them", c.Param("id")))
	}
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, viewToken(t))
}

func tokenSpec(obj map[string]json.RawMessage) (auth.Spec, error) {
	raw, err := json.Marshal(obj)
	if err != nil {
		return auth.Spec{}, err
	}
	var req tokenRequest
	if refusal := locateAll(typeOfTokenRequest, raw).refusal("input.invalid"); refusal != nil {
		return auth.Spec{}, refusal
	}
	if err := json.Unmarshal(raw, &req); err != nil {
		return auth.Spec{}, errBadParam("(body)", err.Error())
	}
	role, err := auth.ParseRole(req.Role)
	if err != nil {
		return auth.Spec{}, errBadParam("role", err.Error())
	}
	return auth.Spec{Name: req.Name, Role: role, Operations: req.Operations, Component: req.Component}, nil
}

// tokenError turns a refused token spec into a 400 naming the field.
func tokenError(err error) error {
	switch {
	case errors.Is(err, auth.ErrNameRequired):
		return errBadParam("name", err.Error())
	case errors.Is(err, auth.ErrOperationsRequired):
		return errBadParam("operations", "an officer token needs at least one operation")
	case errors.Is(err, auth.ErrUnknownRole):
		return errBadParam("role", err.Error())
	}
	return err
}

func viewToken(t auth.Token) TokenView {
	v := TokenView{ID: t.ID, Name: t.Name, Role: t.Role, Operations: t.Operations,
		CreatedAt: t.CreatedAt.Format("2006-01-02T15:04:05Z07:00")}
	if v.Operations == nil {
		v.Operations = []uuid.UUID{}
	}
	if t.Component != uuid.Nil {
		v.Component = &t.Component
	}
	if !t.Active() {
		v.RevokedAt = t.RevokedAt.Format("2006-01-02T15:04:05Z07:00")
	}
	return v
}

var typeOfTokenRequest = reflect.TypeFor[tokenRequest]()
