package web

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/api/auth"
	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// The admin's pages: what `ledger serve --open` needs on a fresh machine,
// so the first person in opens an operation and hands out tokens without a
// terminal. Operations are written through the service (writes.go) like
// every other form; tokens go to the same store the API's /api/v1/tokens
// uses (web.Config.Tokens, shared on KurrentDB).

// adminRoutes are under /admin, for admins only.
func (w *Web) adminRoutes(g *echo.Group) {
	g.GET("/operations/new", w.newOperationForm)
	g.POST("/operations/new", w.openOperation)
	g.GET("/tokens", w.tokensPage)
	g.GET("/tokens/new", w.newTokenForm)
	g.POST("/tokens/new", w.createToken)
	g.POST("/tokens/:id/revoke", w.revokeToken)
}

// admins lets through the admin role only: others get 403.
func admins(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if p, _ := principal(c); p.Role != auth.RoleAdmin {
			return ErrForbidden
		}
		return next(c)
	}
}

// IsAdmin reports whether the page is shown to an admin (the operations
// list then offers "Open an operation").
func (p *Page) IsAdmin() bool { return p.Principal != nil && p.Principal.Role == auth.RoleAdmin }

// adminForm is what the admin's forms are rendered with: what was typed,
// and each field's problem beside it.
type adminForm struct {
	Key        string
	Values     map[string]string
	FieldErrs  map[string]string
	Severities []domain.Severity
	Roles      []auth.Role
	Operations []views.Operation
	Checked    map[string]bool
}

func (w *Web) newOperationForm(c echo.Context) error {
	f := adminForm{Key: newFormKey(), Values: map[string]string{"started_at": w.cfg.Now().UTC().Format("2006-01-02")}}
	return w.showOperationForm(c, http.StatusOK, f, nil)
}

func (w *Web) showOperationForm(c echo.Context, status int, f adminForm, errs []string) error {
	p := w.page(c, "admin.open_title")
	p.Errors = errs
	f.Severities = severities
	p.Data = f
	return w.render(c, status, "admin_operation", p)
}

// openOperation records domain.OpenOperation, then offers the token form
// with the new operation ticked: officers need a token to record its work.
func (w *Web) openOperation(c echo.Context) error {
	pr, _ := principal(c)
	key := formKey(c)
	vals := formValues(c, "name", "country", "crisis_type", "severity", "started_at")
	cmd := domain.OpenOperation{Header: header(pr, uuid.Nil, key), Name: vals["name"],
		Country: strings.ToUpper(vals["country"]), CrisisType: vals["crisis_type"],
		Severity: vals["severity"], StartedAt: parseDateTime(vals["started_at"])}
	res, err := w.write(c.Request().Context(), pr, cmd)
	if err != nil {
		if !isRefusal(err) {
			return err
		}
		p := w.page(c, "")
		f := adminForm{Key: key, Values: vals, FieldErrs: fieldProblem(p, err)}
		return w.showOperationForm(c, http.StatusUnprocessableEntity, f, []string{adminProblem(p, err)})
	}
	return c.Redirect(http.StatusSeeOther, "/admin/tokens/new?opened="+res.Ref.ID.String())
}

// adminProblem is a refused write in words: a field of the admin's forms
// may have a message of its own ("admin.problem.country" says what a code
// looks like), else the message every form uses.
func adminProblem(p *Page, err error) string {
	var de *domain.Error
	if errors.As(err, &de) && de.Field != "" {
		if id := "admin.problem." + de.Field; p.T(id) != id {
			return p.T(id)
		}
	}
	return p.problem(err)
}

// fieldProblem places a refusal beside the field it names.
func fieldProblem(p *Page, err error) map[string]string {
	var de *domain.Error
	if errors.As(err, &de) && de.Field != "" {
		return map[string]string{de.Field: adminProblem(p, err)}
	}
	return nil
}

func formValues(c echo.Context, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = strings.TrimSpace(c.FormValue(n))
	}
	return out
}

// tokenRow is a token as the list shows it: its operations by name.
type tokenRow struct {
	auth.Token
	OperationNames []string
	Yours          bool // the token this session signed in with
}

func (w *Web) tokensPage(c echo.Context) error {
	list, err := w.cfg.Tokens.List()
	if err != nil {
		return err
	}
	set, err := w.views()
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	rows := make([]tokenRow, len(list))
	for i, t := range list {
		rows[i] = tokenRow{Token: t, Yours: t.ID == pr.ID}
		for _, id := range t.Operations {
			name := id.String()[:8]
			if o, ok := set.Operations.Get(id); ok {
				name = o.Name
			}
			rows[i].OperationNames = append(rows[i].OperationNames, name)
		}
	}
	p := w.page(c, "admin.tokens_title")
	switch c.QueryParam("done") {
	case "revoked":
		p.Notice = "admin.revoked"
	case "own":
		p.Errors = []string{p.T("admin.revoke_own")}
	}
	p.Data = rows
	return w.render(c, http.StatusOK, "admin_tokens", p)
}

