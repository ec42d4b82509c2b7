package httpapi

import (
	"github.com/prometheus/client_golang/prometheus"
)

// ViewStatus is one read model's health, as readiness and metrics report it.
type ViewStatus struct {
	Name     string `json:"name"`
	State    string `json:"state"` // ok, failed or rebuilding
	Position uint64 `json:"position"`
	Head     uint64 `json:"head"`
	Lag      uint64 `json:"lag"`
	Error    string `json:"error,omitempty"`
}

// Views is what the API needs of the projections runner. It is an interface
// here so that the API does not depend on how the read models are built;
// api/server adapts the runner to it.
type Views interface {
	// Ready reports whether every view has caught up with the log it knows of.
	Ready() bool
	Status() []ViewStatus
	// NoteHead tells the views a position exists, after an append, so
	// their lag is honest before the subscription delivers it.
	NoteHead(position uint64)
}

// viewCollector reports each view's position and lag at scrape time, so the
// figures are never older than the scrape.
type viewCollector struct {
	views    Views
	position *prometheus.Desc
	lag      *prometheus.Desc
	failed   *prometheus.Desc
}

func newViewCollector(v Views) *viewCollector {
	return &viewCollector{views: v,
		position: prometheus.NewDesc("ledger_view_position", "Last global position the view applied.", []string{"view"}, nil),
		lag:      prometheus.NewDesc("ledger_view_lag_events", "Events the view is behind the log's head.", []string{"view"}, nil),
		failed:   prometheus.NewDesc("ledger_view_failed", "1 when the view stopped on an error.", []string{"view"}, nil),
	}
}

func (c *viewCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.position
	ch <- c.lag
	ch <- c.failed
}

func (c *viewCollector) Collect(ch chan<- prometheus.Metric) {
	for _, s := range c.views.Status() {
		failed := 0.0
		if s.State == "failed" {
			failed = 1
		}
		ch <- prometheus.MustNewConstMetric(c.position, prometheus.GaugeValue, float64(s.Position), s.Name)
		ch <- prometheus.MustNewConstMetric(c.lag, prometheus.GaugeValue, float64(s.Lag), s.Name)
		ch <- prometheus.MustNewConstMetric(c.failed, prometheus.GaugeValue, failed, s.Name)
	}
}
