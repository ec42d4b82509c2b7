package views

import (
	"github.com/google/uuid"

	"github.com/movementcoord/ledger/domain"
)

// The action tracker keeps its rows ordered by key three ways, updated as
// events arrive: per operation, per operation and owner component, and per
// operation and state. A page walks the narrowest list its filter allows
// and stops when it is full, so it costs what the page costs, not what the
// operation holds.

type opOwner struct{ op, owner uuid.UUID }

type opState struct {
	op    uuid.UUID
	state domain.APState
}

type actionIndexes struct {
	byOp    index[uuid.UUID, ActionPoint]
	byOwner index[opOwner, ActionPoint]
	byState index[opState, ActionPoint]
}

func newActionIndexes() actionIndexes {
	return actionIndexes{byOp: index[uuid.UUID, ActionPoint]{}, byOwner: index[opOwner, ActionPoint]{}, byState: index[opState, ActionPoint]{}}
}

func actionKey(a *ActionPoint) Key { return a.OrderKey() }

// filing is what decides where a row is filed.
type filing struct {
	key   Key
	owner uuid.UUID
	state domain.APState
}

func (a *ActionPoint) filing() filing {
	return filing{key: a.OrderKey(), owner: a.Owner.ComponentID, state: a.State}
}

func (x actionIndexes) add(a *ActionPoint) {
	x.byOp.add(a.OperationID, a, actionKey)
	x.byOwner.add(opOwner{a.OperationID, a.Owner.ComponentID}, a, actionKey)
	x.byState.add(opState{a.OperationID, a.State}, a, actionKey)
}

// refile moves a row an event re-keyed (a corrected creation date),
// reassigned or moved to another state.
func (x actionIndexes) refile(a *ActionPoint, was filing) {
	now := a.filing()
	if now.key.Compare(was.key) == 0 && now.owner == was.owner && now.state == was.state {
		return
	}
	x.byOp.drop(a.OperationID, was.key, a)
	x.byOwner.drop(opOwner{a.OperationID, was.owner}, was.key, a)
	x.byState.drop(opState{a.OperationID, was.state}, was.key, a)
	x.add(a)
}

// narrowest is the list a filter needs to walk: one state's or one owner's
// when the filter names exactly one, else the whole operation's.
func (x actionIndexes) narrowest(op uuid.UUID, f *ActionFilter) *ordered[ActionPoint] {
	if len(f.States) == 1 {
		return x.byState[opState{op, f.States[0]}]
	}
	if f.OwnerComponent != uuid.Nil {
		return x.byOwner[opOwner{op, f.OwnerComponent}]
	}
	return x.byOp[op]
}
