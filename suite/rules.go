package suite

// A Rule is one diagnostic category of one analyzer: what SARIF calls a
// rule, what //nolint:ANALYZER/RULE names, and a section of docs/ANALYZER.md.
type Rule struct {
	Analyzer string // analyzer name
	Name     string // the diagnostic Category; empty for passes without categories
	Summary  string // one line: what the rule finds
}

// ID returns the rule's id, "analyzer/rule", or the analyzer name alone for
// a pass that does not set categories (staticcheck's).
func (r Rule) ID() string {
	if r.Name == "" {
		return r.Analyzer
	}
	return r.Analyzer + "/" + r.Name
}

// HelpURI returns the documentation address of the rule.
func (r Rule) HelpURI() string {
	if r.Name == "" {
		return "https://staticcheck.dev/docs/checks/#" + r.Analyzer
	}
	return docsBase + r.Analyzer + ".md#" + r.Name
}

const docsBase = "https://github.com/o11ylint/o11ylint/blob/main/docs/"

// Rules is the catalogue of every rule the suite reports, in a fixed order.
var Rules = []Rule{
	{"goleak", "abandoned-send", "a goroutine blocks forever sending on a channel whose receiver returned early"},
	{"goleak", "abandoned-receive", "a goroutine blocks forever receiving from a channel that a return path of its creator never sends on or closes"},
	{"goleak", "insufficient-buffer", "more senders than the buffer and the receives on an early-return path can take"},
	{"goleak", "never-closed-range", "a goroutine ranges over a channel that its creator never closes"},
	{"goleak", "uncancellable-loop", "a goroutine loops forever without observing the cancellation signal in reach"},
	{"goleak", "double-lock", "a goroutine locks a mutex it already holds, directly or through a call, and waits on itself forever"},
	{"goleak", "double-unlock", "a mutex is unlocked again on a path that already unlocked it, a fatal error that stops the program"},
	{"goleak", "missing-unlock", "a return leaves a mutex locked that the function's other returns, or its error return, release"},
	{"goleak", "lock-held-wait", "a goroutine waits on a channel or WaitGroup while holding a mutex that the goroutines it waits for must lock first"},
	{"goleak", "unsignalled-wait", "a goroutine waits on a condition variable or WaitGroup that nothing can release: never signalled, never counted down, or in a loop whose condition cannot change"},
	{"goleak", "premature-wait", "WaitGroup.Wait inside the loop that starts the goroutines an Add before the loop counted"},
	{"goleak", "lock-order", "two kinds of mutex are locked in both orders, each while the other is held, so two goroutines can wait for each other forever"},
	{"goleak", "workers-quit-early", "a producer blocks forever on a plain send once every worker receiving from the channel has returned on an error"},
	{"goleak", "stop-sent-once", "one value is sent on a stop channel that several functions wait on, so all but one wait forever"},
	{"ctxcancel", "cancel-not-called", "the cancel function of a derived context is discarded or not called on every path"},
	{"ctxcancel", "defer-in-loop", "defer cancel() inside a loop keeps every iteration's context alive until the function returns"},
	{"ctxcancel", "cancelled-on-return", "a context, or a value tied to it (an HTTP response, SQL rows), is returned or handed to a goroutine while its cancel is deferred"},
	{"ctxcancel", "request-ctx-escapes", "an HTTP request's context is handed to a goroutine that outlives the handler"},
	{"ctxcancel", "lost-context", "a function with a context in reach uses context.Background or context.TODO instead"},
	{"ctxcancel", "growing-chain", "a context is derived from itself in a loop, growing its parent chain each iteration"},
	{"ctxcancel", "ctx-after-wait", "the context of errgroup.WithContext is given to a call after the group's Wait, which cancels it"},
	{"metricname", "metric-name", "a Prometheus metric name breaks the naming rules or conventions"},
	{"metricname", "otel-instrument-name", "an OpenTelemetry instrument name breaks the API syntax or the semantic conventions"},
	{"metricname", "duplicate-metric", "the same metric name is defined twice in a package"},
	{"metricname", "high-cardinality-label", "a label or attribute whose name or value is unbounded (ids, paths, addresses, error text)"},
	{"spanname", "empty-span-name", "a span is given an empty name"},
	{"spanname", "unbounded-span-name", "a span name is built from an unbounded or identifier-like value"},
	{"goleak", "malformed-directive", "a suppression directive naming the analyzer is malformed"},
	{"ctxcancel", "malformed-directive", "a suppression directive naming the analyzer is malformed"},
	{"metricname", "malformed-directive", "a suppression directive naming the analyzer is malformed"},
	{"spanname", "malformed-directive", "a suppression directive naming the analyzer is malformed"},
	{"SA1012", "", "a nil context.Context is passed to a function (staticcheck)"},
	{"SA1029", "", "an inappropriate key type in a call to context.WithValue (staticcheck's check, on go/types)"},
}

// LookupRule returns the rule of analyzer with the given category.
func LookupRule(analyzer, category string) (Rule, bool) {
	for _, r := range Rules {
		if r.Analyzer == analyzer && r.Name == category {
			return r, true
		}
	}
	return Rule{}, false
}
