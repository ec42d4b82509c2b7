package httpapi

import (
	"context"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/movementcoord/ledger/eventstore"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// Metrics are the server's Prometheus series. Each server has its own
// registry, so tests can run several servers in one process.
type Metrics struct {
	Registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
	appends  *prometheus.HistogramVec
	commands *prometheus.CounterVec
}

// NewMetrics registers the ledger's series and the Go runtime's.
func NewMetrics() *Metrics {
	m := &Metrics{Registry: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ledger_http_requests_total", Help: "HTTP requests by method, route and status.",
	}, []string{"method", "route", "status"})
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "ledger_http_request_duration_seconds", Help: "HTTP request latency by method, route and status.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "route", "status"})
	m.appends = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name: "ledger_store_append_duration_seconds", Help: "Latency of durable appends to the event store, by outcome.",
		Buckets: prometheus.ExponentialBuckets(0.0005, 2, 14),
	}, []string{"outcome"})
	m.commands = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "ledger_commands_total", Help: "Commands by name and outcome (ok, duplicate, or the problem code).",
	}, []string{"command", "outcome"})
	m.Registry.MustRegister(m.requests, m.latency, m.appends, m.commands,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe counts and times one finished request.
func (m *Metrics) observe(c echo.Context, took time.Duration) {
	status := strconv.Itoa(c.Response().Status)
	method, route := c.Request().Method, routeOf(c)
	m.requests.WithLabelValues(method, route, status).Inc()
	m.latency.WithLabelValues(method, route, status).Observe(took.Seconds())
}

// countCommand records one command's outcome. Only known command names
// reach it, so the series stay bounded.
func (m *Metrics) countCommand(name string, res recorder.Result, err error) {
	outcome := "ok"
	switch {
	case err != nil:
		outcome = problemFor(err).Code
	case res.Duplicate:
		outcome = "duplicate"
	}
	m.commands.WithLabelValues(name, outcome).Inc()
}

// routeOf is the route pattern, never the raw path, so that scanners probing
// random paths cannot blow up the series.
func routeOf(c echo.Context) string {
	if r := c.Path(); r != "" {
		return r
	}
	return "unmatched"
}

func (m *Metrics) handler() echo.HandlerFunc {
	return echo.WrapHandler(promhttp.HandlerFor(m.Registry, promhttp.HandlerOpts{}))
}

// InstrumentStore times the store's appends; everything else passes through.
func (m *Metrics) InstrumentStore(s eventstore.Store) eventstore.Store {
	return timedStore{Store: s, appends: m.appends}
}

type timedStore struct {
	eventstore.Store
	appends *prometheus.HistogramVec
}

// Unwrap lets the service ask the store beneath for what timing does not
// change, such as a stream's committed version (eventstore.StreamVersioner).
func (t timedStore) Unwrap() eventstore.Store { return t.Store }

func (t timedStore) Append(ctx context.Context, stream string, expected eventstore.ExpectedVersion, events ...eventstore.EventData) (eventstore.AppendResult, error) {
	start := time.Now()
	res, err := t.Store.Append(ctx, stream, expected, events...)
	outcome := "ok"
	if err != nil {
		outcome = "error"
	}
	t.appends.WithLabelValues(outcome).Observe(time.Since(start).Seconds())
	return res, err
}
