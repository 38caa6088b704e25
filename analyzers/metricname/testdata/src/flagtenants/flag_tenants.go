// want package:"tenant-scoped"

// Package flagtenants is checked with -metricname.tenants=unbounded: a
// service whose tenants are its many customers.
package flagtenants

import (
	"context"

	"github.com/grafana/dskit/tenant"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promauto"
)

var perTenant = promauto.NewCounterVec(prometheus.CounterOpts{Name: "requests_total", Help: "Requests."}, []string{"tenant"})

func count(ctx context.Context) {
	id, _ := tenant.TenantID(ctx)
	perTenant.WithLabelValues(id).Inc() // want `label "tenant" of "requests_total" gets an unbounded value \(tenant.TenantID\(ctx\), the tenant id \(-metricname.tenants=unbounded\)\): every distinct value is a new time series; label by a bounded class of tenants`
}

var perTenantID = promauto.NewCounterVec(prometheus.CounterOpts{Name: "errors_total", Help: "Errors."}, []string{"tenant_id"}) // want `label "tenant_id" of "errors_total" holds a tenant id`
