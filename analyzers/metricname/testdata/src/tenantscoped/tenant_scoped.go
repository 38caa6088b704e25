// want package:"tenant-scoped"

// Package tenantscoped is a server built on a multi-tenancy library: the
// identity of a request is its tenant, which the library and the code call
// the org or user id.
package tenantscoped

import (
	"context"
	"net/http"

	"github.com/grafana/dskit/user"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var (
	discarded = promauto.NewCounterVec(prometheus.CounterOpts{Name: "discarded_samples_total", Help: "Discarded."}, []string{"user", "reason"})
	retained  = promauto.NewGaugeVec(prometheus.GaugeOpts{Name: "retained_streams", Help: "Streams."}, []string{"user_id"})
	byClient  = promauto.NewCounterVec(prometheus.CounterOpts{Name: "pushes_total", Help: "Pushes."}, []string{"user", "client"})
)

type chunk struct{ UserID string }

func orgOf(ctx context.Context) string {
	id, _ := user.ExtractOrgID(ctx)
	return id
}

// The user here is the tenant, wherever the id was read.
func discard(userID, reason string, c chunk) {
	discarded.WithLabelValues(userID, reason).Inc()
	discarded.WithLabelValues(c.UserID, reason).Inc()
	retained.WithLabelValues(c.UserID).Set(1)
}

// A value from the request itself is not the tenant identity.
func push(r *http.Request) {
	byClient.WithLabelValues(orgOf(r.Context()), r.UserAgent()).Inc() // want `label "client" of "pushes_total" gets an unbounded value \(r.UserAgent\(\), the user agent`
}
