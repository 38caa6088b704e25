// Package defs keeps its collectors in the fields of a struct that other
// packages use: the label names, the deleted series and the registration
// travel with the fields as facts.
package defs

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

type Metrics struct {
	Requests *prometheus.CounterVec // want Requests:`stores api_requests_total\(path, code\)`
	Sessions *prometheus.GaugeVec   // want Sessions:`stores api_session_buffer_bytes\(session\) deleting all series`
	Scratch  *prometheus.CounterVec // want Scratch:`stores api_scratch_total\(path\) never registered`
}

func New(reg prometheus.Registerer) *Metrics {
	m := &Metrics{
		Requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "api_requests_total", Help: "Requests."}, []string{"path", "code"}),
		Sessions: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "api_session_buffer_bytes", Help: "Buffered."}, []string{"session"}),
		Scratch:  promauto.With(nil).NewCounterVec(prometheus.CounterOpts{Name: "api_scratch_total", Help: "Never exposed."}, []string{"path"}),
	}
	reg.MustRegister(m.Requests, m.Sessions)
	return m
}

// Close forgets a session's series: the session label is managed.
func (m *Metrics) Close(session string) { m.Sessions.DeleteLabelValues(session) }

// Requests by path, at package level.
var ByPath = promauto.NewCounterVec(prometheus.CounterOpts{Name: "api_calls_total", Help: "Calls."}, []string{"route", "path"}) // want ByPath:`stores api_calls_total\(route, path\)`
