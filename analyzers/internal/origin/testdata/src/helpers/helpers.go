// Package helpers has functions whose results the origin analysis
// summarises in facts.
package helpers

import (
	"fmt"
	"net/http"
	"strconv"
)

// Op returns a constant.
func Op() string { return "op" } // want Op:`returns constant "op"`

// Mode returns one of two constants.
func Mode(fast bool) string { // want Mode:`returns bounded`
	if fast {
		return "fast"
	}
	return "slow"
}

// Route returns the raw path.
func Route(r *http.Request) string { return r.URL.Path } // want Route:`returns unbounded`

// Key formats an identifier.
func Key(userID int) string { return "u" + strconv.Itoa(userID) } // want Key:`returns constant with params \[0\]`

// Join joins its arguments.
func Join(a, b string) string { return fmt.Sprintf("%s.%s", a, b) } // want Join:`returns constant with params \[0 1\]`

// Named returns its argument with a prefix chosen among constants.
func Named(s string, fast bool) string { // want Named:`returns bounded with params \[0\]`
	return Mode(fast) + s
}

// Opaque returns something unknown.
func Opaque(m map[string]string) string { return m["x"] }

// Level is an enum.
type Level int

const (
	Debug Level = iota
	Info
)

func (l Level) String() string { // want String:`returns constant with params \[0\]`
	if l == Debug {
		return "debug"
	}
	return "level" + strconv.Itoa(int(l))
}
