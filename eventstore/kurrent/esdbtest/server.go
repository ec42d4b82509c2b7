// Package esdbtest is an in-process gRPC server that speaks enough of the
// EventStoreDB / KurrentDB protocol for the kurrent adapter's tests to drive
// the real client against it: appends with expected revisions and
// idempotency by event id, stream and $all reads, and $all subscriptions.
// It is test code: an in-memory log, no persistence, no security.
package esdbtest

import (
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/EventStore/EventStore-Client-Go/v4/protos/serverfeatures"
	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
	"google.golang.org/grpc"
	"google.golang.org/grpc/keepalive"
)

// Options shape the server. The zero value behaves like a default node.
type Options struct {
	// MaxAppendSize is the largest append accepted (data, metadata and 2x
	// type of its events); KurrentDB's default of 1 MiB when zero.
	MaxAppendSize int
	// MaxAppendEventSize is the largest event accepted, counted the same
	// way; zero: no limit, KurrentDB's default.
	MaxAppendEventSize int
	// SystemEventEvery writes a $-prefixed system event after every n-th
	// user append (zero means 3; negative means never).
	SystemEventEvery int
	// IdempotentWithoutPosition answers an idempotent retry with no
	// position, which a KurrentDB node does when the original write's
	// position is not at hand.
	IdempotentWithoutPosition bool
	// NoServerFeatures leaves the features call unimplemented, as older
	// servers do.
	NoServerFeatures bool
	// Checkpoints sends a checkpoint after every batch of a subscription,
	// as a node does for filtered subscriptions.
	Checkpoints bool
	// UnexpectedReply sends, before a stream read's events, a reply type the
	// client does not handle (last_stream_position), which makes the client
	// panic. Servers send it only to clients that ask; this tests the
	// adapter's recovery.
	UnexpectedReply bool
	// StallReads makes every read and subscription hang without a reply
	// until the caller gives up, like a node that stopped answering.
	StallReads bool
	// StallAppendsTo makes appends to this one stream hang until the caller
	// gives up, while every other call is answered: one slow call on a
	// shared connection.
	StallAppendsTo string
}

// Server is one test node on 127.0.0.1. Its log survives Stop and Restart.
type Server struct {
	opts        Options
	log         *memLog
	addr        string
	appendCalls atomic.Int64
	readCalls   atomic.Int64
	// refuseResume answers every $all subscription from a position (not
	// the start) with the node's invalid-position refusal.
	refuseResume atomic.Bool

	mu   sync.Mutex
	grpc *grpc.Server
}

type streams struct {
	api.UnimplementedStreamsServer
	srv *Server
}

// Start listens on a free loopback port and stops the server when the test
// ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: withDefaults(opts)}
	s.log = newMemLog(s.opts.SystemEventEvery)
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("esdbtest: listen: %v", err)
	}
	s.addr = lis.Addr().String()
	s.serve(lis)
	t.Cleanup(s.Stop)
	return s
}

func withDefaults(o Options) Options {
	if o.MaxAppendSize == 0 {
		o.MaxAppendSize = 1 << 20
	}
	if o.SystemEventEvery == 0 {
		o.SystemEventEvery = 3
	}
	return o
}

// serve starts a gRPC server on lis. The keepalive policy matters: the
// client pings every 10 s, and grpc-go's default policy (5 min) would answer
// with GOAWAY "too_many_pings" and drop idle subscriptions.
func (s *Server) serve(lis net.Listener) {
	g := grpc.NewServer(
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 5 * time.Second, PermitWithoutStream: true}),
		grpc.MaxRecvMsgSize(32<<20),
	)
	api.RegisterStreamsServer(g, &streams{srv: s})
	if !s.opts.NoServerFeatures {
		serverfeatures.RegisterServerFeaturesServer(g, features{})
	}
	s.mu.Lock()
	s.grpc = g
	s.mu.Unlock()
	go func() { _ = g.Serve(lis) }()
}

// Addr is host:port of the node.
func (s *Server) Addr() string { return s.addr }

// ConnString is an insecure single-node connection string for the node.
func (s *Server) ConnString() string {
	return fmt.Sprintf("esdb://%s?tls=false", s.addr)
}

// Stop closes the listener and every open call, as a crashed node would.
func (s *Server) Stop() {
	s.mu.Lock()
	g := s.grpc
	s.grpc = nil
	s.mu.Unlock()
	if g != nil {
		g.Stop()
	}
}

// Restart serves the same log again on the same port.
func (s *Server) Restart() error {
	lis, err := net.Listen("tcp", s.addr)
	if err != nil {
		return fmt.Errorf("esdbtest: listen again on %s: %w", s.addr, err)
	}
	s.serve(lis)
	return nil
}

// Tombstone deletes a stream for good; reading or appending to it then
// fails with the "stream-deleted" trailers KurrentDB sends.
func (s *Server) Tombstone(stream string) { s.log.tombstone(stream) }

// SoftDelete deletes a stream the way KurrentDB's soft delete does: its
// metadata gets $tb past the last event, so reads answer "not found" and a
// later append goes on from the old revision. (The exact $tb a real node
// writes is not verified here; any $tb past the last event hides them all.)
func (s *Server) SoftDelete(stream string) {
	recs, ok := s.log.streamRecords(stream)
	next := uint64(0)
	if ok {
		next = recs[len(recs)-1].revision + 1
	}
	s.log.setMeta(stream, fmt.Appendf(nil, `{"$tb":%d}`, next))
}

// RefuseResume makes the node refuse every later $all subscription from a
// position as invalid, the way a node refuses a position it cannot read
// from (say, after a scavenge): a resume that can never succeed.
func (s *Server) RefuseResume() { s.refuseResume.Store(true) }

// AppendCalls counts Append calls that reached the server.
func (s *Server) AppendCalls() int64 { return s.appendCalls.Load() }

// ReadCalls counts Read calls (reads and subscriptions) that reached it.
func (s *Server) ReadCalls() int64 { return s.readCalls.Load() }

// SystemEvents counts the $-prefixed events in the log.
func (s *Server) SystemEvents() int {
	n := 0
	for _, r := range s.log.allRecords() {
		if r.stream[0] == '$' {
			n++
		}
	}
	return n
}
