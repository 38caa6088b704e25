package caller

import (
	"context"
	"net/http"

	"fixtures/helperlib"
)

func serve(ctx context.Context, r *http.Request, orderID string, component string) { // want serve:`span name from params 3$`
	helperlib.Start(ctx, r.URL.Path)        // want `passed to helperlib.Start, which names the span in Tracer.Start, is unbounded: built from r.URL.Path`
	helperlib.Named(ctx, "orders", orderID) // want `passed to helperlib.Named, which names the span in Tracer.Start, is identifier-like: built from orderID`
	helperlib.Start(ctx, "")                // want `empty span name passed to helperlib.Start`

	// Look-alikes.
	helperlib.Start(ctx, "orders.list")
	helperlib.Named(ctx, component, "run")
	helperlib.Named(ctx, "", "")
}
