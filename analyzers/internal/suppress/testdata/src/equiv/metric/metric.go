package metric

func report(string) {}

func waivers() {
	report("metric-name")            //nolint:promlinter // a frozen public name
	report("high-cardinality-label") //nolint:promlinter // want `metricname/high-cardinality-label`
	report("metric-name")            //nolint:contextcheck // want `metricname/metric-name`
}
