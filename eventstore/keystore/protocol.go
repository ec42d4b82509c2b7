package keystore

// The key service's HTTP protocol, spoken by Remote and served by
// api/keyservice. Every request but the health check carries
// "Authorization: Bearer <token>".
//
//	GET    /v1/ping          204: reachable, and the token is right
//	GET    /v1/keys/{person} 200 KeyReply | 404 no_key | 410 erased
//	PUT    /v1/keys/{person} 200 KeyReply (made if none) | 410 erased
//	DELETE /v1/keys/{person} 204 (erased; again is no error)
//
// Other failures answer ErrorReply with code "corrupt" (500), "unauthorized"
// (401) or "bad_request" (400).
const (
	PingPath = "/v1/ping"
	KeysPath = "/v1/keys/"
)

// KeyReply carries a key; encoding/json writes the bytes as base64.
type KeyReply struct {
	Key []byte `json:"key"`
}

// ErrorReply says why the key service refused.
type ErrorReply struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// Codes of ErrorReply.
const (
	CodeNoKey        = "no_key"
	CodeErased       = "erased"
	CodeCorrupt      = "corrupt"
	CodeUnauthorized = "unauthorized"
	CodeBadRequest   = "bad_request"
	CodeStorageFull  = "storage_full" // the service's disk is full: nothing was stored
)
