package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
)

// correctable kinds: the records an officer corrects from their pages.
var correctableKinds = map[string]domain.Kind{
	"meeting": domain.KindMeeting, "decision": domain.KindDecision, "actionpoint": domain.KindActionPoint,
	"compliance": domain.KindCompliance, "component": domain.KindComponent, "contact": domain.KindContact,
	"escalation": domain.KindEscalation, "mechanism": domain.KindMechanism,
}

// correctionView lists the record's events and the fields a correction of
// each may change (the domain's list), for one form: pick the field, give
// the right value and say why.
type correctionView struct {
	Kind, Back string
	ID         uuid.UUID
	Choices    []correctionChoice
	Key        string
	Picked     string
	Value      string
	Reason     string
}

type correctionChoice struct {
	Value, Type, Field string
	Occurred           time.Time
}

// correctionForm shows the correction form of a record.
func (w *Web) correctionForm(c echo.Context) error {
	v, err := w.correction(c)
	if err != nil {
		return err
	}
	return w.showCorrection(c, v, http.StatusOK, nil)
}

func (w *Web) showCorrection(c echo.Context, v correctionView, status int, errs []string) error {
	o, _, err := w.operation(c)
	if err != nil {
		return err
	}
	p := w.page(c, "correct.title")
	p.inOperation(o, c.Request().URL.Path)
	p.Errors = errs
	p.Data = v
	return w.render(c, status, "correct", p)
}

// correction loads the record through the service (as a command would) and
// checks the principal may correct it.
func (w *Web) correction(c echo.Context) (correctionView, error) {
	o, _, err := w.operation(c)
	if err != nil {
		return correctionView{}, err
	}
	pr, _ := principal(c)
	kind, ok := correctableKinds[c.Param("kind")]
	id, perr := uuid.Parse(c.Param("id"))
	if !ok || perr != nil || !pr.MayExecute("correction.record", o.ID) {
		return correctionView{}, ErrNotFound
	}
	agg, err := w.cfg.Service.Load(c.Request().Context(), domain.Ref{Kind: kind, ID: id})
	if err != nil {
		return correctionView{}, err
	}
	base := domain.BaseOf(agg)
	if !base.Exists() || base.OperationID != o.ID {
		return correctionView{}, ErrNotFound
	}
	v := correctionView{Kind: c.Param("kind"), ID: id, Key: formKey(c), Back: backTo(o.ID, c.Param("kind"), id),
		Picked: c.FormValue("pick"), Value: c.FormValue("value"), Reason: c.FormValue("reason")}
	for _, ev := range base.History() {
		for _, f := range ev.Correctable {
			v.Choices = append(v.Choices, correctionChoice{Value: ev.ID.String() + "|" + f, Type: ev.Type, Field: f, Occurred: ev.OccurredAt})
		}
	}
	return v, nil
}

// backTo is the page of a record, where a correction returns.
func backTo(op uuid.UUID, kind string, id uuid.UUID) string {
	switch kind {
	case "meeting":
		return fmt.Sprintf("/ops/%s/meetings/%s", op, id)
	case "actionpoint":
		return fmt.Sprintf("/ops/%s/actions/%s", op, id)
	case "decision":
		return fmt.Sprintf("/ops/%s/decisions/%s", op, id)
	case "compliance":
		return fmt.Sprintf("/ops/%s/compliance/%s", op, id)
	}
	return fmt.Sprintf("/ops/%s", op)
}

// recordCorrection writes the correction.
func (w *Web) recordCorrection(c echo.Context) error {
	v, err := w.correction(c)
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	evID, fieldName, _ := strings.Cut(v.Picked, "|")
	eid, _ := uuid.Parse(evID)
	changes, _ := json.Marshal(map[string]any{fieldName: typedValue(fieldName, strings.TrimSpace(v.Value))})
	cmd := domain.CorrectEvent{Header: header(pr, uuid.Nil, v.Key), Record: domain.Ref{Kind: correctableKinds[v.Kind], ID: v.ID},
		EventID: eid, Reason: strings.TrimSpace(v.Reason), Changes: changes}
	if _, err := w.write(c.Request().Context(), pr, cmd); err != nil {
		if !isRefusal(err) {
			return err
		}
		return w.showCorrection(c, v, http.StatusUnprocessableEntity, []string{w.page(c, "").problem(err)})
	}
	return c.Redirect(http.StatusSeeOther, v.Back+"?saved=1")
}

// typedValue reads what a person typed as the JSON the event holds: a date
// for a time field (a due date at the end of the working day), a number
// where one was typed, text otherwise. The domain checks the result.
func typedValue(field, s string) any {
	if strings.HasSuffix(field, "_at") || strings.HasSuffix(field, "_for") {
		if t := parseDateTime(s); !t.IsZero() && strings.Contains(s, "T") {
			return t.Format(time.RFC3339)
		}
		if t := parseDue(s); !t.IsZero() {
			return t.Format(time.RFC3339)
		}
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return s
}
