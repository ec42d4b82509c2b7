// Package serving runs an http.Server until its context ends, then shuts it
// down gracefully: the one way both `ledger serve` and `ledger keys serve`
// stop.
package serving

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"
)

// TLS names the PEM files to serve HTTPS with; the zero value serves HTTP.
type TLS struct{ CertFile, KeyFile string }

// Run serves srv on l until ctx ends, calling ready (if set) once it
// accepts connections. It then stops accepting, lets in-flight requests
// finish within shutdownTimeout, and returns nil; it returns an error if
// serving fails first or the requests do not finish in time.
func Run(ctx context.Context, srv *http.Server, l net.Listener, tls TLS, ready func(addr string), shutdownTimeout time.Duration) error {
	done := make(chan error, 1)
	go func() {
		if tls.CertFile != "" {
			done <- srv.ServeTLS(l, tls.CertFile, tls.KeyFile)
			return
		}
		done <- srv.Serve(l)
	}()
	if ready != nil {
		ready(l.Addr().String())
	}
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	return nil
}
