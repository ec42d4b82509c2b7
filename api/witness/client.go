package witness

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/movementcoord/ledger/domain/integrity"
)

// Push sends one add-checkpoint request to the witness at base (its URL up
// to, not including, /add-checkpoint) and returns its cosignature lines. A
// stale old size comes back as *ConflictError with the witness's size.
func Push(ctx context.Context, client *http.Client, base string, old uint64, proof []integrity.Hash, signed []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(base, "/")+AddCheckpointPath,
		bytes.NewReader(Request(old, proof, signed)))
	if err != nil {
		return nil, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("witness %s: %w", base, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("witness %s: %w", base, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		return body, nil
	case resp.StatusCode == http.StatusConflict && resp.Header.Get("Content-Type") == sizeContentType:
		size, err := strconv.ParseUint(strings.TrimSuffix(string(body), "\n"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("witness %s: malformed size %q", base, body)
		}
		return nil, &ConflictError{Size: size}
	}
	return nil, fmt.Errorf("witness %s refused the checkpoint: %s: %s", base, resp.Status, strings.TrimSpace(string(body)))
}
