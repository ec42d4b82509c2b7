package visibility_test

import (
	"encoding/json"
	"testing"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
	"github.com/movementcoord/ledger/domain/visibility"
)

// The policy runs on every row and every event a reader is sent: what it
// costs per row (reflection over the tags) and per payload (a JSON round
// trip only when something is hidden).
func BenchmarkRedactRow(b *testing.B) {
	analyst := visibility.ForRole(visibility.RoleAnalyst, "token:a", nil)
	row := struct {
		Title string
		Owner domain.Owner
	}{Title: "Distribute kits", Owner: domain.Owner{ComponentID: uuid.New(), PersonID: uuid.New(), Name: "Ram Thapa"}}
	for b.Loop() {
		r := row
		analyst.Redact(&r, "")
	}
}

func BenchmarkEventPayload(b *testing.B) {
	data, err := json.Marshal(domain.ComplianceReported{Category: domain.CatEmblem, Summary: "emblem on a truck",
		ReporterPersonID: uuid.New(), ReporterName: "Sita Gurung"})
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		reader visibility.Reader
	}{{"reviewer (nothing hidden)", visibility.ForRole(visibility.RoleReviewer, "r", nil)},
		{"analyst (reporter hidden)", visibility.ForRole(visibility.RoleAnalyst, "a", nil)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := c.reader.Event("compliance.reported.v1", "token:o", data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
