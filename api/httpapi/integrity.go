package httpapi

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/verify"
	"github.com/movementcoord/ledger/domain/integrity"
)

// Integrity is what reviewers need to check the record without trusting the
// server: a signed digest of every stream head, an inclusion proof for one
// event, and an operation's review bundle. It works on the stored bytes (the
// ciphertext of personal fields), which is what the hashes cover.
type Integrity interface {
	Current() (verify.File, error)
	Prove(ctx context.Context, stream string, version uint64) (ProvenEvent, error)
	Bundle(ctx context.Context, op uuid.UUID) (verify.Bundle, error)
}

// Errors an Integrity returns.
var (
	// ErrIntegrityBroken wraps the first bad event the server found in its log.
	ErrIntegrityBroken = errors.New("the log failed its integrity check")
	// ErrNoDigestYet: the server has not finished checking the log.
	ErrNoDigestYet = errors.New("no digest yet")
)

// DigestView is the current signed digest.
type DigestView struct {
	Digest    integrity.Digest `json:"digest"`
	PublicKey string           `json:"public_key"` // base64, as `ledger verify --public-key` takes it
}

// ProvenEvent is one stored event, byte for byte, with the proof that the
// digest covers it.
type ProvenEvent struct {
	ID       uuid.UUID        `json:"id"`
	Stream   string           `json:"stream"`
	Version  uint64           `json:"version"`
	Position uint64           `json:"position"`
	Type     string           `json:"type"`
	Data     []byte           `json:"data"`     // base64 of the stored payload
	Metadata []byte           `json:"metadata"` // base64 of the stored metadata, hashes included
	Proof    integrity.Proof  `json:"proof"`
	Digest   integrity.Digest `json:"digest"`
}

// reviewers lets reviewers and admins through.
func reviewers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if r := principalOf(c).Role; r != auth.RoleReviewer && r != auth.RoleAdmin {
			return &apiError{status: http.StatusForbidden, code: "auth.forbidden", detail: "integrity proofs and bundles are for reviewers"}
		}
		return next(c)
	}
}

func (s *Server) integrityDigest(c echo.Context) error {
	f, err := s.cfg.Integrity.Current()
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, DigestView{Digest: f.Digest, PublicKey: base64.StdEncoding.EncodeToString(f.Digest.PublicKey)})
}

func (s *Server) integrityProof(c echo.Context) error {
	stream := c.QueryParam("stream")
	version, err := strconv.ParseUint(c.QueryParam("version"), 10, 64)
	if stream == "" || err != nil || version == 0 {
		return &apiError{status: http.StatusBadRequest, code: "input.invalid",
			detail: "give the event as ?stream=<stream>&version=<version, from 1>",
			fields: []FieldError{{Field: "stream", Detail: "required"}, {Field: "version", Detail: "a whole number from 1"}}}
	}
	p, err := s.cfg.Integrity.Prove(c.Request().Context(), stream, version)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, p)
}

func (s *Server) operationBundle(c echo.Context) error {
	op, err := uuid.Parse(c.Param("id"))
	if err != nil {
		return &apiError{status: http.StatusBadRequest, code: "input.invalid", detail: "the operation id is not a UUID",
			fields: []FieldError{{Field: "id", Detail: "a UUID"}}}
	}
	b, err := s.cfg.Integrity.Bundle(c.Request().Context(), op)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition,
		`attachment; filename="review-`+op.String()+"-"+time.Now().UTC().Format("20060102T150405Z")+`.json"`)
	return c.JSON(http.StatusOK, b)
}
