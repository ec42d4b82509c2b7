package views

import (
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/stretchr/testify/require"
)

// Every field of every row, down through the values it holds, reads back
// as written: a field added to a row and not to its codec fails here
// (snapshotVersion only discards the older snapshots).
func TestEveryRowFieldRoundTrips(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		trip func(t *testing.T)
	}{
		{"Operation", roundTrip(operationOut, operationIn)},
		{"Component", roundTrip(componentOut, componentIn)},
		{"Project", roundTrip(projectOut, projectIn)},
		{"Contact", roundTrip(contactOut, contactIn)},
		{"Mechanism", roundTrip(mechanismOut, mechanismIn)},
		{"Meeting", roundTrip(meetingOut, meetingIn)},
		{"Decision", roundTrip(decisionOut, decisionIn)},
		{"ActionPoint", roundTrip(actionOut, actionIn)},
		{"Issue", roundTrip(issueOut, issueIn)},
		{"Escalation", roundTrip(escalationOut, escalationIn)},
		{"Lesson", roundTrip(lessonOut, lessonIn)},
		{"roleState", roundTrip(func(e *enc, r *roleState) { roleOut(e, *r) }, func(d *dec, r *roleState) { *r = roleIn(d) })},
		{"subjectState", roundTrip(func(e *enc, s *subjectState) { subjectOut(e, *s) }, func(d *dec, s *subjectState) { *s = subjectIn(d) })},
	}
	for _, tc := range cases {
		t.Run(tc.name, tc.trip)
	}
}

func roundTrip[T any](out func(*enc, *T), in func(*dec, *T)) func(*testing.T) {
	return func(t *testing.T) {
		var want T
		n := 0
		fill(reflect.ValueOf(&want).Elem(), &n)
		e := enc{words: map[string]uint64{}}
		out(&e, &want)
		var got T
		d := &dec{b: e.b, words: &[]string{}, zones: map[int64]*time.Location{}}
		in(d, &got)
		require.NoError(t, d.done())
		require.Equal(t, want, got)
	}
}

var (
	timeType = reflect.TypeOf(time.Time{})
	uuidType = reflect.TypeOf(uuid.UUID{})
)

// fill gives every field a value of its own, none zero: a string, number
// or id that no other field has, slices and maps of two, pointers set,
// times in UTC and in another zone.
func fill(v reflect.Value, n *int) {
	*n++
	k := *n
	switch {
	case v.Type() == timeType:
		tm := time.Unix(int64(1_700_000_000+k*3607), int64(k))
		if k%2 == 0 {
			tm = tm.In(time.FixedZone("", 3600*(1+k%11)))
		} else {
			tm = tm.UTC()
		}
		v.Set(reflect.ValueOf(tm))
		return
	case v.Type() == uuidType:
		var id uuid.UUID
		for i := range id {
			id[i] = byte(k + i)
		}
		v.Set(reflect.ValueOf(id))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + string(rune('a'+k%26)) + string(rune('0'+k/26%10)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(k * 1000))
	case reflect.Uint, reflect.Uint64, reflect.Uint32:
		v.SetUint(uint64(k * 1000))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 2 {
			key, val := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(key, n)
			fill(val, n)
			v.SetMapIndex(key, val)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: no value for a " + v.Type().String())
	}
}
