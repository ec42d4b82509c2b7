#!/usr/bin/env python3
"""Independent reference for the ledger's hashing (domain/integrity/doc.go).

Written from the documented layout only, with hashlib, so that a change to the
Go encoding that the documentation does not follow fails a test. It seals a
fixed set of events in two interleaved streams, builds the RFC 6962 tree over
them in global order and prints, as JSON: each event hash, each leaf, the
root, and the checkpoint body a log of that origin signs.

    python3 scripts/integrity_ref.py
"""
import base64
import hashlib
import json
import struct
import uuid


def u64(n):
    return struct.pack(">Q", n)


def lp(b):
    return u64(len(b)) + b


def event_hash(stream, version, event_id, typ, data, metadata, prev):
    content = hashlib.sha256(
        b"\x02" + lp(stream.encode()) + u64(version) + event_id.bytes
        + lp(typ.encode()) + lp(data) + lp(metadata)
    ).digest()
    return hashlib.sha256(b"\x03" + prev + content).digest()


def leaf(h):
    return hashlib.sha256(b"\x00" + h).digest()


def mth(leaves):
    """RFC 6962 section 2.1 Merkle Tree Hash."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return leaves[0]
    k = 1
    while k * 2 < len(leaves):
        k *= 2
    return hashlib.sha256(b"\x01" + mth(leaves[:k]) + mth(leaves[k:])).digest()


def events():
    """The fixed log: streams s-a and s-b interleaved, seven events."""
    heads = {}
    for i in range(7):
        stream = "s-a" if i % 3 != 2 else "s-b"
        version = heads.get(stream, (0, b"\x00" * 32))[0] + 1
        prev = heads.get(stream, (0, b"\x00" * 32))[1]
        event_id = uuid.UUID(int=i + 1)
        data = ('{"n":%d}' % i).encode()
        metadata = ('{"actor":"u-%d"}' % i).encode()
        h = event_hash(stream, version, event_id, "test.noted.v1", data, metadata, prev)
        heads[stream] = (version, h)
        yield h


def main():
    hashes = list(events())
    leaves = [leaf(h) for h in hashes]
    root = mth(leaves)
    origin = "movementcoord.ledger/0123456789abcdef"
    print(json.dumps({
        "event_hashes": [h.hex() for h in hashes],
        "leaves": [x.hex() for x in leaves],
        "root": root.hex(),
        "checkpoint": "%s\n%d\n%s\n" % (origin, len(leaves), base64.b64encode(root).decode()),
    }, indent=1))


if __name__ == "__main__":
    main()
