package remind_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
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
	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/remind"
	"github.com/movementcoord/ledger/domain"
)

// relay is an in-process SMTP server (github.com/emersion/go-smtp) that
// offers STARTTLS, requires AUTH PLAIN and keeps every message.
type relay struct {
	mu       sync.Mutex
	messages []received
	addr     string
	roots    *x509.CertPool
}

type received struct {
	from, to string
	data     []byte
	tls      bool
}

const relayUser, relayPass = "ledger", "s3cret"

func startRelay(t *testing.T) *relay {
	t.Helper()
	cert, roots := selfSigned(t)
	r := &relay{roots: roots}
	srv := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &session{r: r, c: c}, nil
	}))
	srv.Domain = "relay.test"
	srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	r.addr = ln.Addr().String()
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return r
}

func (r *relay) mailer() *remind.SMTP {
	return &remind.SMTP{Addr: r.addr, From: "ledger@coordination.example", Username: relayUser, Password: relayPass,
		TLS: &tls.Config{RootCAs: r.roots, ServerName: "127.0.0.1"}, Timeout: 5 * time.Second}
}

func (r *relay) take() []received {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.messages
	r.messages = nil
	return out
}

type session struct {
	r        *relay
	c        *smtp.Conn
	authed   bool
	from, to string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }
func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != relayUser || pass != relayPass {
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
	s.r.messages = append(s.r.messages, received{from: s.from, to: s.to, data: b, tls: isTLS})
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func selfSigned(t *testing.T) (tls.Certificate, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "relay.test"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	require.NoError(t, err)
	c, err := x509.ParseCertificate(der)
	require.NoError(t, err)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool
}

// parsed is a received message read back with the standard library.
type parsed struct {
	to, subject, lang string
	text, html        string
}

func parse(t *testing.T, m received) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(strings.NewReader(string(m.data)))
	require.NoError(t, err)
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	require.NoError(t, err)
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/alternative", mt)
	p := parsed{to: msg.Header.Get("To"), subject: subject, lang: msg.Header.Get("Content-Language")}
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
			p.text = string(body)
		case "text/html":
			p.html = string(body)
		}
	}
	return p
}

// TestDigestThroughSMTP: the week's day 2 goes through a STARTTLS relay
// with credentials: one message per person, each in the person's language,
// plain text and HTML, and a restricted action point's title in no one's
// mail.
func TestDigestThroughSMTP(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rl := startRelay(t)
	w := newWorld(t, day0)
	s := w.scenario()
	secret := "Staff security incident at the depot"
	h := w.hdr(s.op)
	h.Classification = domain.ClassRestricted
	w.run(domain.RaiseActionPoint{Header: h, ID: uuid.New(), MeetingID: s.meeting, Title: secret,
		Owner: domain.Owner{ComponentID: s.pns}, DueAt: s.ap1Due}) // due with AP1: reminded on the same day
	srv := w.server(rl.mailer())
	for d := range 3 { // days 0, 1, 2
		w.clock.Set(tick(d))
		_, err := srv.sender.Tick(ctx)
		require.NoError(t, err)
		if d < 2 {
			rl.take()
		}
	}
	require.Zero(t, srv.sender.Status().DeliveryFails, srv.sender.Status().LastError)
	msgs := rl.take()
	// Day 2: Ben has AP1 and the restricted AP due soon; Amina has AP2 overdue and the minutes (see expected()).
	byTo := map[string]parsed{}
	for _, m := range msgs {
		require.True(t, m.tls, "sent after STARTTLS")
		p := parse(t, m)
		require.NotContains(t, byTo, p.to, "one message per person")
		byTo[p.to] = p
		require.NotContains(t, p.text, secret)
		require.NotContains(t, p.html, secret)
		require.NotEmpty(t, p.html)
	}
	require.Len(t, byTo, 2)
	ben, amina := byTo["ben@nrc.example"], byTo["amina@hns.example"]
	require.Equal(t, "en", ben.lang)
	require.Contains(t, ben.subject, "Follow-up")
	require.Contains(t, ben.text, "Truck fuel plan")
	require.Contains(t, ben.text, "a restricted action point (sign in to read it)")
	require.Equal(t, "fr", amina.lang)
	require.Contains(t, amina.subject, "Suivi")
	require.Contains(t, amina.text, "Volunteer roster: en retard")
	require.Contains(t, amina.text, "TWG 1: compte rendu non diffusé")
	require.Contains(t, amina.html, `lang="fr"`)
}

// TestRelayDownIsRetried: a relay that refuses keeps the digest, retried
// with back-off; the failure shows in the counters until it goes through.
func TestRelayDownIsRetried(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newWorld(t, day0)
	s := w.scenario()
	box := &inbox{fail: true}
	srv := w.server(box)
	w.clock.Set(tick(0))
	_, err := srv.sender.Tick(ctx)
	require.NoError(t, err)
	st := srv.sender.Status()
	require.Equal(t, 1, st.Pending)
	require.Equal(t, 1, st.DeliveryFails)
	require.Contains(t, st.FailingOps, s.op)
	require.Contains(t, st.LastError, errRelayDown.Error())

	w.clock.Set(tick(0).Add(30 * time.Second)) // before the first back-off ends: no attempt
	_, err = srv.sender.Tick(ctx)
	require.NoError(t, err)
	require.Equal(t, 1, srv.sender.Status().DeliveryFails)

	box.mu.Lock()
	box.fail = false
	box.mu.Unlock()
	w.clock.Set(tick(0).Add(2 * time.Minute))
	_, err = srv.sender.Tick(ctx)
	require.NoError(t, err)
	st = srv.sender.Status()
	require.Zero(t, st.Pending)
	require.Empty(t, st.FailingOps)
	got := box.take()
	require.Len(t, got, 1, "the digest held back is delivered once")
	require.Equal(t, s.amina, got[0].To.PersonID)
}
