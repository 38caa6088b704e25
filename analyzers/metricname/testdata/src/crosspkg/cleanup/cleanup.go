// Package cleanup deletes the series of vectors handed to it: a caller in
// another package that passes a vector gives it a managed lifecycle, as a
// direct Delete would.
package cleanup

import "github.com/prometheus/client_golang/prometheus"

// Vec is any vector that can delete series by labels.
type Vec interface {
	prometheus.Collector
	Delete(labels prometheus.Labels) bool
}

// DeleteMatching deletes the series of c whose labels match filter.
func DeleteMatching(c Vec, filter map[string]string) { // want DeleteMatching:`deletes series of params 0.Delete`
	c.Delete(filter)
}

// Forget deletes the series of one label value.
func Forget(v *prometheus.CounterVec, value string) { // want Forget:`deletes series of params 0`
	v.DeleteLabelValues(value)
}

// ForgetAll hands its vector to Forget.
func ForgetAll(v *prometheus.CounterVec, values []string) { // want ForgetAll:`deletes series of params 0`
	for _, x := range values {
		Forget(v, x)
	}
}

// Cleaner keeps a vector and deletes a user's series when the user goes.
type Cleaner struct{ gauge *prometheus.GaugeVec }

// NewCleaner keeps g in the field whose series Remove deletes.
func NewCleaner(g *prometheus.GaugeVec) *Cleaner { return &Cleaner{gauge: g} } // want NewCleaner:`deletes series of params 0`

// Remove deletes the series of user.
func (c *Cleaner) Remove(user string) { c.gauge.DeleteLabelValues(user) }

// Holder keeps a vector and never deletes anything.
type Holder struct{ gauge *prometheus.GaugeVec }

// NewHolder keeps g.
func NewHolder(g *prometheus.GaugeVec) *Holder { return &Holder{gauge: g} }

// --- negatives: no deletion, whatever the method's name ---

// Store is an interface whose Delete is not a vector's: another signature.
type Store interface {
	Delete(key string) bool
}

// Drop calls a Delete that no vector implements.
func Drop(s Store, key string) { s.Delete(key) }

// Describe calls a method of the Collector interface that deletes nothing.
func Describe(c prometheus.Collector, ch chan<- *prometheus.Desc) { c.Describe(ch) }
