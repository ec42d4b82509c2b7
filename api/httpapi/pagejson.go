package httpapi

import (
	"net/http"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/projections/views"
)

// The action tracker is the register read most, page after page, and
// encoding/json spent more on its 50 rows (reflection, and an allocation
// for every id and date) than the rest of the request. Its page is written
// here field by field, byte for byte what encoding/json writes (the tests
// compare the two on every field, so a field added to the row and not
// here fails them); the other registers go through encoding/json.

// maxPooledPage is the largest buffer kept for the next page: a page of
// the most rows a client may ask for is not kept.
const maxPooledPage = 256 << 10

var pageBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// respondJSONPage answers a register page, as c.JSON would.
func respondJSONPage[T any](c echo.Context, page Register[T]) error {
	if _, pretty := c.QueryParams()["pretty"]; pretty || c.Echo().Debug {
		return c.JSON(http.StatusOK, page)
	}
	buf := pageBuffers.Get().(*[]byte)
	b, ok := appendPage((*buf)[:0], page)
	if !ok {
		pageBuffers.Put(buf)
		return c.JSON(http.StatusOK, page) // not a row written here, or a date JSON cannot hold: encoding/json says so
	}
	err := c.JSONBlob(http.StatusOK, b)
	if cap(b) <= maxPooledPage {
		*buf = b
		pageBuffers.Put(buf)
	}
	return err
}

// appendPage writes a page of the tracker as json.Encoder does (with its
// final newline); false for any other register.
func appendPage[T any](b []byte, page Register[T]) ([]byte, bool) {
	rows, ok := any(page.Items).([]views.ActionPoint)
	if !ok || rows == nil {
		return b, false
	}
	o := openObject(b)
	o.idOmitZero("operation_id", page.OperationID)
	o.key("items")
	o.b = append(o.b, '[')
	for i := range rows {
		if i > 0 {
			o.b = append(o.b, ',')
		}
		if o.b, ok = appendActionPoint(o.b, &rows[i]); !ok {
			return b, false
		}
	}
	o.b = append(o.b, ']')
	o.strOmitEmpty("next_cursor", page.NextCursor)
	out, ok := o.close()
	return append(out, '\n'), ok
}

func appendActionPoint(b []byte, a *views.ActionPoint) ([]byte, bool) {
	o := openObject(b)
	o.meta(&a.Meta)
	o.idOmitZero("decision_id", a.DecisionID)
	o.idOmitZero("meeting_id", a.MeetingID)
	o.idOmitZero("mechanism_id", a.MechanismID)
	o.str("title", a.Title)
	o.key("owner")
	o.b = appendOwner(o.b, a.Owner)
	o.str("state", string(a.State))
	o.int("percent", int64(a.Percent))
	o.timeOmitZero("due_at", a.DueAt)
	o.timeOmitZero("original_due_at", a.OriginalDueAt)
	o.int("due_changes", int64(a.DueChanges))
	o.strOmitEmpty("blocked_reason", a.BlockedReason)
	o.timeOmitZero("closed_at", a.ClosedAt)
	o.time("last_progress_at", a.LastProgressAt)
	o.bool("overdue", a.Overdue)
	o.int("days_overdue", int64(a.DaysOverdue))
	return o.close()
}

// meta writes the members every row starts with (views.Meta).
func (o *jsonObject) meta(m *views.Meta) {
	o.id("id", m.ID)
	o.id("operation_id", m.OperationID)
	o.str("classification", string(m.Classification))
	o.time("created_at", m.CreatedAt)
	o.time("updated_at", m.UpdatedAt)
	o.uint("version", m.Version)
}

func appendOwner(b []byte, w domain.Owner) []byte {
	o := openObject(b)
	o.id("owner_component_id", w.ComponentID)
	o.idOmitZero("owner_person_id", w.PersonID)
	o.strOmitEmpty("owner_name", w.Name)
	out, _ := o.close()
	return out
}
