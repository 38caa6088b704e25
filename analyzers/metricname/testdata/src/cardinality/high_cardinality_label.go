// Package cardinality holds the fixtures of high-cardinality-label.
package cardinality

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/VictoriaMetrics/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

// Label names known to be unbounded.

var byUser = promauto.NewCounterVec(prometheus.CounterOpts{
	Name: "logins_total",
	Help: "Logins.",
}, []string{"userID", "method"}) // want `label "userID" of "logins_total" holds a user id, an unbounded set`

var byTrace = prometheus.NewHistogramVec(prometheus.HistogramOpts{
	Name:        "request_duration_seconds",
	Help:        "Request duration.",
	ConstLabels: prometheus.Labels{"region": "eu"},
}, []string{"trace_id"}) // want `label "trace_id" of "request_duration_seconds" holds a trace id.*attach the id as an exemplar`

var byAgent = prometheus.NewDesc("client_info", "Client information.", []string{"user_agent"}, nil) // want `label "user_agent" of "client_info" holds a user agent`

var vmByEmail = metrics.NewCounter(`signups_total{email="a@example.com"}`) // want `label "email" of "signups_total" holds an email address`

// The bare nouns path, url and addr are often bounded: their names are fine.
var byPath = prometheus.NewCounterVec(prometheus.CounterOpts{
	Name: "http_requests_total",
	Help: "HTTP requests.",
}, []string{"path", "method", "code"})

var byEndpoint = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "remote_up", Help: "Remote endpoint up."}, []string{"url", "addr"})

func attributeKeys(ctx context.Context, c metric.Int64Counter, session string) {
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("session.id", session)))                         // want `attribute "session.id" on a measurement holds a session id`
	c.Add(ctx, 1, metric.WithAttributeSet(attribute.NewSet(attribute.Key("enduser.id").String(session)))) // want `attribute "enduser.id" on a measurement holds a user id`
	// Bounded keys are fine.
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("http.request.method", "GET"), attribute.Int("http.response.status_code", 200)))
}

// Label values.

func handler(w http.ResponseWriter, r *http.Request) {
	byPath.WithLabelValues(r.URL.Path, "GET", "200").Inc()                                       // want `label "path" of "http_requests_total" gets an unbounded value`
	byPath.With(prometheus.Labels{"path": r.URL.RawQuery, "method": "GET", "code": "200"}).Inc() // want `label "path" of "http_requests_total" gets an unbounded value`

	// The raw method: any token a client sends.
	byPath.WithLabelValues(r.Pattern, r.Method, "200").Inc() // want `label "method" of "http_requests_total" gets a client-chosen value \(r.Method, the request method, any token the client sends \(line 59\)\): every distinct value is a new time series; a client sending made-up methods adds a series per method; map the method to the known ones`

	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Bounded: the route pattern, the checked method, a status code.
	status := http.StatusOK
	byPath.WithLabelValues(r.Pattern, r.Method, strconv.Itoa(status)).Inc()
	byPath.WithLabelValues(routeOf(r), r.Method, "200").Inc()
}

// instrumented records after the handler, in a deferred closure: the
// method is checked by then only on the paths that check it.
func instrumented(w http.ResponseWriter, r *http.Request) {
	defer func() {
		byPath.WithLabelValues(r.Pattern, r.Method, "200").Inc() // want `label "method" of "http_requests_total" gets a client-chosen value`
	}()
	byPath.WithLabelValues(r.Pattern, normalMethod(r.Method), "200").Inc()
}

// normalMethod keeps the known methods.
func normalMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodHead:
		return m
	}
	return "_OTHER"
}

// clientRequests counts what this program sends: its own methods.
func clientRequests(req *http.Request) {
	byPath.WithLabelValues("/upstream", req.Method, "200").Inc()
}

// routeOf returns one of a few constants: its result is bounded.
func routeOf(r *http.Request) string {
	switch r.Method {
	case http.MethodGet:
		return "/read"
	case http.MethodPost:
		return "/write"
	}
	return "other"
}

func orders(ctx context.Context, c metric.Int64Counter, orderID string, err error) {
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("order", orderID)))     // want `attribute "order" gets an identifier-like value`
	c.Add(ctx, 1, metric.WithAttributes(attribute.String("error", err.Error()))) // want `attribute "error" gets an unbounded value`
	// Bounded values.
	shard := 3
	c.Add(ctx, 1, metric.WithAttributes(attribute.Int("shard", shard), attribute.String("kind", "order")))
}

type collector struct {
	desc *prometheus.Desc
}

func newCollector() *collector {
	return &collector{desc: prometheus.NewDesc("tenant_queue_depth", "Queue depth per queue.", []string{"queue"}, nil)}
}

func (c *collector) Collect(ch chan<- prometheus.Metric, r *http.Request) {
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, 1, r.Header.Get("X-Queue")) // want `label "queue" of "tenant_queue_depth" gets an unbounded value`
	ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, 1, "default")
}

func vmNames(r *http.Request) {
	metrics.GetOrCreateCounter(fmt.Sprintf(`vm_requests_total{path=%q}`, r.URL.Path)).Inc() // want `label "path" of .* gets an unbounded value`
	metrics.GetOrCreateCounter(fmt.Sprintf(`vm_requests_total{method=%q}`, r.Method)).Inc()
}

