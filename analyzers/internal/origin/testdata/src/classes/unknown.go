package classes

import (
	"fmt"

	"fixtures/mark"
)

func opaque(component string, op string, n int) {
	mark.S(component + ".run")                  // want `unknown`
	mark.S(fmt.Sprintf("%s.%s", component, op)) // want `unknown`
	mark.S(n)                                   // want `unknown`
	mark.S(wrap(component))                     // want `unknown`
	name := component
	mark.S(name) // want `unknown`
}

func wrap(s string) string { return "svc." + s }

func wrapped(userID string) {
	mark.S(wrap(userID))     // want `identifier-like: userID`
	mark.S(wrap("constant")) // want `bounded: built from constants by wrap\("constant"\)`
}

func gwrap[T any](s string, _ T) string { return "svc." + s }

func generic[T fmt.Stringer](userID string, v T) {
	mark.S(gwrap(userID, 1)) // want `identifier-like: userID`
	mark.S(gwrap("x", v))    // want `bounded: built from constants`
	mark.S(v.String())       // want `unknown`
}
