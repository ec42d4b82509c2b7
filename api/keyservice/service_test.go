package keyservice_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/keyservice"
	"github.com/movementcoord/ledger/api/keyservice/keyservicetest"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/eventstore/keystore"
)

func TestTheTokenIsRequired(t *testing.T) {
	t.Parallel()
	svc := keyservicetest.Start(t, t.TempDir())
	for _, token := range []string{"", "wrong"} {
		_, err := keystore.OpenRemote(context.Background(), keystore.RemoteConfig{URL: svc.URL, Token: token})
		require.ErrorIs(t, err, keystore.ErrUnauthorized, "token %q", token)
	}
	resp, err := http.Get(svc.URL + keystore.KeysPath + uuid.NewString())
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode, "no key without the token")
}

func TestKeysNeverCrossANetworkInClear(t *testing.T) {
	t.Parallel()
	_, err := keystore.OpenRemote(context.Background(), keystore.RemoteConfig{URL: "http://10.1.2.3:8089", Token: "x"})
	require.ErrorIs(t, err, keystore.ErrInsecure)
	err = keyservice.Run(context.Background(), keyservice.Options{DataDir: t.TempDir(), Addr: "0.0.0.0:0", Init: true})
	require.ErrorIs(t, err, keystore.ErrInsecure)
}

func TestAMissingKeyStoreNeedsInit(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	err := keyservice.Run(context.Background(), keyservice.Options{DataDir: dir, Addr: "127.0.0.1:0"})
	require.ErrorIs(t, err, keystore.ErrMissing)
	require.Contains(t, err.Error(), "--init")
	_, err = os.Stat(filepath.Join(dir, keystore.FileName))
	require.ErrorIs(t, err, os.ErrNotExist, "nothing was created")
}

func TestInitMakesATokenAndOneServicePerDirectory(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- keyservice.Run(ctx, keyservice.Options{DataDir: dir, Addr: "127.0.0.1:0", Init: true,
			Ready: func(a string) { ready <- a }})
	}()
	addr := <-ready
	info, err := os.Stat(filepath.Join(dir, keyservice.TokenFile))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	token, err := os.ReadFile(filepath.Join(dir, keyservice.TokenFile))
	require.NoError(t, err)
	r, err := keystore.OpenRemote(ctx, keystore.RemoteConfig{URL: "http://" + addr, Token: strings.TrimSpace(string(token))})
	require.NoError(t, err, "the token written is the one served")
	require.NoError(t, r.Close())

	err = keyservice.Run(ctx, keyservice.Options{DataDir: dir, Addr: "127.0.0.1:0"})
	require.ErrorContains(t, err, "locked", "a second service on the same keys is refused")
	cancel()
	require.NoError(t, <-done)
}

func TestAnotherServersErasureIsSeenWithinTheCacheTime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := keyservicetest.Start(t, t.TempDir())
	const cacheFor = 200 * time.Millisecond
	a, err := keystore.OpenRemote(ctx, keystore.RemoteConfig{URL: svc.URL, Token: svc.Token, CacheFor: cacheFor})
	require.NoError(t, err)
	t.Cleanup(func() { _ = a.Close() })
	b := openRemote(t, svc)
	person := uuid.New()
	key, err := a.Ensure(ctx, person)
	require.NoError(t, err)
	fromB, err := b.Key(ctx, person)
	require.NoError(t, err)
	require.Equal(t, key, fromB, "both servers open the same data")

	require.NoError(t, b.Erase(ctx, person))
	_, err = b.Key(ctx, person)
	require.ErrorIs(t, err, personal.ErrErased, "at once on the server that erased")
	time.Sleep(cacheFor + 50*time.Millisecond)
	_, err = a.Key(ctx, person)
	require.ErrorIs(t, err, personal.ErrErased, "after the cache time on the other")
}

func TestAnUnreachableServiceIsReportedAsSuch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	svc := keyservicetest.Start(t, t.TempDir())
	r := openRemote(t, svc)
	svc.Stop()
	start := time.Now()
	_, err := r.Ensure(ctx, uuid.New())
	require.ErrorIs(t, err, keystore.ErrUnavailable)
	require.Less(t, time.Since(start), 5*time.Second, "bounded retries")
	require.ErrorIs(t, r.Erase(ctx, uuid.New()), keystore.ErrUnavailable)
}

func TestBadRequestsAreRefusedPlainly(t *testing.T) {
	t.Parallel()
	svc := keyservicetest.Start(t, t.TempDir())
	for _, path := range []string{keystore.KeysPath + "not-a-uuid", keystore.KeysPath + uuid.Nil.String()} {
		req, err := http.NewRequest(http.MethodPut, svc.URL+path, nil)
		require.NoError(t, err)
		req.Header.Set("Authorization", "Bearer "+svc.Token)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		require.NoError(t, resp.Body.Close())
		require.Equal(t, http.StatusBadRequest, resp.StatusCode, path)
	}
}

func TestTLS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	cert, key := selfSigned(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	ready, done := make(chan string, 1), make(chan error, 1)
	go func() {
		done <- keyservice.Run(ctx, keyservice.Options{DataDir: dir, Addr: "127.0.0.1:0", Init: true, Token: "t",
			TLSCert: cert, TLSKey: key, Ready: func(a string) { ready <- a }})
	}()
	url := "https://" + <-ready
	_, err := keystore.OpenRemote(ctx, keystore.RemoteConfig{URL: url, Token: "t", Timeout: time.Second})
	require.ErrorIs(t, err, keystore.ErrUnavailable, "an unknown certificate is refused")
	require.ErrorContains(t, err, "certificate")
	r, err := keystore.OpenRemote(ctx, keystore.RemoteConfig{URL: url, Token: "t", CAFile: cert})
	require.NoError(t, err)
	k, err := r.Ensure(ctx, uuid.New())
	require.NoError(t, err)
	require.Len(t, k, personal.KeySize)
	require.NoError(t, r.Close())
	cancel()
	require.NoError(t, <-done)
}

// selfSigned writes a certificate for 127.0.0.1 and its key as PEM files.
func selfSigned(t *testing.T, dir string) (certPath, keyPath string) {
	t.Helper()
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "ledger keys test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, IsCA: true, BasicConstraintsValid: true,
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &priv.PublicKey, priv)
	require.NoError(t, err)
	keyDER, err := x509.MarshalECPrivateKey(priv)
	require.NoError(t, err)
	certPath, keyPath = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	require.NoError(t, os.WriteFile(certPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600))
	require.NoError(t, os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: keyDER}), 0o600))
	return certPath, keyPath
}
