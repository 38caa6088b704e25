package a

import (
	"context"
	"net/http"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
)

// The request method: the client chooses it, unless the code narrows it.

func methodChecked(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Look-alike: only GET and POST get here.
	tracer.Start(r.Context(), r.Method+" "+r.Pattern)
}

func methodSwitch(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	switch r.Method {
	case http.MethodGet, http.MethodHead:
		tracer.Start(ctx, r.Method+" /items") // look-alike: a known method
	default:
		tracer.Start(ctx, r.Method+" /items") // want `client-chosen: built from r.Method`
	}
}

// semconvMethod maps the method to the known ones, as the HTTP semantic
// conventions do.
func semconvMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "_OTHER"
}

func methodNormalised(w http.ResponseWriter, r *http.Request) {
	tracer.Start(r.Context(), semconvMethod(r.Method)+" "+r.Pattern) // look-alike: normalised
}

// Helpers: the caller's argument decides.
func methodHelper(w http.ResponseWriter, r *http.Request) {
	startSpan(r.Context(), r.Method)         // want `span name passed to startSpan, which names the span in Tracer.Start, is client-chosen: built from r.Method`
	startSpan(r.Context(), "HTTP "+r.Method) // want `client-chosen`
}

// A handler registered for one method only.
func methodRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /items/{id}", getItemSpan)
}

func getItemSpan(w http.ResponseWriter, r *http.Request) {
	tracer.Start(r.Context(), r.Method+" "+r.Pattern) // look-alike: only GET (and HEAD) reach it
}

// The request of a client: its method is the program's.
type tracingTransport struct{ next http.RoundTripper }

func (t tracingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx, span := tracer.Start(req.Context(), "HTTP "+req.Method) // look-alike: an outgoing request
	defer span.End()
	return t.next.RoundTrip(req.WithContext(ctx))
}

// otelhttp formatters: a server handler's gets the client's request, a
// transport's the program's.
func otelhttpFormatters(h http.Handler) (http.Handler, http.RoundTripper) {
	srv := otelhttp.NewHandler(h, "server", otelhttp.WithSpanNameFormatter(func(op string, r *http.Request) string {
		return r.Method + " " + r.Pattern // want `span name in the otelhttp span name formatter is client-chosen: built from r.Method`
	}))
	otelhttp.NewHandler(h, "server", otelhttp.WithSpanNameFormatter(func(op string, r *http.Request) string {
		return semconvMethod(r.Method) + " " + r.Pattern // look-alike: normalised
	}))
	otelhttp.NewHandler(h, "server", otelhttp.WithSpanNameFormatter(func(op string, r *http.Request) string {
		return r.URL.Path // want `span name in the otelhttp span name formatter is unbounded: built from r.URL.Path`
	}))
	tr := otelhttp.NewTransport(http.DefaultTransport, otelhttp.WithSpanNameFormatter(func(op string, r *http.Request) string {
		return "HTTP " + r.Method // look-alike: the method the program sends
	}))
	return srv, tr
}

var _ = context.Background
