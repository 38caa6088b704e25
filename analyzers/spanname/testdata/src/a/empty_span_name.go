package a

import (
	"context"

	"go.opentelemetry.io/otel/trace"
)

func emptyName(ctx context.Context, tracer trace.Tracer, span trace.Span) {
	tracer.Start(ctx, "") // want `empty span name in Tracer.Start: name the operation with a low-cardinality constant`
	span.SetName("")      // want `empty span name in Span.SetName`
	const none = ""
	tracer.Start(ctx, none) // want `empty span name`

	// Look-alikes: non-empty constants, a choice that may be empty is not a
	// constant empty name.
	tracer.Start(ctx, "orders.process")
	name := ""
	if ctx.Err() == nil {
		name = "active"
	}
	tracer.Start(ctx, name)
}
