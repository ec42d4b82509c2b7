// Package webtest runs the real ledger server with demo data and drives its
// pages in Chromium (chromedp), for browser journeys that read like what a
// person does. Screenshots go to api/web/webtest/screens (git-ignored).
package webtest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/scripts/demo"
)

// Site is a running ledger with the demo operation in it.
type Site struct {
	Base string
	Op   uuid.UUID // the demo operation
	dir  string
}

// Start runs the server on a fresh data directory and writes the demo
// earthquake response through its API.
func Start(t testing.TB) *Site {
	t.Helper()
	dir := t.TempDir()
	srv := servertest.Start(t, dir, nil)
	admin, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := demo.Run(ctx, demo.NewClient(srv.Base, strings.TrimSpace(string(admin))), time.Now(), nil)
	require.NoError(t, err)
	return &Site{Base: srv.Base, Op: sum.OperationID, dir: dir}
}

// Token creates a token of a role; an officer's holds the demo operation.
func (s *Site) Token(t testing.TB, role auth.Role) string {
	t.Helper()
	store, err := auth.OpenStore(s.dir)
	require.NoError(t, err)
	spec := auth.Spec{Name: "journey " + string(role), Role: role}
	if role == auth.RoleOfficer {
		spec.Operations = []uuid.UUID{s.Op}
	}
	_, secret, err := store.Create(spec)
	require.NoError(t, err)
	return secret
}

// OpPath is a page of the demo operation: OpPath("/actions").
func (s *Site) OpPath(rest string) string { return s.Base + "/ops/" + s.Op.String() + rest }

// Dir is the server's data directory (tokens, admin token).
func (s *Site) Dir() string { return s.dir }
