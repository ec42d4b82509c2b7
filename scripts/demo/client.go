package demo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/eventstore/recorder"
)

// RequestTimeout bounds one HTTP request of the Client, so a server that
// stops answering fails the demo instead of hanging it.
const RequestTimeout = 30 * time.Second

// Client writes commands to a running ledger server over its HTTP API.
//
// The API lets an admin token send only operation.* commands; everything else
// is an officer's, and an officer token is bound to operations. So the Client
// sends operation.* commands with the admin token it was given, and on the
// first other command creates an officer token for that command's operation
// (POST /api/v1/tokens, named "ledger demo") and uses it from then on. Each
// Client creates at most one officer token per operation.
type Client struct {
	base     string
	admin    string
	http     *http.Client
	officers map[uuid.UUID]string // operation -> officer token secret
}

// NewClient talks to the server at baseURL (such as http://127.0.0.1:8080)
// with an admin token.
func NewClient(baseURL, adminToken string) *Client {
	return &Client{base: strings.TrimRight(baseURL, "/"), admin: adminToken,
		http: &http.Client{Timeout: RequestTimeout}, officers: map[uuid.UUID]string{}}
}

// Execute sends cmd to POST /api/v1/commands/{name}. The header's actor is
// dropped (the server records the token's), the idempotency key travels as
// the Idempotency-Key header, so a second run answers duplicates, and an
// expected version as If-Match. The server authorises by the token: opts'
// Principal and Authorise are its own to set.
func (c *Client) Execute(ctx context.Context, cmd domain.Command, opts recorder.WriteOptions) (recorder.Result, error) {
	name := domain.CommandName(cmd)
	if name == "" {
		return recorder.Result{}, fmt.Errorf("demo client: %T is not a registered command", cmd)
	}
	body, err := commandBody(cmd)
	if err != nil {
		return recorder.Result{}, fmt.Errorf("demo client: encode %s: %w", name, err)
	}
	token, err := c.tokenFor(ctx, name, cmd.CommandHeader().OperationID)
	if err != nil {
		return recorder.Result{}, err
	}
	var res recorder.Result
	hdr := map[string]string{"Idempotency-Key": cmd.CommandHeader().IdempotencyKey}
	if opts.ExpectedVersion != nil {
		hdr["If-Match"] = strconv.Quote(strconv.FormatUint(*opts.ExpectedVersion, 10))
	}
	if err := c.call(ctx, http.MethodPost, "/api/v1/commands/"+name, token, hdr, body, &res); err != nil {
		return recorder.Result{}, fmt.Errorf("%s: %w", name, err)
	}
	if _, mine := c.officers[res.Ref.ID]; name == "operation.open" && res.Duplicate && !mine {
		return res, fmt.Errorf("operation %s: %w", res.Ref.ID, ErrRecordedByAnotherClient)
	}
	return res, nil
}

// commandBody is the command's JSON without the server-owned actor, and
// without empty correlation ids so the server fills in its request id.
func commandBody(cmd domain.Command) ([]byte, error) {
	raw, err := json.Marshal(cmd)
	if err != nil {
		return nil, err
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, err
	}
	delete(obj, "actor")
	for _, k := range []string{"correlation_id", "causation_id"} {
		if string(obj[k]) == `""` {
			delete(obj, k)
		}
	}
	return json.Marshal(obj)
}

// tokenFor picks the admin token for operation.* commands and the
// operation's officer token, created on first need, for the rest.
func (c *Client) tokenFor(ctx context.Context, name string, op uuid.UUID) (string, error) {
	if strings.HasPrefix(name, "operation.") {
		return c.admin, nil
	}
	if op == uuid.Nil {
		return "", fmt.Errorf("demo client: %s names no operation, so no officer token can be made for it", name)
	}
	if t, ok := c.officers[op]; ok {
		return t, nil
	}
	req, err := json.Marshal(map[string]any{"name": "ledger demo", "role": "officer", "operations": []uuid.UUID{op}})
	if err != nil {
		return "", err
	}
	var created struct {
		Secret string `json:"secret"`
	}
	if err := c.call(ctx, http.MethodPost, "/api/v1/tokens", c.admin, nil, req, &created); err != nil {
		return "", fmt.Errorf("create an officer token for operation %s (the demo needs an admin token): %w", op, err)
	}
	if created.Secret == "" {
		return "", errors.New("create an officer token: the server answered no secret")
	}
	c.officers[op] = created.Secret
	return created.Secret, nil
}

// Load reads a record's current state (GET /api/v1/records/{kind}/{id}) into
// the domain's aggregate for its kind. Fields the API does not show to the
// admin token stay zero.
func (c *Client) Load(ctx context.Context, ref domain.Ref) (domain.Aggregate, error) {
	var view struct {
		State json.RawMessage `json:"state"`
	}
	path := "/api/v1/records/" + string(ref.Kind) + "/" + ref.ID.String()
	if err := c.call(ctx, http.MethodGet, path, c.admin, nil, nil, &view); err != nil {
		return nil, fmt.Errorf("load %s: %w", ref.Stream(), err)
	}
	agg := domain.New(ref)
	if agg == nil {
		return nil, fmt.Errorf("load %s: %q is not a kind of record", ref.Stream(), ref.Kind)
	}
	// The domain's state carries the JSON tags the server encodes with.
	if err := json.Unmarshal(view.State, agg); err != nil {
		return nil, fmt.Errorf("load %s: decode state: %w", ref.Stream(), err)
	}
	return agg, nil
}