// Names built at run time from unbounded values.
func runtimeNames(r *http.Request, m metric.Meter) {
	prometheus.NewCounter(prometheus.CounterOpts{Name: "hits_" + r.URL.Path + "_total", Help: "Hits."}) // want `the metric name \(Name\) gets an unbounded value`
	m.Int64Counter("hits." + r.Header.Get("X-Tenant"))                                                  // want `the metric name gets an unbounded value`
	// Bounded or unknown parts are fine.
	prometheus.NewCounter(prometheus.CounterOpts{Name: "hits_" + r.Method + "_total", Help: "Hits."})
}

func namedHelper(name string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: "Helper."})
}

// Configured targets are bounded by configuration: per-target labels are an
// established pattern, even when the value is named like a URL or address
// or is a URL's or address's String().
var sent = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "notifications_sent_total", Help: "Sent."}, []string{"alertmanager"})

type sender struct {
	alertmanagerURL string
	groupKey        string
}

func (s *sender) send(endpoint *url.URL, peer net.Addr, customerID, peerID, id string) {
	sent.WithLabelValues(s.alertmanagerURL).Inc()
	sent.WithLabelValues(endpoint.String()).Inc()
	sent.WithLabelValues(peer.String()).Inc()
	sent.WithLabelValues(s.groupKey).Inc()
	// The id of a cluster member or of something unnamed is bounded by the
	// deployment, as far as anyone can tell.
	sent.WithLabelValues(peerID).Inc()
	sent.WithLabelValues(id).Inc()
	// A name with a strong identity word is reported.
	sent.WithLabelValues(customerID).Inc() // want `label "alertmanager" of "notifications_sent_total" gets an identifier-like value \(customerID`
}

// A device is a configured peer, a disk or a network interface (the device
// label of node_exporter) as often as a user's phone: a per-device series
// is bounded by the deployment, like a per-peer one.
var peerBytes = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "peer_sent_bytes_total", Help: "Bytes sent, per device."}, []string{"device"})

func trackDevice(deviceID, sessionID string) {
	peerBytes.WithLabelValues(deviceID)
	peerBytes.WithLabelValues(sessionID).Inc() // want `label "device" of "peer_sent_bytes_total" gets an identifier-like value \(sessionID`
}

// The time of an event is a new value every time; a build date or start time
// kept in a package-level variable is one value per process (the build_info
// pattern).
var (
	buildInfo = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "app_build_info", Help: "Build information, always 1."}, []string{"version", "built"})
	lastSeen  = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "app_last_seen_info", Help: "Last contact, always 1."}, []string{"when"})

	version   = "dev"
	buildTime time.Time
)

func publishBuild() {
	buildInfo.WithLabelValues(version, buildTime.UTC().Format(time.DateTime)).Set(1)
	lastSeen.WithLabelValues(time.Now().Format(time.RFC3339)).Set(1) // want `label "when" of "app_last_seen_info" gets an unbounded value \(time.Now\(\).Format\(time.RFC3339\), a timestamp`
}

// The collectors above are registered: they are exposed.
func init() {
	prometheus.MustRegister(byTrace, byPath, byEndpoint, sent, peerBytes)
}

// A metric whose name is built from a prefix parameter: the finding still
// names it, by the line of its definition.
type prefixed struct {
	hits *prometheus.CounterVec
}

func newPrefixed(reg prometheus.Registerer, prefix string) *prefixed {
	p := &prefixed{hits: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: prefix + "_hits_total",
		Help: "Hits.",
	}, []string{"path"})}
	reg.MustRegister(p.hits)
	return p
}

func (p *prefixed) serve(r *http.Request) {
	p.hits.WithLabelValues(r.URL.Path).Inc() // want `label "path" of the metric defined at line 204 \(name built at run time\) gets an unbounded value`
}

// A label list shared by two vectors: its unbounded name is reported once.
var perUser = []string{"user_id"} // want `^label "user_id" of "user_logins_total" and "user_logouts_total" holds a user id, an unbounded set`

var (
	userLogins  = promauto.NewCounterVec(prometheus.CounterOpts{Name: "user_logins_total", Help: "Logins."}, perUser)
	userLogouts = promauto.NewCounterVec(prometheus.CounterOpts{Name: "user_logouts_total", Help: "Logouts."}, perUser)
)

// RequestURI is set only on requests a server received: on a request the
// program sends (an http.RoundTripper's argument, a request it made) it is
// always empty, one series, not one per URI.

type countingTransport struct{ next http.RoundTripper }

func (t countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	byPath.WithLabelValues(req.RequestURI, req.Method, "200").Inc()
	return resp, err
}

func outgoing(ctx context.Context) {
	req, _ := http.NewRequestWithContext(ctx, "GET", "http://example.com/", nil)
	byPath.WithLabelValues(req.RequestURI, req.Method, "200").Inc()
}

// A handler's request has what the client sent.
func incoming(_ http.ResponseWriter, r *http.Request) {
	byPath.WithLabelValues(r.RequestURI, "GET", "200").Inc() // want `label "path" of "http_requests_total" gets an unbounded value \(r.RequestURI, the raw request URI`
}

// A RoundTrip that is not the RoundTripper's (another signature) gets no
// such guarantee.
type relay struct{}

func (relay) RoundTrip(req *http.Request, hops int) {
	byPath.WithLabelValues(req.RequestURI, "GET", "200").Inc() // want `label "path" of "http_requests_total" gets an unbounded value`
}
