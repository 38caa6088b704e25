package use

import (
	"github.com/prometheus/client_golang/prometheus"

	"fixtures/crosspkg/cleanup"
)

// A per-user series that the program deletes through a helper of another
// package when the user goes: a managed lifecycle, not growth.
type perUser struct {
	received *prometheus.CounterVec
	rejected *prometheus.CounterVec
	served   *prometheus.CounterVec
	kept     *prometheus.CounterVec
	dropped  *prometheus.CounterVec
	queued   *prometheus.GaugeVec
	held     *prometheus.GaugeVec
}

func newPerUser(reg prometheus.Registerer) *perUser {
	m := &perUser{
		received: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "api_received_total", Help: "Received."}, []string{"customer"}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "api_rejected_total", Help: "Rejected."}, []string{"customer"}),
		served:   prometheus.NewCounterVec(prometheus.CounterOpts{Name: "api_served_total", Help: "Served."}, []string{"customer"}),
		kept:     prometheus.NewCounterVec(prometheus.CounterOpts{Name: "api_kept_total", Help: "Kept."}, []string{"customer"}),
		dropped:  prometheus.NewCounterVec(prometheus.CounterOpts{Name: "api_dropped_total", Help: "Dropped."}, []string{"customer"}),
		queued:   prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "api_queued", Help: "Queued."}, []string{"customer"}),
		held:     prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "api_held", Help: "Held."}, []string{"customer"}),
	}
	reg.MustRegister(m.received, m.rejected, m.served, m.kept, m.dropped, m.queued, m.held)
	// The cleaner deletes the series of queued; the holder only keeps held.
	cleanup.NewCleaner(m.queued)
	cleanup.NewHolder(m.held)
	return m
}

func (m *perUser) count(customerID string) {
	m.received.WithLabelValues(customerID).Inc()
	m.rejected.WithLabelValues(customerID).Inc()
	m.served.WithLabelValues(customerID).Inc()
	m.kept.WithLabelValues(customerID).Inc()    // want `label "customer" of "api_kept_total" gets an identifier-like value \(customerID`
	m.dropped.WithLabelValues(customerID).Inc() // want `label "customer" of "api_dropped_total" gets an identifier-like value \(customerID`
	m.queued.WithLabelValues(customerID).Inc()
	m.held.WithLabelValues(customerID).Inc() // want `label "customer" of "api_held" gets an identifier-like value \(customerID`
}

// removeCustomer deletes the customer's series: through an interface
// parameter, a concrete one, and a helper of this package.
func (m *perUser) removeCustomer(customerID string) {
	cleanup.DeleteMatching(m.received, map[string]string{"customer": customerID})
	cleanup.Forget(m.rejected, customerID)
	forgetServed(m, customerID)
	// Not deletions: a Collector method and a store's own Delete.
	cleanup.Describe(m.kept, nil)
	cleanup.Drop(store{m.dropped}, customerID)
}

func forgetServed(m *perUser, customerID string) { cleanup.ForgetAll(m.served, []string{customerID}) }

type store struct{ v *prometheus.CounterVec }

func (store) Delete(key string) bool { return false }
