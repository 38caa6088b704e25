package classes

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"fixtures/mark"
)

const prefix = "api"

func constants(cond bool) {
	mark.S("hello")                         // want `constant "hello"`
	mark.S(prefix + ".get")                 // want `constant "api.get"`
	mark.S(42)                              // want `constant 42`
	mark.S(fmt.Sprintf("%s.%d", prefix, 3)) // want `constant "api.3"`
	mark.S(strconv.Itoa(7))                 // want `constant "7"`
	mark.S(strings.ToUpper("get"))          // want `constant "GET"`
	name := "a"
	if cond {
		name = "a"
	}
	mark.S(name) // want `constant "a"`
	op := "read"
	if cond {
		op = "write"
	}
	mark.S(op)                            // want `bounded: one of 2 constants`
	mark.S(op + "." + prefix)             // want `bounded: one of 2 constants`
	mark.S(fmt.Sprintf("%s/%s", op, "x")) // want `bounded: one of 2 constants`
}

func loop(items []int) {
	kind := "none"
	for _, it := range items {
		if it > 3 {
			kind = "big"
		}
	}
	mark.S(kind) // want `bounded: one of 2 constants`
}

func request(r *http.Request, w *http.Response) {
	// Not visibly a server's request: its method is unknown (method.go).
	mark.S(r.Method)                                  // want `unknown`
	mark.S(r.Pattern)                                 // want `bounded: r.Pattern, the route pattern`
	mark.S(r.Method + " " + r.Pattern)                // want `unknown`
	mark.S(fmt.Sprintf("%s %s", r.Method, r.Pattern)) // want `unknown`
	mark.S(strconv.Itoa(w.StatusCode))                // want `bounded: w.StatusCode, the status code`
}

func statusCodes(statusCode int, code int, httpStatus int) {
	mark.S(strconv.Itoa(statusCode))      // want `bounded: statusCode, a status code`
	mark.S(fmt.Sprint(code))              // want `bounded: code, a status code`
	mark.S(fmt.Sprintf("%d", httpStatus)) // want `bounded: httpStatus, a status code`
}

// Color is an enum.
type Color int

const (
	Red Color = iota
	Green
)

func (c Color) String() string {
	switch c {
	case Red:
		return "red"
	case Green:
		return "green"
	}
	return "Color(" + strconv.Itoa(int(c)) + ")"
}

// Kind is a string enum.
type Kind string

const KindA Kind = "a"

func enums(c Color, k Kind) {
	mark.S(c.String())    // want `bounded: c.String\(\), the name of a classes.Color value`
	mark.S(fmt.Sprint(c)) // want `bounded: c, a classes.Color value`
	mark.S(string(k))     // want `bounded: k, a classes.Kind value`
}

func opName(write bool) string {
	if write {
		return "write"
	}
	return "read"
}

func fixedName() string { return "fixed" }

func results(w bool) {
	mark.S(opName(w))             // want `bounded: opName\(w\), which returns only constants`
	mark.S(fixedName())           // want `constant "fixed"`
	mark.S("db." + opName(w))     // want `bounded: opName\(w\), which returns only constants`
	mark.S(strconv.FormatBool(w)) // want `bounded: a formatted boolean`
}
