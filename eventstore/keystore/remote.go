package keystore

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore"
)

// RemoteConfig says how to reach the key service.
type RemoteConfig struct {
	URL    string // https://host:port, or http:// on a loopback address only
	Token  string // the key service's bearer token
	CAFile string // PEM certificates to trust besides the system's; optional
	// CacheFor is how long a key is kept in memory before the service is
	// asked again; default DefaultCacheFor. An erasure made through this
	// client is seen at once; one made by another server is seen when its
	// event is read (projections/unseal), or at worst after CacheFor.
	CacheFor time.Duration
	Timeout  time.Duration // per request; default 10s
}

// DefaultCacheFor bounds how long another server's erasure can go unseen.
const DefaultCacheFor = time.Minute

// Remote is the client of the key service (api/keyservice), the key store
// that every ledger server on one KurrentDB shares.
type Remote struct {
	base     *url.URL
	token    string
	http     *http.Client
	cacheFor time.Duration

	mu     sync.Mutex
	cache  map[uuid.UUID]cachedKey
	erased map[uuid.UUID]bool // erasure is for good, so this is never forgotten
}

type cachedKey struct {
	key   []byte
	until time.Time
}

var _ Store = (*Remote)(nil)

// OpenRemote checks the address and the token with one request, so a wrong
// URL, certificate or token fails at start-up rather than at the first
// write of a contact.
func OpenRemote(ctx context.Context, cfg RemoteConfig) (*Remote, error) {
	base, err := serviceURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, fmt.Errorf("%w: no token for the key service at %s (set LEDGER_KEYS_TOKEN)", ErrUnauthorized, base.Redacted())
	}
	client, err := httpClient(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.CacheFor <= 0 {
		cfg.CacheFor = DefaultCacheFor
	}
	r := &Remote{base: base, token: cfg.Token, http: client, cacheFor: cfg.CacheFor,
		cache: map[uuid.UUID]cachedKey{}, erased: map[uuid.UUID]bool{}}
	if _, err := r.call(ctx, http.MethodGet, PingPath); err != nil {
		return nil, err
	}
	return r, nil
}

// serviceURL accepts https anywhere and http only on loopback: keys must
// not cross a network in clear.
func serviceURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("key service address %q: want https://host:port", raw)
	}
	if u.Scheme == "http" && !isLoopback(u.Hostname()) {
		return nil, fmt.Errorf("%w: %s sends keys in clear over the network; use https (and --tls-cert on the key service)", ErrInsecure, u.Redacted())
	}
	u.Path, u.RawQuery, u.Fragment = "", "", ""
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func httpClient(cfg RemoteConfig) (*http.Client, error) {
	tlsCfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if cfg.CAFile != "" {
		pem, err := os.ReadFile(cfg.CAFile)
		if err != nil {
			return nil, fmt.Errorf("key service CA file: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("key service CA file %s holds no PEM certificate", cfg.CAFile)
		}
		tlsCfg.RootCAs = pool
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlsCfg
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	return &http.Client{Transport: tr, Timeout: timeout}, nil
}

// Key implements Store.
func (r *Remote) Key(ctx context.Context, person uuid.UUID) ([]byte, error) {
	return r.fetch(ctx, http.MethodGet, person)
}

// Ensure implements Store. The key service makes the key, once, so servers
// racing to record the same new person all get the same key.
func (r *Remote) Ensure(ctx context.Context, person uuid.UUID) ([]byte, error) {
	return r.fetch(ctx, http.MethodPut, person)
}

func (r *Remote) fetch(ctx context.Context, method string, person uuid.UUID) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if key, err, ok := r.cached(person); ok {
		return key, err
	}
	body, err := r.call(ctx, method, KeysPath+person.String())
	if err != nil {
		if errors.Is(err, personal.ErrErased) {
			r.noteErased(person)
		}
		return nil, fmt.Errorf("person %s: %w", person, err)
	}
	var reply KeyReply
	if err := json.Unmarshal(body, &reply); err != nil || len(reply.Key) != personal.KeySize {
		return nil, fmt.Errorf("%w: key service sent no usable key for person %s", ErrCorrupt, person)
	}
	r.mu.Lock()
	r.cache[person] = cachedKey{key: reply.Key, until: time.Now().Add(r.cacheFor)}
	r.mu.Unlock()
	return reply.Key, nil
}

func (r *Remote) cached(person uuid.UUID) ([]byte, error, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.erased[person] {
		return nil, fmt.Errorf("person %s: %w", person, personal.ErrErased), true
	}
	if c, ok := r.cache[person]; ok && time.Now().Before(c.until) {
		return c.key, nil, true
	}
	return nil, nil, false
}

func (r *Remote) noteErased(person uuid.UUID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.cache, person)
	r.erased[person] = true
}

