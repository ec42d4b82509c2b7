package kurrent

import (
	"context"
	"fmt"
	"time"
)

type result[T any] struct {
	v   T
	err error
}

// do runs fn on its own goroutine and waits for it, ctx, the call timeout or
// the client's retirement, whichever comes first. The client can block a
// caller forever (a send to its connection loop after that loop has
// exited), so no client method runs on a caller's goroutine. An abandoned
// result is passed to discard once it arrives.
func do[T any](ctx context.Context, timeout time.Duration, c *conn, fn func() (T, error), discard func(T)) (T, error) {
	var zero T
	if !c.use() {
		return zero, errNotSent
	}
	ch := make(chan result[T], 1)
	go func() {
		defer c.release()
		defer recoverInto(func(err error) { ch <- result[T]{err: err} })
		v, err := fn()
		ch <- result[T]{v: v, err: err}
	}()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		go abandon(ch, discard)
		return zero, ctx.Err()
	case <-timer.C:
		go abandon(ch, discard)
		return zero, errCallTimeout
	case <-c.dead:
		go abandon(ch, discard)
		return zero, errClientRetired
	}
}

func abandon[T any](ch <-chan result[T], discard func(T)) {
	r := <-ch
	if r.err == nil && discard != nil {
		discard(r.v)
	}
}

// recoverInto turns a panic inside the client (a send on the channel of a
// client we closed, or a reply it did not expect) into an error.
func recoverInto(report func(error)) {
	if r := recover(); r != nil {
		report(fmt.Errorf("client failed: %v", r))
	}
}

// pump receives from a client stream on its own goroutine until the stream
// ends or done is closed, so that the consumer can always select on its
// context. The goroutine counts as a user of c while it runs.
func pump[T any](done <-chan struct{}, c *conn, recv func() (T, error)) <-chan result[T] {
	out := make(chan result[T], 16)
	if !c.use() {
		out <- result[T]{err: errClientRetired}
		close(out)
		return out
	}
	go func() {
		defer c.release()
		defer close(out)
		defer recoverInto(func(err error) {
			select {
			case out <- result[T]{err: err}:
			case <-done:
			}
		})
		for {
			v, err := recv()
			select {
			case out <- result[T]{v: v, err: err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return out
}
