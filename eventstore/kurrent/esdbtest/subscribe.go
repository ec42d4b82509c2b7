package esdbtest

import (
	"github.com/google/uuid"

	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
)

const subscriptionBatch = 256

// subscribeAll confirms first (the client fails the subscription otherwise),
// sends stored events after the start position, says CaughtUp once, then
// sends new events as they are written, until the client or server ends the
// call.
func (s *streams) subscribeAll(ao *api.ReadReq_Options_AllOptions, stream api.Streams_ReadServer) error {
	confirm := &api.ReadResp{Content: &api.ReadResp_Confirmation{Confirmation: &api.ReadResp_SubscriptionConfirmation{
		SubscriptionId: uuid.NewString(),
	}}}
	if err := stream.Send(confirm); err != nil {
		return err
	}
	cursor, fromStart := s.startOf(ao)
	caughtUp := false
	for {
		recs, changed := s.srv.log.after(cursor, fromStart, subscriptionBatch)
		if err := sendAll(stream, recs); err != nil {
			return err
		}
		if len(recs) > 0 {
			cursor, fromStart = recs[len(recs)-1].position, false
			if err := s.checkpoint(stream, cursor); err != nil {
				return err
			}
			continue
		}
		if !caughtUp {
			caughtUp = true
			if err := stream.Send(&api.ReadResp{Content: &api.ReadResp_CaughtUp_{CaughtUp: &api.ReadResp_CaughtUp{}}}); err != nil {
				return err
			}
		}
		select {
		case <-changed:
		case <-stream.Context().Done():
			return stream.Context().Err()
		}
	}
}

// startOf turns the requested start into a cursor: events strictly after a
// position, everything from the start, or only what is written from now.
func (s *streams) startOf(ao *api.ReadReq_Options_AllOptions) (uint64, bool) {
	switch {
	case ao.GetStart() != nil:
		return 0, true
	case ao.GetEnd() != nil:
		return s.srv.log.lastPosition(), false
	}
	return ao.GetPosition().GetCommitPosition(), false
}

func (s *streams) checkpoint(stream api.Streams_ReadServer, pos uint64) error {
	if !s.srv.opts.Checkpoints {
		return nil
	}
	return stream.Send(&api.ReadResp{Content: &api.ReadResp_Checkpoint_{Checkpoint: &api.ReadResp_Checkpoint{
		CommitPosition: pos, PreparePosition: pos,
	}}})
}
