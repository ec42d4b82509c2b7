package server

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"path/filepath"
	"sync"
	"time"

	"github.com/movementcoord/ledger/api/witness"
	"github.com/movementcoord/ledger/domain/integrity"
	"github.com/movementcoord/ledger/eventstore/atomicfile"
)

// WitnessedFileName keeps, beside the log, the newest checkpoint with the
// cosignatures of the witnesses, for `ledger verify --witness-key`.
const WitnessedFileName = "ledger.witnessed"

// DefaultWitnessEvery is how often the newest checkpoint goes to the witnesses.
const DefaultWitnessEvery = 10 * time.Second

// witnessed is what the witnesses last cosigned: a checkpoint the server
// vouched for, with every cosignature it got.
type witnessed struct {
	cp   integrity.Checkpoint
	note []byte
}

// startWitnessing pushes, every interval, the newest checkpoint the server
// vouched for to every witness, each with a consistency proof from the size
// that witness cosigned last, and keeps the cosigned note.
func startWitnessing(li *ledgerIntegrity, o Options) (stop func()) {
	if len(o.Witnesses) == 0 {
		return func() {}
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &pusher{li: li, urls: o.Witnesses, sizes: map[string]uint64{}, log: o.Logger,
		path: filepath.Join(o.DataDir, WitnessedFileName), client: &http.Client{Timeout: 10 * time.Second}}
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(o.WitnessEvery)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				p.round(ctx)
			}
		}
	})
	return func() { cancel(); wg.Wait() }
}

type pusher struct {
	li     *ledgerIntegrity
	urls   []string
	sizes  map[string]uint64 // what each witness cosigned last
	log    *slog.Logger
	path   string
	client *http.Client
	last   uint64 // size of the checkpoint last sent round
}

// round sends the newest checkpoint to every witness once, and keeps it
// with the cosignatures it got.
func (p *pusher) round(ctx context.Context) {
	cp, note, err := p.li.vouched()
	if err != nil || cp.Size == p.last {
		return
	}
	cosigned := bytes.Clone(note)
	for _, url := range p.urls {
		sig, err := p.push(ctx, url, cp, note)
		if err != nil {
			p.log.Warn("witness did not cosign", "witness", url, "size", cp.Size, "err", err)
			continue
		}
		cosigned = append(cosigned, sig...)
	}
	if len(cosigned) == len(note) {
		return
	}
	p.last = cp.Size
	p.li.setWitnessed(witnessed{cp: cp, note: cosigned})
	if err := atomicfile.WriteBytes(p.path, 0o600, cosigned); err != nil {
		p.log.Error("cosigned checkpoint not kept", "file", p.path, "err", err)
	}
}

// push proves the checkpoint from the size the witness cosigned last; a
// witness that remembers another size says so once, and is answered from it.
func (p *pusher) push(ctx context.Context, url string, cp integrity.Checkpoint, note []byte) ([]byte, error) {
	for range 2 {
		old := p.sizes[url]
		proof, err := p.li.consistency(old, cp.Size)
		if err != nil {
			return nil, err
		}
		sig, err := witness.Push(ctx, p.client, url, old, proof, note)
		var conflict *witness.ConflictError
		if errors.As(err, &conflict) && conflict.Size <= cp.Size && conflict.Size != old {
			p.sizes[url] = conflict.Size
			continue
		}
		if err == nil {
			p.sizes[url] = cp.Size
		}
		return sig, err
	}
	return nil, errors.New("the witness keeps changing its size")
}
