package classes

import (
	"errors"
	"fmt"
	"math/rand"
	"net/http"
	"strings"
	"time"

	"fixtures/mark"
)

func requestData(r *http.Request) {
	mark.S(r.URL.Path)                        // want `unbounded: r.URL.Path, the raw URL path \(line 15\) @15`
	mark.S(r.URL.RawQuery)                    // want `unbounded: r.URL.RawQuery, the raw query`
	mark.S(r.RequestURI)                      // want `unbounded: r.RequestURI, the raw request URI`
	mark.S(r.URL.String())                    // want `unbounded: r.URL.String\(\), the full URL`
	mark.S(r.URL)                             // want `unbounded: r.URL, the request URL`
	mark.S(r.Header.Get("X-Tenant"))          // want `unbounded: r.Header.Get\("X-Tenant"\), a header value`
	mark.S(r.FormValue("q"))                  // want `unbounded: r.FormValue\("q"\), a form value`
	mark.S(r.URL.Query().Get("page"))         // want `unbounded: r.URL.Query\(\).Get\("page"\), a query or form value`
	mark.S(r.RemoteAddr)                      // want `unbounded: r.RemoteAddr, the client address`
	mark.S(r.UserAgent())                     // want `unbounded: r.UserAgent\(\), the user agent`
	mark.S(r.PathValue("id"))                 // want `unbounded: r.PathValue\("id"\), a path wildcard value`
	mark.S("GET " + r.URL.Path)               // want `unbounded: r.URL.Path, the raw URL path`
	mark.S(fmt.Sprintf("GET %s", r.URL.Path)) // want `unbounded: r.URL.Path, the raw URL path`
	mark.S(strings.ToLower(r.URL.Path))       // want `unbounded: r.URL.Path, the raw URL path`
	p := r.URL.Path
	mark.S(p) // want `unbounded: r.URL.Path`
	if c, err := r.Cookie("session"); err == nil {
		mark.S(c.Value) // want `unbounded: c.Value, a cookie value`
	}
}

func errorText(err error) {
	mark.S(err.Error())                    // want `unbounded: err.Error\(\), error text`
	mark.S("failed: " + err.Error())       // want `unbounded: err.Error\(\), error text`
	mark.S(fmt.Sprintf("failed: %v", err)) // want `unbounded: err, error text`
	mark.S(errors.New("boom").Error())     // want `unbounded: errors.New\("boom"\).Error\(\), error text`
}

var errSentinel = errors.New("sentinel")

func sentinel() {
	mark.S(fmt.Sprint(errSentinel)) // want `bounded: errSentinel, a sentinel error`
}

func timesAndRandom() {
	mark.S(time.Now().Format(time.RFC3339))        // want `unbounded: time.Now\(\).Format\(time.RFC3339\), a timestamp`
	mark.S(fmt.Sprint(time.Now()))                 // want `unbounded: time.Now\(\), the current time`
	mark.S(fmt.Sprintf("job-%d", rand.Int()))      // want `unbounded: rand.Int\(\), a random value`
	mark.S(fmt.Sprintf("bucket-%d", rand.Intn(4))) // want `bounded: a random number below 4`
	start := time.Now()
	mark.S(time.Since(start).String())        // want `unbounded: time.Since\(start\), a measured duration`
	mark.S(start.UTC().Format(time.DateTime)) // want `unbounded: start.UTC\(\).Format\(time.DateTime\), a timestamp`
	var ev struct{ At time.Time }
	mark.S(ev.At.Format(time.DateTime)) // want `unbounded: ev.At.Format\(time.DateTime\), a timestamp`
}

// A time kept in a package-level variable is fixed for the process (set
// once from a build stamp, or the start time): formatting it makes one
// value, not one per event.
var (
	builtAt   time.Time
	startInfo struct{ Started time.Time }
)

func processTimes() {
	mark.S(builtAt.UTC().Format(time.DateTime))          // want `unknown`
	mark.S(builtAt.Format(time.RFC3339))                 // want `unknown`
	mark.S(fmt.Sprint(builtAt))                          // want `unknown`
	mark.S(startInfo.Started.Truncate(time.Hour).Unix()) // want `unknown`
}

type handler struct{}

func (handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name := r.Method
	if r.Pattern == "" {
		name = r.URL.Path // fallback to the raw path
	}
	mark.S(name) // want `unbounded: r.URL.Path, the raw URL path`
}

func sentinelText() {
	mark.S("op " + errSentinel.Error()) // want `bounded: errSentinel.Error\(\), the text of a sentinel error`
}

func typeNames(err error, userID string) {
	mark.S(fmt.Sprintf("failed: %T", err))         // want `bounded: a type name`
	mark.S(fmt.Sprintf("%T: %v", err, err))        // want `unbounded: err, error text`
	mark.S(fmt.Sprintf("%[1]T %[1]v", err))        // want `unbounded: err, error text`
	mark.S(fmt.Sprintf("%5.2f%% %s", 1.5, userID)) // want `identifier-like: userID`
}
