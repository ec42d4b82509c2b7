// Package auth holds the ledger's principals and their bearer tokens.
//
// A token is 32 random bytes, shown once to whoever creates it and stored
// only as its SHA-256 hash in <data>/tokens.json (mode 0600). A hash of a
// high-entropy secret needs no salt or slow KDF: nobody can guess a 256-bit
// secret, so the file is useless to someone who reads it. The file is small
// and written atomically (temporary file, fsync, rename); a running server
// notices a change by the file's modification time and size, so `ledger token
// create|revoke` takes effect without a restart.
//
// Several servers on one KurrentDB share one registry instead (OpenShared):
// the same hashes, as token-created, token-revoked and token-signed-out
// events in a side stream of the ledger's namespace that the views never
// read. Each server rereads it at most SharedFreshness after its last look,
// and at once for a secret it does not know, so a token created on one
// server works on all at once, and a revocation or a sign-out (which ends
// the token's web sessions) holds on all within SharedFreshness (500 ms).
//
// Roles decide what a principal may do (see Principal):
//   - officer: writes in the operations it is assigned to, reads them;
//   - reviewer: reads everything, including confidential matters; writes nothing;
//   - analyst: reads everything but confidential events, with personal fields
//     (names, emails, phones, reporter identities) removed;
//   - admin: opens and steers operations (operation.* commands), erases a
//     person's personal data (person.erase), manages tokens, reads everything.
package auth
