package classes

import (
	"net/http"

	"fixtures/mark"
)

// A response header is chosen by the server the program called (a
// rate-limit resource, a content type), not by a client of the program.
func afterCall(resp *http.Response, r *http.Request) {
	mark.S(resp.Header.Get("X-RateLimit-Resource")) // want `unknown`
	// The header of a request a client sent is the client's choice.
	mark.S(r.Header.Get("X-Client")) // want `unbounded: r.Header.Get\("X-Client"\), a header value`
}
