package web

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// operationsPage lists the operations the principal may see (an officer:
// the ones it holds).
func (w *Web) operationsPage(c echo.Context) error {
	set, err := w.views()
	if err != nil {
		return err
	}
	pr, _ := principal(c)
	p := w.page(c, "operations.title")
	p.Data = keepShown(pr, set.Operations.List(), seeOperation)
	return w.render(c, http.StatusOK, "operations", p)
}
