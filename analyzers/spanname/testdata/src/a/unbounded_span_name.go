package a

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

var tracer = noop.NewTracerProvider().Tracer("a")

func handler(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, span := tracer.Start(ctx, r.URL.Path) // want `span name in Tracer.Start is unbounded: built from r.URL.Path, the raw URL path \(line 19\); name server spans "\{method\} \{route\}"`
	span.End()
	tracer.Start(ctx, "GET "+r.URL.Path)                     // want `unbounded: built from r.URL.Path`
	tracer.Start(ctx, fmt.Sprintf("%s %s", r.Method, r.URL)) // want `unbounded: built from r.URL, the request URL`
	tracer.Start(ctx, r.RequestURI)                          // want `built from r.RequestURI, the raw request URI`
	tracer.Start(ctx, "from "+r.RemoteAddr)                  // want `built from r.RemoteAddr, the client address .*attribute.String\("client.address", r.RemoteAddr\)`
	tracer.Start(ctx, "q "+r.URL.RawQuery)                   // want `record the query as an attribute: span.SetAttributes\(attribute.String\("url.query", r.URL.RawQuery\)\)`

	// The raw method is the client's choice (net/http accepts any token).
	tracer.Start(ctx, r.Method+" "+r.Pattern)                    // want `span name in Tracer.Start is client-chosen: built from r.Method, the request method, any token the client sends \(line 28\); a client sending made-up methods gets a span class per method; map the method to the known ones .* and the rest to "_OTHER"`
	tracer.Start(ctx, fmt.Sprintf("%s %s", r.Method, r.Pattern)) // want `client-chosen: built from r.Method`
	tracer.Start(ctx, r.Method)                                  // want `client-chosen: built from r.Method`
}

func ids(ctx context.Context, id int64, orderID string, userId int) {
	tracer.Start(ctx, fmt.Sprintf("GET /users/%d", id)) // want `span name in Tracer.Start is identifier-like: built from id, which looks like an identifier \(line 33\); keep the name low-cardinality \(the operation, not its subject\) and put the value in an attribute: span.SetAttributes\(attribute.String\("id", id\)\)`
	tracer.Start(ctx, "process order "+orderID)         // want `built from orderID, which looks like an identifier .*attribute.String\("order.id", orderID\)`
	tracer.Start(ctx, "user/"+strconv.Itoa(userId))     // want `built from userId`

	// Look-alikes: the id goes into an attribute.
	_, span := tracer.Start(ctx, "process order")
	span.SetAttributes(attribute.String("order.id", orderID))
}

func errs(ctx context.Context, err error) {
	tracer.Start(ctx, "failed: "+err.Error()) // want `built from err.Error\(\), error text .*span.RecordError\(err\)`
	_, span := tracer.Start(ctx, "op")
	span.SetName(fmt.Sprintf("op failed: %v", err)) // want `span name in Span.SetName is unbounded: built from err, error text`

	// Look-alike: a sentinel error is one fixed text.
	tracer.Start(ctx, "op "+errSentinel.Error())
}

var errSentinel = errors.New("sentinel")

func sqlText(ctx context.Context, sql string, query string) {
	tracer.Start(ctx, sql)         // want `built from sql, which looks like an identifier .*attribute.String\("db.query.text", sql\)`
	tracer.Start(ctx, "db "+query) // want `built from query, which looks like an identifier`
}

type op int

const (
	opRead op = iota
	opWrite
)

func (o op) String() string {
	if o == opRead {
		return "read"
	}
	return "write"
}

func opName(write bool) string {
	if write {
		return "db.write"
	}
	return "db.read"
}

// Look-alikes that must stay silent.
func silent(ctx context.Context, component string, o op, write bool, shard int, statusCode int, attempt int, provider, valid, keyspace string) { // want silent:`span name from params 1, 4, 5, 6, 7, 8, 9`
	tracer.Start(ctx, component+".run")
	tracer.Start(ctx, fmt.Sprintf("%s.%s", component, "run"))
	tracer.Start(ctx, "db."+o.String())
	tracer.Start(ctx, opName(write))
	tracer.Start(ctx, fmt.Sprintf("shard-%d", shard))
	tracer.Start(ctx, "status "+strconv.Itoa(statusCode))
	tracer.Start(ctx, "attempt "+strconv.Itoa(attempt))
	kind := "read"
	if write {
		kind = "write"
	}
	tracer.Start(ctx, "db."+kind)
	tracer.Start(ctx, provider+valid+keyspace)
}

// Through the interface and on implementations.
func viaInterface(ctx context.Context, tp trace.TracerProvider, r *http.Request) {
	tp.Tracer("x").Start(ctx, r.URL.Path)                   // want `span name in Tracer.Start is unbounded`
	noop.Tracer{}.Start(ctx, r.URL.Path)                    // want `span name in Tracer.Start is unbounded`
	trace.SpanFromContext(ctx).SetName("GET " + r.URL.Path) // want `span name in Span.SetName is unbounded`
}

// Suppressed findings.
func suppressed(ctx context.Context, r *http.Request) {
	tracer.Start(ctx, r.URL.Path) //nolint:spanname/unbounded-span-name // a debug-only tracer
	//lint:ignore spanname the path set is fixed in this tool
	tracer.Start(ctx, r.URL.Path)
}
