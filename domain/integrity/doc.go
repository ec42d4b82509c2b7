// Package integrity makes the ledger tamper-evident. It is pure: standard
// library crypto (SHA-256, Ed25519) and uuid, no I/O, no clock.
//
// # Event hashes (format v1, frozen)
//
// Every event is sealed on the write path. Its metadata is the envelope JSON
// object followed by a fixed-size seal spliced in before the closing brace:
//
//	{...envelope members...,"prev_hash":"<64 hex>","hash":"<64 hex>"}
//	                       \____________ SealLen = 154 bytes ____________/
//
// The seal is always the last SealLen bytes, so stripping it is a slice, not a
// JSON decode: the covered metadata is stored[:len-SealLen] + "}", which is
// byte for byte the envelope JSON as it was before sealing. The metadata stays
// a flat JSON object, so readers that ignore the hash fields are unaffected.
//
// An event's hash is two SHA-256 steps, each prefixed by a one-byte domain tag
// so that no hash of one kind can be replayed as another:
//
//	content = SHA-256(0x02 || lp(stream) || u64(version) || id[16] ||
//	                  lp(type) || lp(data) || lp(covered metadata))
//	hash    = SHA-256(0x03 || prev[32] || content[32])
//
// where lp(x) = u64(len(x)) || x, u64 is 8 bytes big-endian and prev is the
// hash of the stream's previous event (32 zero bytes for version 1). Splitting
// content from the link lets an inclusion proof carry 32 bytes per later event
// instead of the later events themselves. Not covered: the global position and
// the store's commit time, which only the store assigns (the envelope's own
// recorded_at is covered).
//
// # Digests
//
// A digest is an RFC 6962 Merkle tree over the head of every stream at a global
// position, streams sorted by name (bytewise):
//
//	leaf = SHA-256(0x00 || lp(stream) || u64(head version) || head hash)
//	node = SHA-256(0x01 || left || right)
//
// signed with Ed25519 over DigestMessage. The digest stream itself
// (DigestStream) is never a leaf: a digest cannot cover its own record, and
// each digest event is still chained and checked like any other event.
//
// # Proofs
//
// A Proof links one event to a digest: the content hashes of the stream's
// later events up to its head at the digest position, then the Merkle audit
// path of that head. VerifyProof needs only the event, the proof, the digest
// and the public key.
package integrity
