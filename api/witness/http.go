package witness

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/movementcoord/ledger/domain/integrity"
)

// Protocol constants of C2SP tlog-witness.
const (
	AddCheckpointPath = "/add-checkpoint"
	sizeContentType   = "text/x.tlog.size"
	maxBody           = 16 << 10
	maxProofLines     = 63
)

// Handler serves POST /add-checkpoint with the protocol's statuses: 200 and
// the cosignature, 400 malformed, 403 not signed by the log, 404 unknown log,
// 409 with the witness's size (text/x.tlog.size) for a stale old size, 409
// for a fork, 422 for a bad proof.
func (w *Witness) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST "+AddCheckpointPath, func(rw http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
		if err != nil || len(body) > maxBody {
			http.Error(rw, "request body unreadable or over 16 KiB", http.StatusBadRequest)
			return
		}
		old, proof, signed, err := ParseRequest(body)
		var cosig []byte
		if err == nil {
			cosig, err = w.AddCheckpoint(old, proof, signed)
		}
		writeOutcome(rw, cosig, err)
	})
	return mux
}

func writeOutcome(rw http.ResponseWriter, cosig []byte, err error) {
	var conflict *ConflictError
	switch {
	case err == nil:
		rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = rw.Write(cosig)
	case errors.As(err, &conflict):
		rw.Header().Set("Content-Type", sizeContentType)
		rw.WriteHeader(http.StatusConflict)
		fmt.Fprintf(rw, "%d\n", conflict.Size)
	case errors.Is(err, ErrFork):
		http.Error(rw, err.Error(), http.StatusConflict)
	case errors.Is(err, ErrUnknownLog):
		http.Error(rw, err.Error(), http.StatusNotFound)
	case errors.Is(err, ErrBadSignature):
		http.Error(rw, err.Error(), http.StatusForbidden)
	case errors.Is(err, ErrBadProof):
		http.Error(rw, err.Error(), http.StatusUnprocessableEntity)
	case errors.Is(err, ErrBadRequest):
		http.Error(rw, err.Error(), http.StatusBadRequest)
	default:
		http.Error(rw, "the witness could not keep the checkpoint", http.StatusInternalServerError)
	}
}

// Request is the add-checkpoint body: "old <size>", one base64 proof hash
// per line, an empty line, then the signed checkpoint.
func Request(old uint64, proof []integrity.Hash, signed []byte) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "old %d\n", old)
	for _, h := range proof {
		b.WriteString(base64.StdEncoding.EncodeToString(h[:]))
		b.WriteByte('\n')
	}
	b.WriteByte('\n')
	b.Write(signed)
	return b.Bytes()
}

// ParseRequest reads an add-checkpoint body.
func ParseRequest(body []byte) (old uint64, proof []integrity.Hash, signed []byte, err error) {
	head, signed, ok := bytes.Cut(body, []byte("\n\n"))
	if !ok {
		return 0, nil, nil, fmt.Errorf("%w: no empty line before the checkpoint", ErrBadRequest)
	}
	sc := bufio.NewScanner(bytes.NewReader(head))
	sc.Scan()
	size, found := strings.CutPrefix(sc.Text(), "old ")
	if old, err = strconv.ParseUint(size, 10, 64); !found || err != nil {
		return 0, nil, nil, fmt.Errorf("%w: first line is not \"old <size>\"", ErrBadRequest)
	}
	for sc.Scan() {
		h, err := base64.StdEncoding.DecodeString(sc.Text())
		if err != nil || len(h) != len(integrity.Hash{}) || len(proof) == maxProofLines {
			return 0, nil, nil, fmt.Errorf("%w: a proof line is not a base64 SHA-256 hash", ErrBadRequest)
		}
		proof = append(proof, integrity.Hash(h))
	}
	return old, proof, signed, nil
}
