package apis

// Package paths of the tracing libraries.
const (
	OTelTracePkg   = "go.opentelemetry.io/otel/trace"
	OpenTracingPkg = "github.com/opentracing/opentracing-go"
)

// TracingPkgs are the packages whose use sends a package down spanname's slow path.
var TracingPkgs = []string{OTelTracePkg, OpenTracingPkg, "go.opentelemetry.io/otel"}

// A SpanNameCall is a call that names a span: Name is the index of the name
// argument (receivers not counted).
type SpanNameCall struct {
	Name int
}

// SpanNameCalls are the calls whose argument becomes a span name.
var SpanNameCalls = Table[SpanNameCall]{
	"(" + OTelTracePkg + ".Tracer).Start":              {Name: 1},
	"(" + OTelTracePkg + ".Span).SetName":              {Name: 0},
	OpenTracingPkg + ".StartSpan":                      {Name: 0},
	OpenTracingPkg + ".StartSpanFromContext":           {Name: 1},
	OpenTracingPkg + ".StartSpanFromContextWithTracer": {Name: 2},
	"(" + OpenTracingPkg + ".Tracer).StartSpan":        {Name: 0},
	"(" + OpenTracingPkg + ".Span).SetOperationName":   {Name: 0},
}

// SpanLinkers are the functions that relate a span to another trace by a
// link or a follows-from reference, rather than by parenthood: a function
// that starts a span on a root context and calls one of them makes a new
// trace linked to its caller's on purpose.
var SpanLinkers = Table[struct{}]{
	OTelTracePkg + ".LinkFromContext": {},
	OpenTracingPkg + ".FollowsFrom":   {},
}
