package names

import (
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/metric"
)

const instrumentPrefix = "shop.checkout."

func otelInstruments(meter metric.Meter) {
	// Positives.
	meter.Int64Counter("1st.requests")                                        // want `instrument name "1st.requests" does not start with a letter`
	meter.Int64Counter("http requests")                                       // want `instrument name "http requests" has the character ' '`
	meter.Float64Histogram("Checkout.Duration", metric.WithUnit("s"))         // want `instrument name "Checkout.Duration" has upper-case letters: OpenTelemetry names are lower case, dot-separated, "checkout.duration"`
	meter.Int64Counter(instrumentPrefix + "orders_total")                     // want `instrument name "shop.checkout.orders_total" ends in total`
	meter.Float64Histogram("rpc.server.duration_ms", metric.WithUnit("ms"))   // want `instrument name "rpc.server.duration_ms" repeats its unit "ms" \(metric.WithUnit\): drop "ms"`
	meter.Int64ObservableGauge("process.memory.bytes", metric.WithUnit("By")) // want `instrument name "process.memory.bytes" repeats its unit "By"`
	otel.Meter("x").Int64UpDownCounter("")                                    // want `instrument name "" is empty`

	// Negatives.
	meter.Float64Histogram("http.server.request.duration", metric.WithUnit("s"))
	meter.Int64Counter(instrumentPrefix+"orders", metric.WithDescription("Orders placed."))
	meter.Int64UpDownCounter("db.client.connection.count", metric.WithUnit("{connection}"))
	meter.Int64Counter("kafka/messages-in_rate")
	// A unit word without metric.WithUnit is not a repetition.
	meter.Float64Gauge("jvm.memory.bytes")
	// The name is not a constant: not checked.
	var dynamic string
	meter.Int64Counter(dynamic)
}