// Erase implements Store. The key is forgotten here first, so this server
// stops opening the person's data even if the service cannot be reached;
// the caller retries until the service has destroyed it too.
func (r *Remote) Erase(ctx context.Context, person uuid.UUID) error {
	r.noteErased(person)
	if err := ctx.Err(); err != nil {
		return err
	}
	if _, err := r.call(ctx, http.MethodDelete, KeysPath+person.String()); err != nil {
		return fmt.Errorf("erase person %s: %w", person, err)
	}
	return nil
}

// Close implements Store.
func (r *Remote) Close() error {
	r.http.CloseIdleConnections()
	return nil
}

// retryDelays: every call is idempotent, so a dropped connection or a
// restarting service is retried a few times before the caller hears of it.
var retryDelays = []time.Duration{100 * time.Millisecond, 400 * time.Millisecond}

func (r *Remote) call(ctx context.Context, method, path string) ([]byte, error) {
	var err error
	for attempt := 0; ; attempt++ {
		var body []byte
		var retry bool
		body, retry, err = r.once(ctx, method, path)
		if !retry || attempt == len(retryDelays) {
			return body, err
		}
		select {
		case <-ctx.Done():
			return nil, errors.Join(ctx.Err(), err)
		case <-time.After(retryDelays[attempt]):
		}
	}
}

func (r *Remote) once(ctx context.Context, method, path string) (body []byte, retry bool, err error) {
	req, err := http.NewRequestWithContext(ctx, method, r.base.JoinPath(path).String(), nil)
	if err != nil {
		return nil, false, err
	}
	req.Header.Set("Authorization", "Bearer "+r.token)
	resp, err := r.http.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, false, ctx.Err()
		}
		return nil, true, fmt.Errorf("%w at %s: %v", ErrUnavailable, r.base.Redacted(), err)
	}
	defer resp.Body.Close()
	body, err = io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if err != nil {
		return nil, true, fmt.Errorf("%w at %s: %v", ErrUnavailable, r.base.Redacted(), err)
	}
	if resp.StatusCode < 300 {
		return body, false, nil
	}
	// A full disk is no passing fault: the administrator must free space.
	retry = resp.StatusCode >= 502 && resp.StatusCode != http.StatusInsufficientStorage
	return nil, retry, r.refusal(resp.StatusCode, body)
}

// refusal turns the service's answer into this package's errors.
func (r *Remote) refusal(status int, body []byte) error {
	var e ErrorReply
	_ = json.Unmarshal(bytes.TrimSpace(body), &e)
	switch {
	case e.Code == CodeNoKey:
		return ErrNoKey
	case e.Code == CodeErased:
		return personal.ErrErased
	case status == http.StatusUnauthorized:
		return fmt.Errorf("%w at %s: check LEDGER_KEYS_TOKEN", ErrUnauthorized, r.base.Redacted())
	case e.Code == CodeStorageFull:
		return fmt.Errorf("%w (the key service's disk, at %s): %s", eventstore.ErrStorageFull, r.base.Redacted(), e.Detail)
	case e.Code == CodeCorrupt:
		return fmt.Errorf("%w (at the key service %s): %s", ErrCorrupt, r.base.Redacted(), e.Detail)
	case status >= 500:
		return fmt.Errorf("%w at %s: status %d %s", ErrUnavailable, r.base.Redacted(), status, e.Detail)
	}
	return fmt.Errorf("key service at %s answered %d: %s %s", r.base.Redacted(), status, e.Code, e.Detail)
}
