package apis

// Package paths of the multi-tenancy libraries.
const (
	DskitTenantPkg = "github.com/grafana/dskit/tenant"
	DskitUserPkg   = "github.com/grafana/dskit/user"
	// WeaveworksUserPkg is dskit's user package before dskit: the same
	// API, still the base of servers that have not moved.
	WeaveworksUserPkg = "github.com/weaveworks/common/user"
)

// TenancyPkgs are the multi-tenancy libraries. A program built on one is
// tenant-scoped: the request's identity is its tenant, which these
// libraries (like the servers built on them) call the org or user id, and
// an id the code calls the user's is the tenant's.
var TenancyPkgs = []string{DskitTenantPkg, DskitUserPkg, WeaveworksUserPkg}

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
	WeaveworksUserPkg + ".ExtractOrgID":                "the tenant (org) id",
	WeaveworksUserPkg + ".ExtractOrgIDFromHTTPRequest": "the tenant (org) id",
	WeaveworksUserPkg + ".ExtractFromGRPCRequest":      "the tenant (org) id",
}
