package esdbtest

import (
	"slices"

	"github.com/EventStore/EventStore-Client-Go/v4/protos/shared"
	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Read serves stream reads, $all reads and $all subscriptions. Only reply
// types the client knows are sent: it panics on any other.
func (s *streams) Read(req *api.ReadReq, stream api.Streams_ReadServer) error {
	s.srv.readCalls.Add(1)
	if s.srv.opts.StallReads {
		<-stream.Context().Done()
		return stream.Context().Err()
	}
	opts := req.GetOptions()
	if err := s.checkAllPosition(opts.GetAll()); err != nil {
		return err
	}
	if s.srv.refuseResume.Load() && opts.GetSubscription() != nil && opts.GetAll().GetPosition() != nil {
		return status.Error(codes.InvalidArgument, "Invalid position.")
	}
	switch {
	case opts.GetSubscription() != nil && opts.GetAll() != nil:
		return s.subscribeAll(opts.GetAll(), stream)
	case opts.GetSubscription() != nil:
		return status.Error(codes.Unimplemented, "stream subscriptions are not implemented by the test server")
	case opts.GetAll() != nil:
		return sendAll(stream, readAll(s.srv.log.allRecords(), opts))
	}
	return s.readStream(opts, stream)
}

// checkAllPosition refuses a $all read or subscription from a position
// that is not the start of a record, as a node does: it cannot read the
// log from the middle of a record (kurrent-io/KurrentDB PR #4128 "$all
// subscription ... returns InvalidPosition when subscribing at an invalid
// position"; PR #3991 for reads). The status and wording a real node sends
// are not verified here; a position beyond the end of the log is not a
// record start either.
func (s *streams) checkAllPosition(ao *api.ReadReq_Options_AllOptions) error {
	pos := ao.GetPosition()
	if pos == nil || s.srv.log.isRecordStart(pos.GetCommitPosition()) {
		return nil
	}
	return status.Errorf(codes.InvalidArgument, "Invalid position: %d/%d is not the start of a record.", pos.GetCommitPosition(), pos.GetPreparePosition())
}

func (s *streams) readStream(opts *api.ReadReq_Options, stream api.Streams_ReadServer) error {
	name := opts.GetStream().GetStreamIdentifier().GetStreamName()
	if s.srv.log.isDeleted(string(name)) {
		return streamDeleted(stream, string(name))
	}
	recs, ok := s.srv.log.streamRecords(string(name))
	recs = s.srv.log.visible(string(name), recs)
	if !ok || len(recs) == 0 && s.srv.log.softDeleted(string(name)) {
		return stream.Send(&api.ReadResp{Content: &api.ReadResp_StreamNotFound_{StreamNotFound: &api.ReadResp_StreamNotFound{
			StreamIdentifier: &shared.StreamIdentifier{StreamName: name},
		}}})
	}
	if s.srv.opts.UnexpectedReply {
		last := &api.ReadResp{Content: &api.ReadResp_LastStreamPosition{LastStreamPosition: recs[len(recs)-1].revision}}
		if err := stream.Send(last); err != nil {
			return err
		}
	}
	return sendAll(stream, readRevisions(recs, opts))
}

// readRevisions picks a stream's records: forward from a revision
// (inclusive), or backward from a revision (inclusive) or the end.
func readRevisions(recs []record, opts *api.ReadReq_Options) []record {
	so := opts.GetStream()
	backward := opts.GetReadDirection() == api.ReadReq_Options_Backwards
	var out []record
	for _, r := range recs {
		switch {
		case so.GetStart() != nil, so.GetEnd() != nil && backward:
			out = append(out, r)
		case so.GetEnd() != nil:
		case backward && r.revision <= so.GetRevision(), !backward && r.revision >= so.GetRevision():
			out = append(out, r)
		}
	}
	return limit(out, backward, opts.GetCount())
}

// readAll picks $all records: forward from a position (inclusive), backward
// from before a position (exclusive), or from the start or end.
func readAll(recs []record, opts *api.ReadReq_Options) []record {
	ao := opts.GetAll()
	backward := opts.GetReadDirection() == api.ReadReq_Options_Backwards
	var out []record
	for _, r := range recs {
		switch {
		case ao.GetStart() != nil, ao.GetEnd() != nil && backward:
			out = append(out, r)
		case ao.GetEnd() != nil:
		case backward && r.position < ao.GetPosition().GetCommitPosition(),
			!backward && r.position >= ao.GetPosition().GetCommitPosition():
			out = append(out, r)
		}
	}
	if ao.GetStart() != nil && backward {
		out = nil
	}
	return limit(out, backward, opts.GetCount())
}

func limit(recs []record, backward bool, count uint64) []record {
	if backward {
		slices.Reverse(recs)
	}
	if uint64(len(recs)) > count {
		recs = recs[:count]
	}
	return recs
}

// streamDeleted answers the way KurrentDB does for a tombstoned stream: an
// error status whose meaning is in the trailers.
func streamDeleted(stream grpc.ServerStream, name string) error {
	stream.SetTrailer(metadata.Pairs("exception", "stream-deleted", "stream-name", name))
	return status.Errorf(codes.FailedPrecondition, "Event stream '%s' is deleted.", name)
}

func sendAll(stream api.Streams_ReadServer, recs []record) error {
	for _, r := range recs {
		if err := stream.Send(eventReply(r)); err != nil {
			return err
		}
	}
	return nil
}
