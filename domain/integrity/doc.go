// Package integrity makes the ledger a verifiable log, built the way
// Certificate Transparency and the Go checksum database are: every event is
// hashed on the write path, the hashes are the leaves of one RFC 6962 Merkle
// tree over the whole log in global order, and signed checkpoints of that
// tree prove what the log held. It is pure: hashing, the transparency-dev
// Merkle and checkpoint libraries and signed notes; no I/O, no clock.
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
// byte for byte the envelope JSON as it was before sealing.
//
// An event's hash is two SHA-256 steps, each prefixed by a one-byte domain tag
// so that no hash of one kind can be replayed as another:
//
//	content = SHA-256(0x02 || lp(stream) || u64(version) || id[16] ||
//	                  lp(type) || lp(data) || lp(covered metadata))
//	hash    = SHA-256(0x03 || prev[32] || content[32])
//
// where lp(x) = u64(len(x)) || x, u64 is 8 bytes big-endian and prev is the
// hash of the stream's previous event (32 zero bytes for version 1). So each
// stream is a hash chain: it names the first bad event of a stream without
// any signature, and lets the write path seal an event knowing only its
// stream's head. The seal's hex must be lowercase, so every stored byte of
// the event is bound to its hash. Not covered: the global position (the leaf
// index is) and the store's own commit time.
//
// # The log (format v2)
//
// The leaves of the tree are the events in global order:
//
//	leaf = SHA-256(0x00 || hash)               (RFC 6962 leaf of the event hash)
//	node = SHA-256(0x01 || left || right)      (RFC 6962 interior node)
//
// Tree, Frontier and the proofs use github.com/transparency-dev/merkle
// (compact ranges, inclusion and consistency proofs). The tag bytes 0x00 and
// 0x01 are RFC 6962's; 0x02 and 0x03 above are ours and never collide.
// scripts/integrity_ref.py recomputes hashes, leaves and roots independently.
//
// # Checkpoints
//
// A checkpoint is a C2SP tlog-checkpoint, "<origin>\n<size>\n<base64 root>\n",
// signed as a note (golang.org/x/mod/sumdb/note, Ed25519). The origin, and
// the note key name, is "movementcoord.ledger/" followed by 16 hex digits of
// SHA-256 of the public key, so the public key alone verifies a checkpoint.
// Witness cosignatures are further signature lines on the same note.
package integrity
