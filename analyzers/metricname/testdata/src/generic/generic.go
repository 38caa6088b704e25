// Package generic checks that generic code is handled without panics.
package generic

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
)

type labeled[T ~string] struct {
	vec *prometheus.CounterVec
}

func (l labeled[T]) inc(v T) { l.vec.WithLabelValues(string(v)).Inc() }

func newLabeled[T ~string](name string) labeled[T] {
	return labeled[T]{vec: prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: "Generic."}, []string{"kind"})}
}

func record[N int64 | float64](ctx context.Context, c metric.Int64Counter, orderID string) {
	set := attribute.NewSet(attribute.String("order", orderID))
	c.Add(ctx, 1, metric.WithAttributeSet(set)) // want `attribute "order" gets an identifier-like value`
}

var _ = newLabeled[string]("generic_total")
