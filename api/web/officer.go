package web

import "github.com/labstack/echo/v4"

// officerRoutes are the officer's pages inside an operation: read holds
// pages every role may open (the menus hide what a role does not use);
// write needs a role that writes.
func (w *Web) officerRoutes(read, write *echo.Group) {
}
