package httpapi

import (
	"log/slog"
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/recorder"
	"github.com/movementcoord/ledger/projections"
)

// Config is what the server is built from.
type Config struct {
	Service   *recorder.Service // every write goes through it
	Store     eventstore.Store  // read side only: raw events, the live feed, readiness
	Tokens    *auth.Store
	Metrics   *Metrics // nil: a fresh registry
	Logger    *slog.Logger
	BodyLimit int64  // zero: DefaultBodyLimit
	OpenAPI   []byte // served at /api/openapi.json (api/openapi.JSON)
	Views     Views  // the read models, when running; nil: readiness is the store alone
	// Runner serves the registers; nil: the register routes are not served.
	Runner *projections.Runner
	// Integrity serves digests, proofs and bundles; nil: not served.
	Integrity Integrity
	// Access records confidential reads and serves them to reviewers; nil:
	// reads are not recorded and the route is not served.
	Access AccessLog
	// SharedStore reports what a shared store found that is not the
	// ledger's, for /readyz; nil: nothing to report (the embedded store).
	SharedStore func() SharedStoreStatus
}

// Server is the HTTP API. Serve its Handler with an http.Server and call
// Closing when that server starts shutting down (see Run).
type Server struct {
	cfg         Config
	echo        *echo.Echo
	reads       *reads
	log         *slog.Logger
	closing     chan struct{}
	closeOnce   sync.Once
	figureCache figuresCache // figures per position of the views (figures_cache.go)
}

// New builds the server and its routes. It panics on a missing dependency:
// that is a wiring bug, found at start-up.
func New(cfg Config) *Server {
	if cfg.Service == nil || cfg.Store == nil || cfg.Tokens == nil {
		panic("httpapi: New needs a service, a store and a token store")
	}
	if cfg.Metrics == nil {
		cfg.Metrics = NewMetrics()
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.BodyLimit <= 0 {
		cfg.BodyLimit = DefaultBodyLimit
	}
	s := &Server{cfg: cfg, reads: &reads{store: cfg.Store}, log: cfg.Logger, closing: make(chan struct{})}
	if cfg.Views != nil {
		cfg.Metrics.Registry.MustRegister(newViewCollector(cfg.Views))
	}
	s.echo = s.newEcho()
	return s
}

// Handler serves the API.
func (s *Server) Handler() http.Handler { return s.echo }

// Closing tells long-lived responses (the live feed) to end, so that a
// graceful shutdown does not wait for them. Safe to call more than once.
func (s *Server) Closing() { s.closeOnce.Do(func() { close(s.closing) }) }

func (s *Server) newEcho() *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = s.errorHandler
	e.Use(s.observe, middleware.Recover(), middleware.RequestID())
	s.routes(e)
	return e
}
