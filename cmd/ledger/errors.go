package main

import "errors"

// errTampered makes the command exit non-zero once the problem is printed.
var errTampered = errors.New("verification failed")
