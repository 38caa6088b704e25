// want package:"tenant-scoped"

// Package tenantscopedweave is a server built on the older multi-tenancy
// library with the same API: its user ids are tenants too.
package tenantscopedweave

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
	"github.com/weaveworks/common/user"
)

var (
	discarded = promauto.NewCounterVec(prometheus.CounterOpts{Name: "discarded_samples_total", Help: "Discarded."}, []string{"user", "reason"})
	sessions  = promauto.NewCounterVec(prometheus.CounterOpts{Name: "sessions_total", Help: "Sessions."}, []string{"session"})
)

// The user here is the tenant, wherever the id was read.
func discard(ctx context.Context, userID, reason string) {
	discarded.WithLabelValues(userID, reason).Inc()
	if org, err := user.ExtractOrgID(ctx); err == nil {
		discarded.WithLabelValues(org, reason).Inc()
	}
}

// A session id is not the tenant.
func open(sessionID string) {
	sessions.WithLabelValues(sessionID).Inc() // want `label "session" of "sessions_total" gets an identifier-like value \(sessionID`
}
