// Package openapi builds the OpenAPI 3 document of the HTTP API from the
// same Go types the API encodes and the domain decodes: one request schema
// per command (from the domain's command structs, less the server-owned
// actor), and the response bodies from httpapi's exported types. Tests in
// httpapi validate real requests and responses against it with kin-openapi,
// so document and server cannot drift apart.
package openapi
