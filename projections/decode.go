package projections

import (
	"fmt"

	"github.com/movementcoord/ledger/domain"
)

// decodeEnvelope and decodePayload are the two decoding hooks of Decode, kept
// apart so the codec can change in one place after measuring.
func decodeEnvelope(meta []byte, in *interner) (domain.Envelope, error) {
	if len(meta) > 0 {
		if env, ok := fastEnvelope(meta, in); ok {
			return env, nil
		}
	}
	return domain.DecodeEnvelope(meta)
}

// decodePayload uses the fast table for current types and leaves legacy
// versions and unknown types to the domain, which upcasts or refuses them.
func decodePayload(typ string, data []byte) (domain.Payload, error) {
	if d, ok := payloadDecoders[typ]; ok {
		p, err := d(data)
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", typ, err)
		}
		return p, nil
	}
	return domain.DecodePayload(typ, data)
}
