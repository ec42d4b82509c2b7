// Package demo writes a realistic coordination scenario through the
// application service, or through a running server's HTTP API (Client): an
// earthquake response with the host National Society, the IFRC, the ICRC and
// three partner National Societies over six weeks. It exercises every kind of
// record and every action point state, so a fresh ledger has something true
// to show.
//
// Every command has a fixed idempotency key, so running the demo twice on one
// store writes nothing the second time.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// Summary tells what the demo wrote.
type Summary struct {
	OperationID  uuid.UUID `json:"operation_id"`
	Commands     int       `json:"commands"`
	Written      int       `json:"written"`    // commands that appended events
	Duplicates   int       `json:"duplicates"` // commands already recorded by an earlier run
	LastPosition uint64    `json:"last_position"`
}

// script runs commands in order and stops at the first error.
type script struct {
	ctx   context.Context
	led   Ledger
	start time.Time // day 0 of the response
	now   time.Time
	actor domain.Actor
	op    uuid.UUID
	sum   Summary
	err   error
	step  func(done int)
}

// Run writes the scenario to led: an *recorder.Service, or a *Client for a running
// server. The response starts 42 days before now; progress, if not nil, is
// called after each command.
func Run(ctx context.Context, led Ledger, now time.Time, progress func(done int)) (Summary, error) {
	if progress == nil {
		progress = func(int) {}
	}
	s := &script{ctx: ctx, led: led, now: now.UTC(), start: now.UTC().AddDate(0, 0, -42).Truncate(24 * time.Hour),
		actor: domain.Actor{ID: "demo-mco", Role: "officer"}, step: progress}
	s.setUp()
	m := s.mechanisms(s.components())
	s.meetingsAndDecisions(m)
	s.lessons(m, s.compliance(m))
	s.sum.OperationID = s.op
	return s.sum, s.err
}

// Commands is how many commands Run issues, for progress bars.
const Commands = 123

// at is a moment of the response: day d at hour h (UTC), never in the future.
func (s *script) at(day int, hour int) time.Time {
	t := s.day(day, hour)
	if t.After(s.now) {
		return s.now
	}
	return t
}

// day is a planned moment (a due date, a project's end): unlike at it may lie
// in the future.
func (s *script) day(d int, hour int) time.Time {
	return s.start.AddDate(0, 0, d).Add(time.Duration(hour) * time.Hour)
}

// header is what every command carries: the demo officer, a fixed key, and
// when the thing happened.
func (s *script) header(key string, when time.Time, class domain.Classification) domain.Header {
	return domain.Header{Actor: s.actor, IdempotencyKey: "demo-" + key, OperationID: s.op,
		OccurredAt: when, Classification: class}
}

// do executes one command and returns the id of the record it wrote to.
func (s *script) do(cmd domain.Command) uuid.UUID {
	if s.err != nil {
		return uuid.Nil
	}
	res, err := s.led.Execute(s.ctx, cmd, recorder.WriteOptions{})
	if err != nil {
		s.err = fmt.Errorf("demo step %d (%s): %w", s.sum.Commands+1, cmd.CommandHeader().IdempotencyKey, err)
		return uuid.Nil
	}
	s.sum.Commands++
	if res.Duplicate {
		s.sum.Duplicates++
	} else {
		s.sum.Written++
	}
	s.sum.LastPosition = max(s.sum.LastPosition, res.Position)
	s.step(s.sum.Commands)
	return res.Ref.ID
}
