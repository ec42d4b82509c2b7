package server

import (
	"fmt"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/movementcoord/ledger/api/accesslog"
	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/httpapi"
	"github.com/movementcoord/ledger/eventstore/backend"
)

// On KurrentDB several servers serve one ledger: the tokens and the access
// log of confidential reads live in the shared store (its side streams),
// not in each server's data directory. The embedded store is one process's
// and keeps tokens.json and access-log.jsonl there, as before: the same
// Store and the same handlers either way, only the backing differs.

// openTokens opens the token registry: shared on KurrentDB, else the file.
// It is opened once and handed to both the API and the web pages.
func (b *backing) openTokens(dir string) (*auth.Store, error) {
	if b.tokens != nil {
		return b.tokens, nil
	}
	var err error
	if sh, ok := backend.SharedOf(b.store); ok {
		b.tokens, err = auth.OpenShared(sh.Side())
	} else {
		b.tokens, err = auth.OpenStore(dir)
	}
	if err != nil {
		return nil, fmt.Errorf("open tokens: %w", err)
	}
	return b.tokens, nil
}

// accessLog is the access log the server records to and closes.
type accessLog interface {
	httpapi.AccessLog
	Close() error
}

// openAccess opens the access log: shared on KurrentDB, else the file.
func (b *backing) openAccess(dir string) (accessLog, error) {
	if sh, ok := backend.SharedOf(b.store); ok {
		return accesslog.OpenShared(sh.Side()), nil
	}
	return accesslog.Open(dir)
}

// sharedStatus is the /readyz report of a shared store; nil when the store
// is not shared.
func (b *backing) sharedStatus() func() httpapi.SharedStoreStatus {
	sh, ok := backend.SharedOf(b.store)
	if !ok {
		return nil
	}
	return func() httpapi.SharedStoreStatus {
		f := sh.Foreign()
		st := httpapi.SharedStoreStatus{ForeignEvents: f.Count, LastForeignStream: f.LastStream}
		for _, r := range sh.Retention() {
			st.HiddenHistory = append(st.HiddenHistory, r.Stream+": "+r.Settings)
		}
		if j := b.leases; j != nil {
			st.Leases, st.Contender = j.holders(), j.holder
			if err := j.refused(); err != nil {
				st.SigningRefused = err.Error()
			}
		}
		return st
	}
}

// registerSharedMetrics exposes the shared store's findings in /metrics, so
// that an alert can fire on them.
func registerSharedMetrics(m *httpapi.Metrics, b *backing) {
	sh, ok := backend.SharedOf(b.store)
	if !ok {
		return
	}
	m.Registry.MustRegister(
		prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "ledger_store_foreign_events_total",
			Help: "Events of other writers on the shared KurrentDB that the ledger skipped (outside its namespace or without its marker)."},
			func() float64 { return float64(sh.Foreign().Count) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "ledger_store_hidden_history_streams",
			Help: "Ledger streams whose events the KurrentDB node hides ($maxCount, $maxAge, $tb or a soft delete set by someone else)."},
			func() float64 { return float64(len(sh.Retention())) }),
	)
}
