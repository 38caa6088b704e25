package a

import (
	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/trace"
)

var c = prometheus.NewCounter(prometheus.CounterOpts{Name: "x_total"}) // want "call of prometheus.NewCounter"

func f(t trace.Tracer) { t.Start(nil, "x") } // want "call of Tracer.Start"

//nolint:testkit // fine here
var d = prometheus.NewCounter(prometheus.CounterOpts{Name: "y_total"})

var e = prometheus.NewCounter(prometheus.CounterOpts{Name: "z_total"}) //nolint:testkit

/* want "needs a reason" */                                            //lint:ignore testkit
var g = prometheus.NewCounter(prometheus.CounterOpts{Name: "w_total"}) // want "call of prometheus.NewCounter"

//lint:ignore testkit the counter is registered by hand
var h = prometheus.NewCounter(prometheus.CounterOpts{Name: "v_total"})

//nolint:testkit/other // another rule only
var i = prometheus.NewCounter(prometheus.CounterOpts{Name: "u_total"}) // want "call of prometheus.NewCounter"

//nolint:testkit/probe // this rule
var j = prometheus.NewCounter(prometheus.CounterOpts{Name: "t_total"})

// want +1 "no space after the colon"
// nolint: testkit
var k = prometheus.NewCounter(prometheus.CounterOpts{Name: "s_total"}) // want "call of prometheus.NewCounter"
