package esdbtest

import (
	"errors"
	"fmt"
	"io"
	"unicode/utf16"

	"github.com/EventStore/EventStore-Client-Go/v4/protos/shared"
	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// Append reads the options, then one message per event, then answers with a
// success or a wrong-expected-version reply (never a gRPC error for that).
func (s *streams) Append(stream api.Streams_AppendServer) error {
	s.srv.appendCalls.Add(1)
	first, err := stream.Recv()
	if err != nil {
		return err
	}
	opts := first.GetOptions()
	if opts == nil {
		return status.Error(codes.InvalidArgument, "first append message must carry options")
	}
	events, err := s.receiveEvents(stream)
	if err != nil {
		return err
	}
	name := string(opts.GetStreamIdentifier().GetStreamName())
	if name == s.srv.opts.StallAppendsTo {
		<-stream.Context().Done()
		return stream.Context().Err()
	}
	if s.srv.log.isDeleted(name) {
		return streamDeleted(stream, name)
	}
	out := s.srv.log.appendEvents(name, expectationFromProto(opts), events)
	return stream.SendAndClose(s.appendReply(opts, out))
}

// receiveEvents collects proposed messages and refuses an append over the
// maximum size the way KurrentDB does: InvalidArgument plus an exception
// trailer, which the client reports as an unknown error. Sizes are counted
// as KurrentDB 24.10.4 and later count them (kurrent-io/KurrentDB PR #4882):
// data, custom metadata and the type at two bytes per UTF-16 unit, summed
// against MaxAppendSize, each event against MaxAppendEventSize. The wording
// of the per-event refusal is ours; the exception name is the PR's.
func (s *streams) receiveEvents(stream api.Streams_AppendServer) ([]proposed, error) {
	var events []proposed
	size := 0
	for {
		msg, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return events, nil
		}
		if err != nil {
			return nil, err
		}
		m := msg.GetProposedMessage()
		n := len(m.GetData()) + len(m.GetCustomMetadata()) + 2*len(utf16.Encode([]rune(m.GetMetadata()["type"])))
		if limit := s.srv.opts.MaxAppendEventSize; limit > 0 && n > limit {
			stream.SetTrailer(metadata.Pairs("exception", "maximum-append-event-size-exceeded"))
			return nil, status.Errorf(codes.InvalidArgument, "Event size of %d exceeds the Maximum Append Event Size of %d.", n, limit)
		}
		size += n
		if size > s.srv.opts.MaxAppendSize {
			stream.SetTrailer(metadata.Pairs("exception", "maximum-append-size-exceeded",
				"maximum-append-size", fmt.Sprint(s.srv.opts.MaxAppendSize)))
			return nil, status.Errorf(codes.InvalidArgument, "Maximum Append Size of %d Exceeded.", s.srv.opts.MaxAppendSize)
		}
		events = append(events, proposedFromProto(m))
	}
}

func (s *streams) appendReply(opts *api.AppendReq_Options, out outcome) *api.AppendResp {
	if !out.written {
		return &api.AppendResp{Result: &api.AppendResp_WrongExpectedVersion_{WrongExpectedVersion: wrongVersion(opts, out.current)}}
	}
	success := &api.AppendResp_Success{
		CurrentRevisionOption: &api.AppendResp_Success_CurrentRevision{CurrentRevision: out.last.revision},
		// Like KurrentDB's WriteEventsCompleted: commit is the last event's
		// position, prepare the transaction's (first event's) position.
		PositionOption: &api.AppendResp_Success_Position{Position: &api.AppendResp_Position{
			CommitPosition: out.last.position, PreparePosition: out.first.position,
		}},
	}
	if out.idempotent && s.srv.opts.IdempotentWithoutPosition {
		success.PositionOption = &api.AppendResp_Success_NoPosition{NoPosition: &shared.Empty{}}
	}
	return &api.AppendResp{Result: &api.AppendResp_Success_{Success: success}}
}

func wrongVersion(opts *api.AppendReq_Options, current int64) *api.AppendResp_WrongExpectedVersion {
	w := &api.AppendResp_WrongExpectedVersion{}
	if current < 0 {
		w.CurrentRevisionOption = &api.AppendResp_WrongExpectedVersion_CurrentNoStream{CurrentNoStream: &shared.Empty{}}
	} else {
		w.CurrentRevisionOption = &api.AppendResp_WrongExpectedVersion_CurrentRevision{CurrentRevision: uint64(current)}
	}
	switch opts.GetExpectedStreamRevision().(type) {
	case *api.AppendReq_Options_Any:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedAny{ExpectedAny: &shared.Empty{}}
	case *api.AppendReq_Options_StreamExists:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedStreamExists{ExpectedStreamExists: &shared.Empty{}}
	case *api.AppendReq_Options_NoStream:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedNoStream{ExpectedNoStream: &shared.Empty{}}
	default:
		w.ExpectedRevisionOption = &api.AppendResp_WrongExpectedVersion_ExpectedRevision{ExpectedRevision: opts.GetRevision()}
	}
	return w
}
