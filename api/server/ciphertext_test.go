package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/api/server/servertest"
	"github.com/movementcoord/ledger/domain/personal"
	"github.com/movementcoord/ledger/projections/export"
	"github.com/movementcoord/ledger/scripts/demo"
)

// sealedMark starts every sealed personal field as the log stores it.
const sealedMark = "pii1:"

// TestNoAnswerCarriesSealedCiphertext runs the demo against a real server
// (which seals personal data), then reads every read route as every role:
// the registers now and as of now, figures, the timeline, the audit trail,
// each record, its stream and its audit, exports and the live feed. No
// answer may carry a sealed field: a reader gets plaintext or nothing.
// (The review bundle and inclusion proofs are left out on purpose: they are
// the stored events, ciphertext included, so that anyone can check the
// hashes; only reviewers and admins get them.)
func TestNoAnswerCarriesSealedCiphertext(t *testing.T) {
	require.True(t, strings.HasPrefix(sealedPrefix(t), sealedMark), "the mark this test looks for is what the cipher writes")
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	dir := t.TempDir()
	srv := servertest.Start(t, dir, nil)
	raw, err := os.ReadFile(filepath.Join(dir, auth.AdminTokenFile))
	require.NoError(t, err)
	admin := strings.TrimSpace(string(raw))
	sum, err := demo.Run(ctx, demo.NewClient(srv.Base, admin), time.Now().UTC(), nil)
	require.NoError(t, err)
	sc := &scan{t: t, base: srv.Base, at: fmt.Sprintf("?at_least=%d", sum.LastPosition)}
	roles := map[string]string{"admin": admin,
		"officer":  sc.token(admin, "officer", sum.OperationID),
		"reviewer": sc.token(admin, "reviewer", uuid.Nil),
		"analyst":  sc.token(admin, "analyst", uuid.Nil)}
	// a named owner puts sealed personal data into a record's own state
	owner := sc.component(roles["reviewer"], sum.OperationID)
	sc.post(roles["officer"], "/api/v1/commands/actionpoint.raise", map[string]any{"operation_id": sum.OperationID,
		"title": "Brief the district teams", "owner_component_id": owner, "owner_person_id": uuid.New(), "owner_name": "Ram Thapa"})
	// one last event every role sees, so the live feed knows where to stop
	last := sc.post(admin, "/api/v1/commands/operation.change_severity",
		map[string]any{"id": sum.OperationID, "severity": "high", "reason": "aftershocks eased"})
	require.Greater(t, last, sum.LastPosition)
	sc.at = fmt.Sprintf("?at_least=%d", last)
	records := sc.records(roles["reviewer"], sum.OperationID)
	require.NotEmpty(t, records)
	for role, token := range roles {
		t.Run(role, func(t *testing.T) {
			sc := &scan{t: t, base: srv.Base, at: sc.at}
			sc.routes(token, sum.OperationID, records)
			sc.live(ctx, token, last)
			t.Logf("%s: %d answers scanned, none carries %q", role, sc.answers, sealedMark)
		})
	}
}

// sealedPrefix seals a value the way the write path does.
func sealedPrefix(t *testing.T) string {
	key := make([]byte, 32)
	s, err := personal.Seal(key, uuid.New(), "Sita Gurung")
	require.NoError(t, err)
	return s
}

type scan struct {
	t       *testing.T
	base    string
	at      string // ?at_least= of the demo's last write
	answers int
}

// get reads one route and fails on a sealed field anywhere in the answer.
func (s *scan) get(token, path string) []byte {
	s.t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.base+path, nil)
	require.NoError(s.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(s.t, err)
	require.Less(s.t, resp.StatusCode, 500, "%s: %s", path, body)
	require.NotContains(s.t, string(body), sealedMark, "GET %s", path)
	s.answers++
	return body
}

