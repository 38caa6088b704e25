package apis

// Package paths of the multi-tenancy libraries.
const (
	DskitTenantPkg = "github.com/grafana/dskit/tenant"
	DskitUserPkg   = "github.com/grafana/dskit/user"
)

// TenantSources are the calls whose first result is the tenant (org) id of
// the request, as multi-tenant servers built on these libraries extract it.
// A tenant is bounded by the deployment, like a region or a cluster: the
// operator creates tenants, requests do not. (An authenticated end user,
// user.ExtractUserID, is not a tenant and is not listed.)
var TenantSources = Table[string]{
	DskitTenantPkg + ".TenantID":                       "the tenant id",
	DskitTenantPkg + ".TenantIDs":                      "the tenant ids",
	DskitTenantPkg + ".ExtractTenantIDFromHTTPRequest": "the tenant id",
	DskitUserPkg + ".ExtractOrgID":                     "the tenant (org) id",
	DskitUserPkg + ".ExtractOrgIDFromHTTPRequest":      "the tenant (org) id",
	DskitUserPkg + ".ExtractFromGRPCRequest":           "the tenant (org) id",
}
