package cardinality

import (
	"net/http"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var byHost = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "host_requests_total",
	Help: "Requests by virtual host.",
}, []string{"host", "code"})

// The Host header: any name a client sends, scanners included.
func hostHandler(w http.ResponseWriter, r *http.Request) {
	byHost.WithLabelValues(strings.ToLower(r.Host), "200").Inc() // want `label "host" of "host_requests_total" gets a client-chosen value \(r.Host, the Host header, any name the client sends \(line 18\)\): every distinct value is a new time series; a client sending made-up Host headers \(scanners do\) adds a series per name`
}

type vhosts struct{ served map[string]bool }

// Negative: only the names the server serves reach the label.
func (v *vhosts) hostChecked(w http.ResponseWriter, r *http.Request) {
	host := strings.ToLower(r.Host)
	if !v.served[host] {
		host = "_other"
	}
	byHost.WithLabelValues(host, "200").Inc()
}

// Negative: a predicate decides first.
func (v *vhosts) allowed(host string) bool { return v.served[host] }

func (v *vhosts) hostAllowed(w http.ResponseWriter, r *http.Request) {
	if v.allowed(r.Host) {
		byHost.WithLabelValues(r.Host, "200").Inc()
	}
}

var hostInFlight = promauto.NewGaugeVec(prometheus.GaugeOpts{
	Name: "host_requests_in_flight",
	Help: "Requests in flight by virtual host.",
}, []string{"host", "code"})

// One label map given to two metrics: one defect, fixed where the map is
// filled; the second use is a related position of the first.
func hostShared(w http.ResponseWriter, r *http.Request) {
	labels := prometheus.Labels{"code": "200"}
	labels["host"] = strings.ToLower(r.Host)
	hostInFlight.With(labels).Inc() // want `label "host" of "host_requests_in_flight" gets a client-chosen value`
	byHost.With(labels).Inc()
}
