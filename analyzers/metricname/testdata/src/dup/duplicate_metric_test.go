package dup

import (
	"testing"

	"github.com/prometheus/client_golang/prometheus"
)

// Tests make throw-away metrics with the names of real ones: not duplicates.
func TestOrders(t *testing.T) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "shop_orders_total", Help: "Orders."}))
	reg2 := prometheus.NewRegistry()
	reg2.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "shop_orders_total", Help: "Orders."}))
}
