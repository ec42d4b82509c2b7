package httpapi

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/verify"
)

// Integrity is what reviewers need to check the record without trusting the
// server: the latest signed checkpoint of the Merkle log over every event,
// an inclusion proof for one event, a consistency proof from a checkpoint
// they kept, and an operation's review bundle. It works on the stored bytes
// (the ciphertext of personal fields), which is what the hashes cover.
type Integrity interface {
	Current() (CheckpointView, error)
	Prove(ctx context.Context, stream string, version uint64) (ProvenEvent, error)
	Consistency(from uint64) (ConsistencyView, error)
	Bundle(ctx context.Context, op uuid.UUID) (verify.Bundle, error)
	// Broken is the first fault the server found in its log, or nil.
	Broken() error
}

// CheckpointView is the latest signed checkpoint the server has checked
// against its own recomputation of the log.
type CheckpointView struct {
	Checkpoint  string         `json:"checkpoint"` // the signed note (C2SP tlog-checkpoint)
	Size        uint64         `json:"size"`
	Root        integrity.Hash `json:"root"`
	PublicKey   string         `json:"public_key"`   // base64, as `ledger verify --public-key` takes it
	VerifierKey string         `json:"verifier_key"` // the note verifier key
	// Cosigned is the newest checkpoint the witnesses cosigned (the note
	// with their cosignature lines), when the server has witnesses.
	Cosigned string `json:"cosigned,omitempty"`
}

// ProvenEvent is one stored event, byte for byte, with its inclusion proof.
type ProvenEvent struct {
	ID         uuid.UUID        `json:"id"`
	Stream     string           `json:"stream"`
	Version    uint64           `json:"version"`
	Position   uint64           `json:"position"`
	Index      uint64           `json:"leaf_index"`
	Type       string           `json:"type"`
	Data       []byte           `json:"data"`     // base64 of the stored payload
	Metadata   []byte           `json:"metadata"` // base64 of the stored metadata, hashes included
	Proof      []integrity.Hash `json:"proof"`
	Checkpoint string           `json:"checkpoint"`
}

// ConsistencyView proves that the current checkpoint extends the tree of
// size From.
type ConsistencyView struct {
	From       uint64           `json:"from"`
	To         uint64           `json:"to"`
	Proof      []integrity.Hash `json:"proof"`
	Checkpoint string           `json:"checkpoint"`
}

// reviewers lets through whoever may read the stored log itself (reviewers
// and admins; see visibility.Reader.SeesStoredLog).
func reviewers(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if !principalOf(c).Reader().SeesStoredLog() {
			return &apiError{status: http.StatusForbidden, code: "auth.forbidden", detail: "integrity proofs and bundles are for reviewers"}
		}
		return next(c)
	}
}

func (s *Server) integrityDigest(c echo.Context) error {
	v, err := s.cfg.Integrity.Current()
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
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

func (s *Server) integrityConsistency(c echo.Context) error {
	from, err := strconv.ParseUint(c.QueryParam("from"), 10, 64)
	if err != nil {
		return &apiError{status: http.StatusBadRequest, code: "input.invalid",
			detail: "give the size of the checkpoint you kept as ?from=<size>",
			fields: []FieldError{{Field: "from", Detail: "a whole number"}}}
	}
	v, err := s.cfg.Integrity.Consistency(from)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
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

// integrityWarning marks every answer of a server whose log failed its
// check: reads go on (the record is still needed), with a warning, and
// writes are refused here whatever the backend (the embedded store also
// refuses them itself).
func (s *Server) integrityWarning(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if s.cfg.Integrity != nil {
			if err := s.cfg.Integrity.Broken(); err != nil {
				c.Response().Header().Set("Warning", `199 ledger "the log failed its integrity check; writes are refused: see /readyz"`)
				if m := c.Request().Method; m != http.MethodGet && m != http.MethodHead && m != http.MethodOptions {
					return err
				}
			}
		}
		return next(c)
	}
}

// watchIntegrity exports ledger_integrity_broken: 1 once the server found
// its log broken, so an alert fires even if nobody reads /readyz.
func (m *Metrics) watchIntegrity(i Integrity) {
	if i == nil || m == nil {
		return
	}
	_ = m.Registry.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "ledger_integrity_broken", Help: "1 when the log failed its integrity check (writes refused), else 0.",
	}, func() float64 {
		if i.Broken() != nil {
			return 1
		}
		return 0
	}))
}
