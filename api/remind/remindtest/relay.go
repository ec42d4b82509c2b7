// Package remindtest runs an in-process SMTP relay for tests
// (github.com/emersion/go-smtp): STARTTLS with a self-signed certificate,
// AUTH PLAIN required, every message kept and readable back as its parts.
package remindtest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind"
)

// The relay's credentials.
const User, Password = "ledger", "s3cret"

// Relay is a running SMTP server on 127.0.0.1.
type Relay struct {
	Addr  string
	Roots *x509.CertPool // trusts the relay's certificate
	CAPEM []byte         // the same, PEM-encoded (for LEDGER_SMTP_CA)

	mu       sync.Mutex
	messages []Received
}

// Received is one message as the relay got it.
type Received struct {
	From, To string
	Data     []byte
	TLS      bool // sent after STARTTLS
}

// Start runs a relay until the test ends.
func Start(t testing.TB) *Relay {
	t.Helper()
	cert, der := selfSigned(t)
	r := &Relay{Roots: x509.NewCertPool(), CAPEM: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})}
	parsed, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	r.Roots.AddCert(parsed)
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{r: r, c: c}, nil
	}))
	srv.Domain = "relay.test"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r.Addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return r
}

// Mailer is a remind.SMTP pointed at the relay.
func (r *Relay) Mailer() *remind.SMTP {
	return &remind.SMTP{Addr: r.Addr, From: "ledger@coordination.example", Username: User, Password: Password,
		TLS: &tls.Config{RootCAs: r.Roots, ServerName: "127.0.0.1"}, Timeout: 5 * time.Second}
}

// Take returns the messages received since the last Take.
func (r *Relay) Take() []Received {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.messages
	r.messages = nil
	return out
}

type session struct {
	r      *Relay
	c      *smtp.Conn
	authed bool
	from   string
	to     string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != User || pass != Password {
			return errors.New("bad credentials")
		}
		s.authed = true
		return nil
	}), nil
}
func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if !s.authed {
		return errors.New("authenticate first")
	}
	s.from = from
	return nil
}
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.c.TLSConnectionState()
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	s.r.messages = append(s.r.messages, Received{From: s.from, To: s.to, Data: b, TLS: isTLS})
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func selfSigned(t testing.TB) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "relay.test"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, der
}

// Parsed is a received message read back with the standard library.
type Parsed struct {
	To, Subject, Lang string
	Text, HTML        string
}

// Parse reads a message: headers (the subject decoded), and the text and
// HTML parts of its multipart/alternative body.
func Parse(t testing.TB, m Received) Parsed {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(m.Data)))
	require.NoError(t, err)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	require.NoError(t, err)
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/alternative", mt)
	p := Parsed{To: msg.Header.Get("To"), Subject: subject, Lang: msg.Header.Get("Content-Language")}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		body, err := io.ReadAll(quotedprintable.NewReader(part))
		require.NoError(t, err)
		switch ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct {
		case "text/plain":
			p.Text = string(body)
		case "text/html":
			p.HTML = string(body)
		}
	}
	return p
}