func (w *Web) newTokenForm(c echo.Context) error {
	f := adminForm{Key: newFormKey(), Values: map[string]string{"role": string(auth.RoleOfficer)}, Checked: map[string]bool{}}
	opened := c.QueryParam("opened")
	if _, err := uuid.Parse(opened); err == nil {
		f.Checked[opened] = true
	}
	p, err := w.tokenFormPage(c, f)
	if err != nil {
		return err
	}
	if opened != "" {
		p.Notice = "admin.opened"
	}
	return w.render(c, http.StatusOK, "admin_token_new", p)
}

func (w *Web) tokenFormPage(c echo.Context, f adminForm) (*Page, error) {
	set, err := w.views()
	if err != nil {
		return nil, err
	}
	f.Roles = auth.Roles()
	f.Operations = set.Operations.List()
	p := w.page(c, "admin.token_new_title")
	p.Data = f
	return p, nil
}

// createToken makes a token and shows its secret once: the store keeps only
// its hash, so the page says to copy it now. The same form sent again makes
// no second token.
func (w *Web) createToken(c echo.Context) error {
	key := formKey(c)
	vals := formValues(c, "name", "role")
	ops, checked := formOperations(c)
	role, _ := auth.ParseRole(vals["role"])
	if role != auth.RoleOfficer {
		ops = nil // other roles read every operation: a list would only mislead
	}
	var secret string
	id, fresh, err := sentTokenForms.once(key, func() (string, error) {
		t, s, err := w.cfg.Tokens.Create(auth.Spec{Name: vals["name"], Role: role, Operations: ops})
		secret = s
		return t.ID, err
	})
	if err != nil {
		return w.refusedToken(c, err, adminForm{Key: key, Values: vals, Checked: checked})
	}
	t, err := w.tokenByID(id)
	if err != nil {
		return err
	}
	p := w.page(c, "admin.token_created_title")
	p.Data = map[string]any{"Token": t, "Secret": secret, "Again": !fresh}
	return w.render(c, http.StatusCreated, "admin_token_created", p)
}

// refusedToken shows the token form again with the refused field marked.
func (w *Web) refusedToken(c echo.Context, err error, f adminForm) error {
	field, ok := tokenField(err)
	if !ok {
		return err
	}
	p, perr := w.tokenFormPage(c, f)
	if perr != nil {
		return perr
	}
	msg := p.T("admin.problem.token_" + field)
	f = p.Data.(adminForm)
	f.FieldErrs = map[string]string{field: msg}
	p.Data, p.Errors = f, []string{msg}
	return w.render(c, http.StatusUnprocessableEntity, "admin_token_new", p)
}

func (w *Web) tokenByID(id string) (auth.Token, error) {
	t, found, err := w.cfg.Tokens.Get(id)
	if err == nil && !found {
		err = ErrNotFound
	}
	return t, err
}

// tokenField names the form field a refused token spec is about.
func tokenField(err error) (string, bool) {
	switch {
	case errors.Is(err, auth.ErrNameRequired):
		return "name", true
	case errors.Is(err, auth.ErrOperationsRequired):
		return "operations", true
	case errors.Is(err, auth.ErrUnknownRole):
		return "role", true
	}
	return "", false
}

func formOperations(c echo.Context) ([]uuid.UUID, map[string]bool) {
	ids := formUUIDs(c, "operations")
	checked := map[string]bool{}
	for _, id := range ids {
		checked[id.String()] = true
	}
	return slices.Compact(ids), checked
}

// revokeToken ends a token and every session signed in with it (the
// session middleware looks the token up on each request). The admin's own
// token is kept: revoking it would lock the browser out mid-task.
func (w *Web) revokeToken(c echo.Context) error {
	pr, _ := principal(c)
	id := c.Param("id")
	if id == pr.ID {
		return c.Redirect(http.StatusSeeOther, "/admin/tokens?done=own")
	}
	if _, err := w.cfg.Tokens.Revoke(id); err != nil {
		if errors.Is(err, auth.ErrTokenNotFound) {
			return ErrNotFound
		}
		return fmt.Errorf("web: revoke token: %w", err)
	}
	return c.Redirect(http.StatusSeeOther, "/admin/tokens?done=revoked")
}
