package classes

import (
	"flag"
	"net/http"
	"os"
	"strings"

	"fixtures/mark"
)

func cycles(parts []string) {
	s := "x"
	for _, p := range parts {
		s = s + p
	}
	mark.S(s) // want `unknown`
	a, b := "a", "b"
	for i := 0; i < 3; i++ {
		a, b = b, a
	}
	mark.S(a) // want `bounded: one of 2 constants`
}

func closures(r *http.Request) {
	name := "fixed"
	set := func() { name = r.URL.Path }
	set()
	mark.S(name) // want `unbounded: r.URL.Path`
	other := "x"
	func() { other = "y" }()
	mark.S(other) // want `bounded: one of 2 constants`
}

func slices(userID string, a string) {
	mark.Slice([]string{"a", "b"})  // want `elems \[constant constant\]`
	mark.Slice([]string{a, userID}) // want `elems \[unknown identifier-like\]`
	mark.Slice(nil)                 // want `elems \[\]`
	var xs []string
	mark.Slice(xs)                                   // want `elems \[\]`
	mark.Slice(append(xs, "c"))                      // want `elems unknown`
	mark.S(strings.Join([]string{"a", userID}, ".")) // want `identifier-like: userID`
	mark.S(strings.Join([]string{"a", "b"}, "."))    // want `bounded: built from constants`
}

func maps(r *http.Request, route string) {
	mark.Map(map[string]string{"method": r.Method, "path": r.URL.Path, "route": route}) // want `entries \[method=unknown path=unbounded route=unknown\]`
	m := map[string]string{"a": "x"}
	m["b"] = r.URL.Path
	mark.Map(m)   // want `entries \[a=constant b=unbounded\]`
	mark.Map(nil) // want `entries \[\]`
}

var (
	apiPath   = "/api/v1"
	lastPath  string
	flagKey   string
	ExportKey = "k"
	mode      = "a"
)

func init() {
	flag.StringVar(&flagKey, "key", "", "a key")
	if len(os.Args) > 3 {
		mode = "b"
	}
}

func globals(r *http.Request) {
	mark.S("GET " + apiPath) // want `constant "GET /api/v1"`
	lastPath = r.URL.Path
	mark.S(lastPath)  // want `unbounded: r.URL.Path`
	mark.S(flagKey)   // want `identifier-like: flagKey`
	mark.S(ExportKey) // want `identifier-like: ExportKey`
	mark.S(mode)      // want `bounded: one of 2 constants`
}

func asserts(r *http.Request) {
	var v any = r.URL.Path
	if s, ok := v.(string); ok {
		mark.S(s) // want `unbounded: r.URL.Path`
	}
}
