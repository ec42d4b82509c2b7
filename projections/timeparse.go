package projections

import "time"

// parseUTC parses the one layout the write path produces,
// 2006-01-02T15:04:05[.fraction]Z, about five times faster than time.Parse.
// Anything else (an offset, a malformed or out-of-range field) returns false
// and the caller uses time.Parse.
func parseUTC(b []byte) (time.Time, bool) {
	if len(b) < 20 || b[len(b)-1] != 'Z' || b[4] != '-' || b[7] != '-' || b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	y, ok1 := digits(b[0:4])
	mo, ok2 := digits(b[5:7])
	d, ok3 := digits(b[8:10])
	h, ok4 := digits(b[11:13])
	mi, ok5 := digits(b[14:16])
	sec, ok6 := digits(b[17:19])
	ns, ok7 := fraction(b[19 : len(b)-1])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, ns, time.UTC)
	if t.Day() != d || int(t.Month()) != mo { // time.Date normalised an invalid date
		return time.Time{}, false
	}
	return t, true
}

// fraction parses "" or ".d{1,9}" into nanoseconds.
func fraction(b []byte) (int, bool) {
	if len(b) == 0 {
		return 0, true
	}
	if b[0] != '.' || len(b) < 2 || len(b) > 10 {
		return 0, false
	}
	n, ok := digits(b[1:])
	for range 10 - len(b) {
		n *= 10
	}
	return n, ok
}

func digits(b []byte) (int, bool) {
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}
