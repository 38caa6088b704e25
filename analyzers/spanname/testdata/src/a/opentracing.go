package a

import (
	"context"
	"net/http"

	"github.com/opentracing/opentracing-go"
)

func openTracing(ctx context.Context, r *http.Request, sessionID string, t opentracing.Tracer) {
	opentracing.StartSpanFromContext(ctx, r.URL.Path) // want `span name in opentracing.StartSpanFromContext is unbounded: .*span.SetTag\("url.path", r.URL.Path\)`
	span := t.StartSpan("session " + sessionID)       // want `span name in Tracer.StartSpan is identifier-like: built from sessionID`
	span.SetOperationName(r.Header.Get("X-Op"))       // want `span name in Span.SetOperationName is unbounded: built from r.Header.Get\("X-Op"\), a header value \(line 13\); keep the name low-cardinality \(the operation, not its subject\) and put the value in an attribute: span.SetTag\("http.request.header.x-op", r.Header.Get\("X-Op"\)\)`
	opentracing.StartSpan("")                         // want `empty span name in opentracing.StartSpan`

	// Look-alike.
	opentracing.StartSpan("http.request")
}
