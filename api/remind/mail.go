package remind

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/smtp"
	"net/url"
	"os"
	"time"
)

// Mailer delivers a digest.
type Mailer interface {
	Send(ctx context.Context, d Digest) error
}

// SMTP is a relay reached with STARTTLS (smtp://host:port, the submission
// port 587 by default) or implicit TLS (smtps://host:port, 465). The user
// name and password come from the environment (LEDGER_SMTP_USERNAME,
// LEDGER_SMTP_PASSWORD), never from a flag that shows in a process list,
// and so does a private relay's CA (LEDGER_SMTP_CA, a PEM file);
// without them the relay is used unauthenticated. Plain text is never
// spoken: a relay without STARTTLS is refused.
type SMTP struct {
	Addr     string // host:port
	Implicit bool   // smtps: TLS from the first byte
	From     string
	Username string
	Password string
	TLS      *tls.Config // nil: the system roots, ServerName from Addr
	Timeout  time.Duration
}

// ParseSMTP reads the --smtp value and the credentials from the environment.
func ParseSMTP(raw, from string) (*SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "smtp" && u.Scheme != "smtps") {
		return nil, fmt.Errorf("%w: %q", ErrSMTPURL, raw)
	}
	port := map[string]string{"smtp": "587", "smtps": "465"}[u.Scheme]
	addr := u.Host
	if u.Port() == "" {
		addr = net.JoinHostPort(u.Hostname(), port)
	}
	s := &SMTP{Addr: addr, Implicit: u.Scheme == "smtps", From: from,
		Username: os.Getenv("LEDGER_SMTP_USERNAME"), Password: os.Getenv("LEDGER_SMTP_PASSWORD"), Timeout: 30 * time.Second}
	if ca := os.Getenv("LEDGER_SMTP_CA"); ca != "" { // a private relay's certificate authority
		pem, err := os.ReadFile(ca)
		if err != nil {
			return nil, fmt.Errorf("LEDGER_SMTP_CA: %w", err)
		}
		roots := x509.NewCertPool()
		if !roots.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("LEDGER_SMTP_CA: %s holds no PEM certificate", ca)
		}
		s.TLS = &tls.Config{RootCAs: roots, ServerName: u.Hostname(), MinVersion: tls.VersionTLS12}
	}
	return s, nil
}

func (s *SMTP) tlsConfig() *tls.Config {
	if s.TLS != nil {
		return s.TLS
	}
	host, _, _ := net.SplitHostPort(s.Addr)
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// Send delivers one digest as one message.
func (s *SMTP) Send(ctx context.Context, d Digest) error {
	if d.To.Email == "" {
		return ErrNoRecipients
	}
	msg, err := Message(s.From, d)
	if err != nil {
		return err
	}
	c, err := s.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := s.handshake(c); err != nil {
		return err
	}
	if err := c.Mail(s.From); err != nil {
		return fmt.Errorf("smtp MAIL: %w", err)
	}
	if err := c.Rcpt(d.To.Email); err != nil {
		return fmt.Errorf("smtp RCPT: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp DATA: %w", err)
	}
	return c.Quit()
}

func (s *SMTP) dial(ctx context.Context) (*smtp.Client, error) {
	timeout := s.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	d := net.Dialer{Timeout: timeout}
	var conn net.Conn
	var err error
	if s.Implicit {
		conn, err = (&tls.Dialer{NetDialer: &d, Config: s.tlsConfig()}).DialContext(ctx, "tcp", s.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.Addr)
	}
	if err != nil {
		return nil, fmt.Errorf("smtp dial %s: %w", s.Addr, err)
	}
	_ = conn.SetDeadline(time.Now().Add(timeout))
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("smtp greeting: %w", err)
	}
	return c, nil
}

func (s *SMTP) handshake(c *smtp.Client) error {
	if !s.Implicit {
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return fmt.Errorf("smtp %s: the relay offers no STARTTLS; refusing to send in clear", s.Addr)
		}
		if err := c.StartTLS(s.tlsConfig()); err != nil {
			return fmt.Errorf("smtp STARTTLS: %w", err)
		}
	}
	if s.Username == "" {
		return nil
	}
	host, _, _ := net.SplitHostPort(s.Addr)
	if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, host)); err != nil {
		return fmt.Errorf("smtp AUTH: %w", err)
	}
	return nil
}

// Message is the digest as an RFC 5322 message: plain text and HTML
// alternatives, UTF-8, quoted-printable.
func Message(from string, d Digest) ([]byte, error) {
	boundary := randomHex(12)
	var b bytes.Buffer
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", from)
	h("To", d.To.Email)
	h("Subject", mime.QEncoding.Encode("utf-8", d.Subject()))
	h("Date", d.Day.Format(time.RFC1123Z))
	h("Message-ID", "<"+randomHex(16)+"@ledger>")
	h("Content-Language", string(lang(d.To.Language)))
	h("Auto-Submitted", "auto-generated")
	h("MIME-Version", "1.0")
	h("Content-Type", `multipart/alternative; boundary="`+boundary+`"`)
	b.WriteString("\r\n")
	for _, part := range []struct{ typ, body string }{{"text/plain", d.Text()}, {"text/html", d.HTML()}} {
		fmt.Fprintf(&b, "--%s\r\nContent-Type: %s; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", boundary, part.typ)
		w := quotedprintable.NewWriter(&b)
		if _, err := w.Write([]byte(part.body)); err != nil {
			return nil, err
		}
		if err := w.Close(); err != nil {
			return nil, err
		}
		b.WriteString("\r\n")
	}
	fmt.Fprintf(&b, "--%s--\r\n", boundary)
	return b.Bytes(), nil
}

func randomHex(n int) string {
	buf := make([]byte, n)
	_, _ = rand.Read(buf) // crypto/rand never fails on supported platforms
	return hex.EncodeToString(buf)
}
