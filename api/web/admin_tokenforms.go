package web

import "sync"

// sentTokenForms remembers which token each token form made, so that sending
// the form again (a double click, a reload of the result page) makes no
// second token; the page then says the token was made and its secret
// already shown. Form keys are random, so one table serves every Web; it
// keeps the latest keysKept forms, far more than admins fill in a day.
var sentTokenForms = &formTokens{byKey: map[string]string{}}

const keysKept = 1000

type formTokens struct {
	mu    sync.Mutex
	byKey map[string]string // form key → token id
	order []string
}

// once runs create for a form key the first time only; a later call
// returns the token id made then and false.
func (f *formTokens) once(key string, create func() (string, error)) (id string, fresh bool, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if id, ok := f.byKey[key]; ok {
		return id, false, nil
	}
	id, err = create()
	if err != nil {
		return "", false, err
	}
	f.byKey[key] = id
	f.order = append(f.order, key)
	if len(f.order) > keysKept {
		delete(f.byKey, f.order[0])
		f.order = f.order[1:]
	}
	return id, true, nil
}
