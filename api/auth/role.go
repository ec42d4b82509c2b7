package auth

import (
	"fmt"
	"strings"
)

// Role is what a token holder may do.
type Role string

const (
	RoleOfficer  Role = "officer"
	RoleReviewer Role = "reviewer"
	RoleAnalyst  Role = "analyst"
	RoleAdmin    Role = "admin"
)

// Roles lists every role, for help texts and validation.
func Roles() []Role { return []Role{RoleOfficer, RoleReviewer, RoleAnalyst, RoleAdmin} }

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	for _, known := range Roles() {
		if r == known {
			return r, nil
		}
	}
	return "", fmt.Errorf("%q: %w", s, ErrUnknownRole)
}
