package synthetic

import (
	"fmt"
	"time"

	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// opState is what later phases of one operation refer to.
type opState struct {
	g          *Gen
	id         uuid.UUID
	clock      time.Time // start of the operation; records start around it
	actors     []string
	components []uuid.UUID
	mechanisms []uuid.UUID
	meetings   []uuid.UUID // held meetings, with their mechanism
	meetingOf  map[uuid.UUID]uuid.UUID
	decisions  []uuid.UUID // adopted decisions
	actions    []uuid.UUID
	issues     []uuid.UUID
	persons    []uuid.UUID // contacts' person ids
	ladder     []domain.Rung
}

func (g *Gen) newOp() *opState {
	g.ops++
	o := &opState{g: g, id: g.id(), clock: g.start.Add(time.Duration(g.ops) * 24 * time.Hour), meetingOf: map[uuid.UUID]uuid.UUID{}}
	for i := range 5 {
		o.actors = append(o.actors, fmt.Sprintf("user-%d-%d", g.ops%50, i))
	}
	o.ladder = []domain.Rung{{Key: "twg", Name: "Technical working group"}, {Key: "opscom", Name: "Operations committee"},
		{Key: "platform", Name: "Movement platform"}, {Key: "regional", Name: "Regional directors"}}
	return o
}

// pick returns one of the operation's components (zero before any joined).
func (o *opState) pick() uuid.UUID {
	if len(o.components) == 0 {
		return uuid.Nil
	}
	return o.components[o.g.rng.IntN(len(o.components))]
}

// later returns a record builder starting some days into the operation, so
// that records of one phase interleave in occurred time.
func (o *opState) later(kind domain.Kind, days int) *rec {
	r := o.newRec(kind)
	r.at = r.at.Add(time.Duration(o.g.rng.IntN(days*24)) * time.Hour)
	return r
}

var kinds = []domain.ComponentKind{domain.ComponentHNS, domain.ComponentICRC, domain.ComponentIFRC,
	domain.ComponentPNS, domain.ComponentPNS, domain.ComponentExternal}

func (o *opState) setup() []Record {
	rng := o.g.rng
	op := o.newRec(domain.KindOperation)
	op.add(domain.OperationOpened{Name: fmt.Sprintf("Floods %d", o.g.ops), Country: "SDN", CrisisType: "disaster",
		StartedAt: o.clock, Phase: domain.PhaseEmergency, Severity: "high", Glide: "FL-2026-000123-SDN"})
	op.add(domain.OperationEscalationLadderSet{Rungs: o.ladder})
	op.add(domain.OperationConveningRuleSet{AllOf: []domain.ComponentKind{domain.ComponentHNS},
		AnyOf: []domain.ComponentKind{domain.ComponentICRC, domain.ComponentIFRC}, Description: "Seville Agreement 2.0"})
	out := []Record{}
	for i := range 4 + rng.IntN(4) {
		out = append(out, o.component(kinds[min(i, len(kinds)-1)])...)
	}
	op.add(domain.OperationConvenerAssigned{ComponentID: o.components[0]})
	op.add(domain.OperationConvenerAssigned{ComponentID: o.components[1]})
	op.add(domain.OperationLeadRoleAssigned{ComponentID: o.components[1], Area: "restoring family links"})
	op.add(domain.OperationLeadRoleAssigned{ComponentID: o.components[2], Area: "shelter"})
	op.add(domain.OperationSeverityChanged{Severity: "critical", Reason: "second wave"})
	if chance(rng, 30) {
		op.add(domain.OperationLeadRoleEnded{ComponentID: o.components[2], Area: "shelter", Reason: "handed over"})
		op.add(domain.OperationConvenerRemoved{ComponentID: o.components[1], Reason: "rotation"})
		op.add(domain.OperationPhaseChanged{From: domain.PhaseEmergency, To: domain.PhaseRecovery, Reason: "water receded"})
	}
	o.followUpSettings(op)
	op.correct(`{"name":"Floods (corrected)"}`)
	for _, lvl := range []domain.Level{domain.LevelStrategic, domain.LevelOperational, domain.LevelTechnical} {
		out = append(out, o.mechanism(lvl))
	}
	return append([]Record{op.out}, out...)
}