// send posts a JSON body and decodes the answer into out.
func (s *scan) send(token, path string, body map[string]any, out any) {
	s.t.Helper()
	raw, err := json.Marshal(body)
	require.NoError(s.t, err)
	req, err := http.NewRequest(http.MethodPost, s.base+path, strings.NewReader(string(raw)))
	require.NoError(s.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", uuid.NewString())
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	require.Less(s.t, resp.StatusCode, 300, "POST %s", path)
	require.NoError(s.t, json.NewDecoder(resp.Body).Decode(out))
}

// post runs a command and returns the position it was written at.
func (s *scan) post(token, path string, body map[string]any) uint64 {
	var res struct {
		Position uint64 `json:"position"`
	}
	s.send(token, path, body, &res)
	return res.Position
}

func (s *scan) token(admin, role string, op uuid.UUID) string {
	spec := map[string]any{"name": "scan " + role, "role": role}
	if op != uuid.Nil {
		spec["operations"] = []uuid.UUID{op}
	}
	var created struct {
		Secret string `json:"secret"`
	}
	s.send(admin, "/api/v1/tokens", spec, &created)
	require.NotEmpty(s.t, created.Secret)
	return created.Secret
}

// component is the id of one component of the operation.
func (s *scan) component(token string, op uuid.UUID) uuid.UUID {
	var reg struct {
		Items []struct {
			ID uuid.UUID `json:"id"`
		} `json:"items"`
	}
	require.NoError(s.t, json.Unmarshal(s.get(token, "/api/v1/operations/"+op.String()+"/components"+s.at), &reg))
	require.NotEmpty(s.t, reg.Items)
	return reg.Items[0].ID
}

// records are every record of the operation, from a reviewer's timeline.
func (s *scan) records(reviewer string, op uuid.UUID) []string {
	var page struct {
		Records []struct {
			Record struct {
				Kind string    `json:"kind"`
				ID   uuid.UUID `json:"id"`
			} `json:"record"`
		} `json:"records"`
	}
	require.NoError(s.t, json.Unmarshal(s.get(reviewer, "/api/v1/operations/"+op.String()+"/timeline"+s.at+"&limit=1000"), &page))
	seen := map[string]bool{}
	var out []string
	for _, r := range page.Records {
		ref := r.Record.Kind + "/" + r.Record.ID.String()
		if !seen[ref] {
			seen[ref] = true
			out = append(out, ref)
		}
	}
	return out
}

var registers = []string{"action-points", "decisions", "compliance-issues", "escalations", "components", "contacts",
	"mechanisms", "meetings", "lessons", "figures", "timeline"}

func (s *scan) routes(token string, op uuid.UUID, records []string) {
	opPath := "/api/v1/operations/" + op.String()
	asOf := "&as_of=" + url.QueryEscape(time.Now().UTC().Format(time.RFC3339))
	s.get(token, "/api/v1/operations"+s.at)
	for _, r := range registers {
		s.get(token, opPath+"/"+r+s.at)
		s.get(token, opPath+"/"+r+s.at+asOf)
	}
	for _, v := range export.Views() {
		for _, format := range []string{"json", "csv"} {
			s.get(token, opPath+"/export"+s.at+"&view="+v+"&format="+format)
		}
	}
	window := fmt.Sprintf("&from=%s&to=%s&limit=1000", url.QueryEscape(time.Now().Add(-24*time.Hour).UTC().Format(time.RFC3339)),
		url.QueryEscape(time.Now().Add(time.Hour).UTC().Format(time.RFC3339)))
	s.get(token, "/api/v1/audit"+s.at+window)
	for _, ref := range records {
		kind, id, _ := strings.Cut(ref, "/")
		s.get(token, "/api/v1/records/"+ref)
		s.get(token, "/api/v1/streams/"+kind+"-"+id+"/events?limit=1000")
		s.get(token, "/api/v1/audit/"+ref+s.at)
	}
}

// live replays the whole log through the live feed and scans every event.
func (s *scan) live(ctx context.Context, token string, last uint64) {
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.base+"/api/v1/events/live?after=0", nil)
	require.NoError(s.t, err)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(s.t, err)
	defer resp.Body.Close()
	lines := bufio.NewScanner(resp.Body)
	lines.Buffer(make([]byte, 1<<20), 1<<20)
	var id uint64
	for lines.Scan() {
		line := lines.Text()
		require.NotContains(s.t, line, sealedMark, "live feed")
		if n, ok := strings.CutPrefix(line, "id: "); ok {
			_, _ = fmt.Sscan(n, &id)
		}
		if line == "" && id > 0 {
			s.answers++
		}
		if id >= last {
			return // every event this role may see has been scanned
		}
	}
}
