// Package spanname checks span names for cardinality.
//
// A span name is "the most general string that identifies a statistically
// interesting class of spans" (OpenTelemetry specification): backends group,
// index and sample by it. A name that carries an id, a raw URL path or an
// error message makes every span its own class; the OTel spec's bad example
// is get_user/314159. HTTP server spans are named "{method} {http.route}".
//
// # empty-span-name
//
// Reported for a span named by the empty string constant, given to a
// span-naming call or to a helper that uses its parameter as the whole name.
//
//	ctx, span := tracer.Start(ctx, "")                  // bad
//	ctx, span := tracer.Start(ctx, "orders.process")    // good
//
// # unbounded-span-name
//
// Reported for a span name built from a value that is an unbounded
// source (r.URL.Path, r.URL.RawQuery, r.RequestURI, r.URL.String(),
// Header.Get, cookies, form values, r.RemoteAddr, err.Error(), uuid
// generators, time.Now() formatting, random values) or is identifier-like (a
// non-constant value named like userID, orderId, id, key, token, email,
// session, url, path, query, sql, stmt, addr, ip), however it is formatted or
// concatenated. The classes come from the shared origin analysis.
//
//	tracer.Start(ctx, r.URL.Path)                         // bad: raw path
//	tracer.Start(ctx, fmt.Sprintf("GET /users/%d", id))   // bad: an id
//	tracer.Start(ctx, "process order "+orderID)           // bad: an id
//	tracer.Start(ctx, "query "+err.Error())               // bad: error text
//
//	tracer.Start(ctx, semconvMethod(r.Method)+" "+r.Pattern) // good: {method} {route}
//	ctx, span := tracer.Start(ctx, "process order")       // good, and then:
//	span.SetAttributes(attribute.String("order.id", orderID))
//
// The request method of a server's request is client-chosen: net/http
// accepts any token as a method, so a raw r.Method in a handler (or in the
// formatter of otelhttp.NewHandler) lets a client make a span class per
// made-up method. It is fine once narrowed to known methods: read inside
// case http.MethodGet, http.MethodPost:, after if r.Method !=
// http.MethodGet { return }, through a function that returns the method
// only for known ones and a constant ("_OTHER") otherwise, or in a handler
// registered only for a method (mux.HandleFunc("GET /items/{id}", h)). The
// method of an outgoing request (a RoundTripper, otelhttp.NewTransport's
// formatter) is the program's own and is left alone.
//
//	tracer.Start(ctx, r.Method+" "+r.Pattern)             // bad in a handler: any method
//	if r.Method != http.MethodGet { return }; tracer.Start(ctx, r.Method+" "+r.Pattern) // good
//
// The message names the class and the source of the unbounded part (also as
// a related position) and the fix: keep the name low-cardinality and put
// the value in an attribute (span.SetTag for OpenTracing; span.RecordError
// for errors).
//
// # Calls
//
// The name argument of trace.Tracer.Start and trace.Span.SetName (through
// the interfaces and on any implementation), opentracing.StartSpan,
// StartSpanFromContext, StartSpanFromContextWithTracer, Tracer.StartSpan and
// Span.SetOperationName (the apis.SpanNameCalls table); the operation of
// otelhttp.NewHandler and NewMiddleware when their options visibly hold no
// span name formatter; and the values returned by a function passed
// directly to otelhttp.WithSpanNameFormatter (a func literal or a function
// of the package): r.URL.Path in there is the classic bug.
//
// Helpers: a function that forwards one of its parameters into a span name
// (func startSpan(ctx context.Context, op string) { tracer.Start(ctx,
// "db."+op) }) gets a fact; its callers, in this or another package, are
// checked at the call site with the same rules, and the message names the
// helper. Works through several levels of helpers. A helper whose name is
// reportable only because of a parameter's own name (func handle(ctx
// context.Context, orderID string) { tracer.Start(ctx, "order "+orderID) })
// is reported inside the helper, unless the helper is unexported and only
// called in its package: then its callers' arguments decide
// (spanFor(ctx, "load-config") is fine even if spanFor's parameter is
// called key).
//
// # What spanname deliberately ignores
//
// Constants, a choice among constants, results of functions that return
// only constants or bounded values, a checked or routed r.Method, the
// method of an outgoing request or of a request the analysis cannot place
// (a helper's parameter: func name(r *http.Request) string is not
// followed into its callers), r.Pattern, enum String()
// values, status codes, and names of unknown origin: component+".run" with
// an opaque component stays silent. A value named like a shard, partition,
// worker, attempt, level, service, region, method, operation or route is not
// an identifier (serviceID, routePath), and route accessors of web
// frameworks (echo's c.Path(), gin's c.FullPath(), go-restful's
// SelectedRoutePath(), gorilla/mux's GetPathTemplate()) are low-cardinality. Span names built by
// function values the analysis cannot see (a formatter stored in a field)
// are not checked.
//
// # Disabling rules
//
// The flag -spanname.disable=RULE[,RULE] drops every finding of the rules it
// names, in every driver: standalone (o11ylint -spanname.disable=RULE ./...),
// under go vet (go vet -vettool=$(which o11ylint) -spanname.disable=RULE ./...,
// which passes the flag on and caches on it), in golangci-lint (the
// setting disable: [RULE, ...]) and in Bazel nogo (the analyzer flag). An
// unknown rule name is an error listing the valid ones.
package spanname
