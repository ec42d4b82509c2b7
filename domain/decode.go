package domain

import (
	"encoding/json"
	"fmt"
)

// upcaster turns a stored older version into the next one.
type upcaster func(data []byte) (typ string, out []byte, err error)

// maxUpcastSteps bounds the v1 -> v2 -> ... chain so a wrong table cannot loop.
const maxUpcastSteps = 16

// DecodePayload decodes a stored payload into its current typed version,
// upcasting older versions first.
func DecodePayload(typ string, data []byte) (Payload, error) {
	for range maxUpcastSteps {
		up := registry.byType[typ].upcast // declared by the legacy version's spec
		if up == nil {
			break
		}
		var err error
		if typ, data, err = up(data); err != nil {
			return nil, fmt.Errorf("upcast %s: %w", typ, err)
		}
	}
	s, ok := registry.byType[typ]
	if !ok {
		return nil, ErrUnknownEventType.withf("event type %q is not in the catalogue", typ)
	}
	p, err := s.decode(data)
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", typ, err)
	}
	return p, nil
}

// DecodeEnvelope decodes stored metadata.
func DecodeEnvelope(meta []byte) (Envelope, error) {
	var e Envelope
	if len(meta) == 0 {
		return e, nil
	}
	if err := json.Unmarshal(meta, &e); err != nil {
		return e, fmt.Errorf("decode envelope: %w", err)
	}
	return e, nil
}

// EncodePayload encodes a payload for the store, returning its type name.
func EncodePayload(p Payload) (typ string, data []byte, err error) {
	spec, ok := registry.byType[p.EventType()]
	if !ok {
		return "", nil, ErrUnknownEventType.withf("event type %q is not in the catalogue", p.EventType())
	}
	if spec.upcastTo != "" {
		// Legacy versions are read, never written again.
		return "", nil, ErrUnknownEventType.withf("event type %q is legacy; write %s", p.EventType(), spec.upcastTo)
	}
	data, err = json.Marshal(p)
	return p.EventType(), data, err
}
