package suppress

// Equivalents lists the directives written for other linters that already
// waive what one of o11ylint's rules reports: a team adopting o11ylint keeps
// the decisions it recorded for those linters. The key is the name a
// directive carries (//nolint:contextcheck, //lint:ignore SA1012 reason);
// the value lists the o11ylint analyzers or analyzer/rule pairs it covers.
//
// Each row is a linter whose finding on the same line is the same defect:
//
//   - contextcheck reports a function that does not pass on the context it
//     was given (our lost-context);
//   - govet's lostcancel reports a cancel not called on every path (our
//     cancel-not-called); golangci-lint names it through the govet linter;
//   - fatcontext reports a context nested into itself in a loop (our
//     growing-chain);
//   - promlinter runs client_golang's promlint naming rules (our metric-name);
//   - staticcheck is golangci-lint's name for the staticcheck checks we ship
//     (SA1012, SA1029), which //lint:ignore names one by one.
var Equivalents = map[string][]string{
	"contextcheck": {"ctxcancel/lost-context"},
	"govet":        {"ctxcancel/cancel-not-called"},
	"lostcancel":   {"ctxcancel/cancel-not-called"},
	"fatcontext":   {"ctxcancel/growing-chain"},
	"promlinter":   {"metricname/metric-name"},
	"staticcheck":  {"SA1012", "SA1029"},
}

// equivalent reports whether a directive naming n (another linter's name)
// covers a diagnostic of category cat of analyzer name.
func equivalent(n, name, cat string) bool {
	for _, e := range Equivalents[n] {
		if e == name || e == name+"/"+cat {
			return true
		}
	}
	return false
}
