package esdbtest

import (
	"encoding/binary"
	"strconv"

	"github.com/EventStore/EventStore-Client-Go/v4/protos/shared"
	api "github.com/EventStore/EventStore-Client-Go/v4/protos/streams"
	"github.com/google/uuid"
)

// uuidFromProto reads the structured or string form of a UUID.
func uuidFromProto(id *shared.UUID) uuid.UUID {
	if s := id.GetStructured(); s != nil {
		var b [16]byte
		binary.BigEndian.PutUint64(b[:8], uint64(s.MostSignificantBits))
		binary.BigEndian.PutUint64(b[8:], uint64(s.LeastSignificantBits))
		return uuid.UUID(b)
	}
	u, _ := uuid.Parse(id.GetString_())
	return u
}

func uuidToProto(id uuid.UUID) *shared.UUID {
	return &shared.UUID{Value: &shared.UUID_Structured_{Structured: &shared.UUID_Structured{
		MostSignificantBits:  int64(binary.BigEndian.Uint64(id[:8])),
		LeastSignificantBits: int64(binary.BigEndian.Uint64(id[8:])),
	}}}
}

// eventReply builds a read reply. The client exits the process when
// metadata["created"] is missing, so it is always set.
func eventReply(r record) *api.ReadResp {
	return &api.ReadResp{Content: &api.ReadResp_Event{Event: &api.ReadResp_ReadEvent{
		Event: &api.ReadResp_ReadEvent_RecordedEvent{
			Id:               uuidToProto(r.id),
			StreamIdentifier: &shared.StreamIdentifier{StreamName: []byte(r.stream)},
			StreamRevision:   r.revision,
			PreparePosition:  r.position,
			CommitPosition:   r.position,
			Metadata: map[string]string{
				"type":         r.eventType,
				"content-type": r.contentType,
				"created":      strconv.FormatInt(r.created, 10),
			},
			CustomMetadata: r.meta,
			Data:           r.data,
		},
		Position: &api.ReadResp_ReadEvent_CommitPosition{CommitPosition: r.position},
	}}}
}

func proposedFromProto(m *api.AppendReq_ProposedMessage) proposed {
	return proposed{
		id:          uuidFromProto(m.GetId()),
		eventType:   m.GetMetadata()["type"],
		contentType: m.GetMetadata()["content-type"],
		data:        m.GetData(),
		meta:        m.GetCustomMetadata(),
	}
}

func expectationFromProto(o *api.AppendReq_Options) expectation {
	switch o.GetExpectedStreamRevision().(type) {
	case *api.AppendReq_Options_Any:
		return expectation{any: true}
	case *api.AppendReq_Options_StreamExists:
		return expectation{streamExists: true}
	case *api.AppendReq_Options_NoStream:
		return expectation{revision: -1}
	}
	return expectation{revision: int64(o.GetRevision())}
}
