package classes

import (
	"net/http"
	slc "slices"
	"strings"

	"fixtures/mark"
)

// The method of a request a server received is the client's choice.

func rawMethod(w http.ResponseWriter, r *http.Request) {
	mark.S(r.Method)                   // want `client-chosen: r.Method, the request method, any token the client sends \(line 14\) @14`
	mark.S(r.Method + " " + r.Pattern) // want `client-chosen: r.Method, the request method, any token the client sends`
	m := r.Method
	mark.S("op." + m) // want `client-chosen: r.Method`
	r2 := r.WithContext(r.Context())
	mark.S(r2.Method) // want `client-chosen: r2.Method`
	// A worse part decides.
	mark.S(r.Method + " " + r.URL.Path) // want `unbounded: r.URL.Path, the raw URL path`
	defer func() {
		mark.S(r.Method) // want `client-chosen: r.Method`
	}()
}

// After a method check that returns, the method is one of the constants.
func checkedReturn(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		mark.S(r.Method) // want `client-chosen: r.Method`
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	mark.S(r.Method)                   // want `bounded: r.Method, checked against known methods`
	mark.S(r.Method + " " + r.Pattern) // want `bounded: r.Method, checked against known methods`
	defer func() {
		mark.S(r.Method) // want `bounded: r.Method, checked against known methods`
	}()
}

func checkedSwitch(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		mark.S(r.Method) // want `bounded: r.Method, checked against known methods`
	case "PURGE":
		mark.S("purge " + r.Method) // want `bounded: r.Method, checked against known methods`
	default:
		mark.S(r.Method) // want `client-chosen: r.Method`
	}
	if r.Method == http.MethodPost {
		mark.S(r.Method) // want `bounded: r.Method, checked`
	}
	mark.S(r.Method) // want `client-chosen: r.Method`
}

// One method value, tested and used on checked paths only.
func checkedValue(w http.ResponseWriter, r *http.Request) {
	switch m := r.Method; m {
	case http.MethodGet, http.MethodPut:
		mark.S(m) // want `bounded: r.Method, checked against known methods`
	}
}

// Shared by checked and unchecked uses: unsure.
func mixedValue(w http.ResponseWriter, r *http.Request) {
	m := r.Method
	if m == http.MethodGet {
		mark.S(m) // want `unknown`
	}
	mark.S(m) // want `unknown`
}

// Normalised: a choice among constants, whatever the method.
func normalised(w http.ResponseWriter, r *http.Request) {
	mark.S(normMethod(r.Method)) // want `bounded: normMethod\(r.Method\), which returns only constants`
	var name string
	switch r.Method {
	case http.MethodGet:
		name = "GET"
	case http.MethodPost:
		name = "POST"
	default:
		name = "_OTHER"
	}
	mark.S(name) // want `bounded: one of 3 constants`
	method := "_OTHER"
	if r.Method == http.MethodGet || r.Method == http.MethodPost {
		method = r.Method
	}
	mark.S(method) // want `bounded: r.Method, checked against known methods`
}

func normMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete:
		return m
	}
	return "_OTHER"
}

var knownMethods = map[string]bool{http.MethodGet: true, http.MethodPost: true}

// Checks we cannot evaluate: unsure.
func opaqueChecks(w http.ResponseWriter, r *http.Request) {
	if !knownMethods[r.Method] {
		return
	}
	mark.S(r.Method) // want `unknown`
}

func opaqueChecks2(w http.ResponseWriter, r *http.Request) {
	if !slc.Contains([]string{"GET", "POST"}, r.Method) {
		return
	}
	mark.S(r.Method) // want `unknown`
}

func opaqueChecks3(w http.ResponseWriter, r *http.Request) {
	if strings.ToUpper(r.Method) != "GET" {
		return
	}
	mark.S(r.Method) // want `unknown`
}

func reassigned(w http.ResponseWriter, r *http.Request) {
	r.Method = strings.ToUpper(r.Method)
	mark.S(r.Method) // want `unknown`
}

// Not a server's request: the method is the program's (an outgoing request,
// a RoundTripper) or the caller's.
func outgoing(url string) {
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	mark.S(req.Method) // want `unknown`
}

type transport struct{ next http.RoundTripper }

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	mark.S("HTTP " + req.Method) // want `unknown`
	return t.next.RoundTrip(req)
}

// Handlers registered for one method only.
func routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /items/{id}", getItem)
	mux.Handle("POST /items", http.HandlerFunc(postItem))
	mux.HandleFunc("/any", anyItem)
	mux.HandleFunc("GET /both", both)
	mux.HandleFunc("/both", both)
	mux.HandleFunc("DELETE /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		mark.S(r.Method) // want `bounded: r.Method, one of the methods its route admits`
	})
}

func getItem(w http.ResponseWriter, r *http.Request) {
	mark.S(r.Method) // want `bounded: r.Method, one of the methods its route admits`
}

func postItem(w http.ResponseWriter, r *http.Request) {
	mark.S(r.Method) // want `bounded: r.Method, one of the methods its route admits`
}

func anyItem(w http.ResponseWriter, r *http.Request) {
	mark.S(r.Method) // want `client-chosen: r.Method`
}

func both(w http.ResponseWriter, r *http.Request) {
	mark.S(r.Method) // want `client-chosen: r.Method`
}

// Normalised in place: the method where checked, a constant otherwise.
func normalisedPhi(w http.ResponseWriter, r *http.Request) {
	method := r.Method
	if method != http.MethodGet && method != http.MethodPost {
		method = "_OTHER"
	}
	mark.S(method)                // want `bounded: r.Method, checked against known methods`
	mark.S(normMethodPhi(method)) // want `bounded: normMethodPhi\(method\), which returns only constants or bounded values`
}

func normMethodPhi(m string) string {
	switch m {
	case http.MethodGet, http.MethodPost:
	default:
		m = "_OTHER"
	}
	return m
}

// The Host of a request a server received is any name the client sends.
func rawHost(w http.ResponseWriter, r *http.Request) {
	mark.S(r.Host)                  // want `client-chosen: r.Host, the Host header, any name the client sends`
	mark.S(strings.ToLower(r.Host)) // want `client-chosen: r.Host`
}

// Checked against an allow-list first: the handler decides which names
// reach the label.
func allowedHost(w http.ResponseWriter, r *http.Request, allowed map[string]bool) {
	host := strings.ToLower(r.Host)
	if !allowed[host] {
		host = "_other"
	}
	mark.S(host) // want `unknown`
}

func servedHost(w http.ResponseWriter, r *http.Request, served func(string) bool) {
	if served(r.Host) {
		mark.S(r.Host) // want `unknown`
	}
}

// The Host of a request the program sends is its own choice.
func outgoingHost(req *http.Request) {
	mark.S(req.Host) // want `unknown`
}
