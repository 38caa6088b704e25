// Package metricname defines an Analyzer that checks metric names and label
// cardinality for client_golang, go-kit's metrics (its Prometheus adapter
// and the metrics.Counter, Gauge and Histogram interfaces), the
// OpenTelemetry metric API and VictoriaMetrics/metrics.
//
// # Analyzer metricname
//
// metricname: metric names and label cardinality
//
// Names are computed from compile-time constants the way the library
// computes them (client_golang's BuildFQName(Namespace, Subsystem, Name),
// constants from any file or package, NewDesc, promauto and
// promauto.With(reg), go-kit's prometheus.NewCounterFrom and friends
// (which build a client_golang vector and register it on the default
// registry), OTel instrument constructors on metric.Meter,
// VictoriaMetrics/metrics name{label="value"} strings). A name that is not
// a constant is not checked for style; if it is built from an unbounded
// value, that is a cardinality finding. The rules, by diagnostic category,
// follow.
//
// # Exposed or a stub
//
// Rules apply only to what /metrics can show. A client_golang collector is
// exposed when it can reach a registry: promauto's constructors and
// go-kit's New…From (the default registerer), promauto.With(r) with r not nil, a collector passed
// to (Must)Register, and any collector that escapes where the analysis
// does not follow it (a struct field, an exported variable, an argument, a
// return value). A collector built with promauto.With(nil), or kept in a
// local or unexported variable that is only ever the receiver of its own
// methods (never registered), is a stub: no name, help, duplicate or
// cardinality rule applies to it.
//
//	noop := promauto.With(nil).NewCounter(prometheus.CounterOpts{})                // silent: a stub
//	promauto.With(reg).NewCounter(prometheus.CounterOpts{})                        // reported: empty name
//
// # metric-name
//
// Reported when a client_golang or VictoriaMetrics/metrics name breaks the
// Prometheus naming rules (client_golang's promlint): characters outside
// [a-zA-Z_:][a-zA-Z0-9_:]* (with -metricname.scheme=legacy, the default;
// utf8 only asks for valid UTF-8), an empty name, ':' (reserved for
// recording rules), camelCase, a counter without _total or another type
// with it, _bucket/_count/_sum on a type that does not generate them (and
// on a histogram or summary, which appends its own: x_count exposes
// x_count_count), the type in the name, a unit word at the end of the name
// (before _total) that is not a base unit (milliseconds) or is abbreviated
// (_ms) (a unit word elsewhere names what is counted: days_processed_total),
// an empty help text, an invalid, reserved (__) or camelCase label name, le
// on a histogram or quantile on a summary (client_golang panics at
// construction), and le or quantile on other types (promlint).
//
// A gauge whose type contradicts its use (kept in a prometheus.Counter
// variable or field, or only ever incremented: Inc and Add of non-negative
// constants) is a counter built with the wrong constructor: the finding
// says so first, and checks the name as a counter's (it needs _total).
//
// An empty name is reported only for a collector that reaches a registry
// (promauto, (Must)Register): registering a nameless collector fails, so
// one that is never registered (a histogram kept in a struct and read in
// process with Write) is a value holder on purpose.
//
// A VictoriaMetrics/metrics counter that is decremented or set (a count in
// flight, a timestamp: that library's counters allow both) is used as a
// gauge, and the counter suffix rules do not apply to it.
//
// The unit of what is recorded: a counter, gauge, histogram or summary (or
// a Desc given to MustNewConstMetric) whose values (Add, Set, Observe) are
// durations or Unix
// timestamps, as the SSA flow shows through conversions, local variables,
// vectors (With, WithLabelValues, an ObserverVec) and functions of the
// package (time.Since(t).Seconds(), d.Seconds(), float64(d) of a
// time.Duration, d.Milliseconds(), t.Unix(), SetToCurrentTime), must say
// so: a name without a unit is reported (rename it ..._seconds, or
// ..._timestamp_seconds for a point in time, ..._seconds_total for a
// counter of time spent; no automatic fix, a rename
// of a published metric breaks its queries), and so is a _seconds name
// that records milliseconds, nanoseconds or another unit, and a name in a
// unit that is not a time (_bytes). Scaled or divided values
// (d.Seconds()*1000, d/time.Millisecond: a count) are not followed. The
// recording site is a related position.
//
//	latency.Observe(time.Since(start).Seconds())   // bad with Name: "request_latency"; good with "request_latency_seconds"
//	lastBackup.Set(float64(time.Now().Unix()))      // bad with Name: "backup_last_success"; good with "backup_last_success_timestamp_seconds"
//
// All the problems of one definition make one finding, at the first one;
// a label that is reported as high-cardinality is not also reported for
// its spelling. A label name taken from a list outside the constructor
// call (a []string variable that several vectors share) is one defect of
// that list: it is reported once there, naming every metric that takes it.
//
//	prometheus.NewCounter(prometheus.CounterOpts{Name: "requestsServed"})         // bad: camelCase, no _total, no help
//	prometheus.NewCounter(prometheus.CounterOpts{Name: "requests_served_total", Help: "Requests served."}) // good
//	prometheus.NewHistogram(prometheus.HistogramOpts{Name: "latency_ms", ...})    // bad: use latency_seconds
//
// # otel-instrument-name
//
// Reported when an OpenTelemetry instrument name breaks the API's
// syntax, ALPHA 0*254 ("_" / "." / "-" / "/" / ALPHA / DIGIT) (the SDK only
// logs it), or the semantic conventions: lower case, no _total suffix, no
// unit word at the end of the name when metric.WithUnit gives the unit.
//
//	meter.Int64Counter("http.requests_total")                                      // bad: exporters add _total
//	meter.Float64Histogram("rpc.duration_ms", metric.WithUnit("ms"))               // bad: the unit is in the name twice
//	meter.Float64Histogram("rpc.server.duration", metric.WithUnit("s"))            // good
//
// # duplicate-metric
//
// Reported when two client_golang constructors of one package define
// the same full name and both are registered on one registry: the default
// one (promauto, or prometheus.MustRegister of both), or one registerer
// value inside one function (promauto.With(reg) twice, reg.MustRegister of
// both). The second registration panics. A prometheus.New* collector is
// registered only where a registration says so: a package-level one that
// the package never registers (its values copied into other metrics) clashes
// with nothing. Two constructors that each take their own Registerer, two
// registries, a Desc
// (collectors make one per Describe and per Collect), stubs, test files
// and OTel instruments (the same name is the same instrument) are left
// alone. The registry identifies a metric by its name and constant label
// values: the same name with other ConstLabels values is another series of
// one metric, accepted when help and label names agree (a limits gauge
// defined once per limit), and reported only when they do not (the
// registry rejects a second help string or label set for one name).
// ConstLabels whose keys or values are not constants leave the identity
// unknown: silent.
//
//	func newClient(reg prometheus.Registerer) { promauto.With(reg).NewCounter(opts) } // silent:
//	func newServer(reg prometheus.Registerer) { promauto.With(reg).NewCounter(opts) } // each its own registry
//
// # high-cardinality-label
//
// Reported when a label name or attribute key known to take
// unbounded values (user, customer, session, request, trace, span
// and correlation ids, email, user names, client addresses, user agents,
// error text, database statements, timestamps, uuids, raw URLs and request
// paths; more with -metricname.labels=a,b), or a label value, attribute
// value or run-time metric name whose origin is unbounded (the raw request
// path or query, headers, the remote address, err.Error(), uuids, time
// formatting, and formatting or concatenation of those) or identifier-like
// (a variable named userID, orderId, email, ...). The message names the
// label, the class, where the value comes from (a related position) and the
// fix: a route template, a bounded classification, an exemplar for trace ids.
// It names the metric by its full name; by the line of its definition when
// the name is built at run time (a prefix parameter, a wrapped registerer);
// and by the variable or field the vector is loaded from when the
// definition is out of sight.
// A vector kept in an exported variable or field of another package (a
// metrics struct built by that package's constructor) is known through a
// fact: the finding names its label and metric, and its deleted labels and
// registration (or lack of one) count as they do in its own package. A
// vector whose definition is out of sight (a parameter, a field filled from
// one) has unknown label names and lifecycle: only values unbounded by
// their source (request data, error text) are reported for it, not ids,
// which often key a series per live object that the caller deletes.
//
// Bounded by design: a label whose series the program deletes
// (DeleteLabelValues, Delete, Reset, or DeletePartialMatch naming the label)
// has a managed lifecycle, a series per live object. So does a vector the
// program hands to a function that deletes its series (a cleanup helper
// of this package or another, known through a fact, or a constructor that
// keeps it in a field whose series its package deletes), also through an
// interface parameter whose method the vector's own deletion implements. Tenant ids are bounded
// by the deployment, like a region: the values of the multi-tenancy
// libraries' extractors (dskit's tenant.TenantID, user.ExtractOrgID, ...)
// and a label that declares the tenant dimension (tenant, tenant_id,
// org_id), unless the value comes from elsewhere (a raw header). A package
// built on a multi-tenancy library (it imports dskit's tenant or user
// package, or weaveworks/common's user package that dskit's grew from,
// directly or through a dependency) is tenant-scoped: the user of
// a request is its tenant, as those libraries call it, so a user or
// user_id label and an id named as the user's or org's (userID, ch.UserID)
// are the tenant too. With
// -metricname.tenants=unbounded, for a service whose tenants are its many
// customers, tenant ids are reported too.
//
//	requests.WithLabelValues(r.URL.Path).Inc()                                     // bad: one series per path
//	requests.WithLabelValues(r.Pattern).Inc()                                      // good: the route template
//	counter.Add(ctx, 1, metric.WithAttributes(attribute.String("user.id", id)))   // bad
//	requests.With("route", r.URL.Path, "method", "GET").Add(1)                     // bad: go-kit, one series per path
//	counter.Add(ctx, 1, metric.WithAttributes(attribute.String("http.request.method", method))) // good: a known method
//
// go-kit's With(name, value, name, value, ...) is checked pair by pair,
// on any implementation of metrics.Counter, Gauge or Histogram except
// those that drop label values (discard, expvar, graphite, statsd): a
// constant label name known to be unbounded is reported at the call unless
// the definition in sight declares it (it is reported there), and each
// value is judged by its origin as the value of the label named before it,
// identifier-like values included when that name is a constant (go-kit
// cannot delete a series). A vector wrapped with go-kit's NewCounter(vec)
// and friends is the vector's definition. With a name that is not a
// constant, only values unbounded by their source (request data, error
// text) are reported; label values passed as a slice built elsewhere
// (With(lvs...)) are not judged.
//
// The method of a request a server received is client-chosen: net/http
// accepts any token, so a raw r.Method in a handler is a series per
// made-up method. A method checked against constants (inside case
// http.MethodGet, http.MethodPost:, after if r.Method != http.MethodGet {
// return }), normalised by a function that returns it only for known
// methods and a constant otherwise, read in a handler registered for one
// method (mux.HandleFunc("GET /x", h)), or the method of an outgoing
// request is bounded.
//
// So is the Host of a request a server received client-chosen: it is the
// Host header, any name a client (or a scanner) sends, whatever names the
// server serves. A host the handler tests first (compared, looked up in a
// map of served names, given to a predicate such as an allow-list) is
// not reported; the fix maps the rest to a catch-all value.
//
// One unbounded or client-chosen value given to the same label of several
// metrics (a labels map shared by a handler's counters and gauges) is one
// defect, fixed where the value is made: one finding at its first use,
// the others as related positions. An identifier-like value is reported
// per metric: each metric's series need their own deletion.
//
// # What metricname deliberately ignores
//
// Names and label names that are not constants (a
// value the origin analysis cannot classify is never reported), the bare
// label names path, url, uri, query, addr, ip and host (often a route
// template or a configured endpoint; their values are judged instead),
// attributes on spans, _test.go files (throw-away metrics and ids),
// generated files (unless -metricname.generated), and duplicates across
// packages.
//
// Label values that are as often a configured target as request data:
// a URL's or address's String(), a value named like a URL, address, path or
// key without an identity word (alertmanagerURL, peerAddr, groupKey), and
// the id of something the deployment bounds rather than traffic or users
// (peerID, memberID, deviceID: a configured peer, a disk, a network
// interface). Per-target series are an established Prometheus pattern.
//
// A time kept in a package-level variable, such as a build date or the
// start time: it is one value per process (the builddate label of a
// build_info metric). The time of each event, time.Now().Format(layout),
// is reported.
//
// Findings can be suppressed with //nolint:metricname or
// //nolint:metricname/<rule> (or //lint:ignore metricname reason).
//
// # Disabling rules
//
// The flag -metricname.disable=RULE[,RULE] drops every finding of the rules it
// names, in every driver: standalone (o11ylint -metricname.disable=RULE ./...),
// under go vet (go vet -vettool=$(which o11ylint) -metricname.disable=RULE ./...,
// which passes the flag on and caches on it), in golangci-lint (the
// setting disable: [RULE, ...]) and in Bazel nogo (the analyzer flag). An
// unknown rule name is an error listing the valid ones.
package metricname
