package callers

import (
	"net/http"

	"fixtures/helpers"
	"fixtures/mark"
)

func use(r *http.Request, fast bool, userID int, component string, l helpers.Level) {
	mark.S(helpers.Op())                    // want `constant "op"`
	mark.S(helpers.Mode(fast))              // want `bounded: helpers.Mode\(fast\), which returns only constants or bounded values`
	mark.S(helpers.Route(r))                // want `unbounded: helpers.Route\(r\), which returns r.URL.Path, the raw URL path \(line 23\) @13`
	mark.S(helpers.Key(userID))             // want `identifier-like: userID`
	mark.S(helpers.Key(7))                  // want `bounded: built from constants`
	mark.S(helpers.Join(component, "x"))    // want `unknown`
	mark.S(helpers.Join("x", r.RemoteAddr)) // want `unbounded: r.RemoteAddr`
	mark.S(helpers.Named("a", fast))        // want `bounded`
	mark.S(helpers.Opaque(nil))             // want `unknown`
	mark.S(l.String())                      // want `bounded`
}
