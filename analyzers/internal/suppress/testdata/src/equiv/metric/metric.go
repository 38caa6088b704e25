package metric

func report(string) {}

func waivers() {
	report("metric-name")            //nolint:promlinter // a frozen public name
	report("high-cardinality-label") //nolint:promlinter // want `metricname/high-cardinality-label`
	report("metric-name")            //nolint:contextcheck // want `metricname/metric-name`
}

type opts struct{ name, help string }

func define(opts, func() float64) {}

func spread() {
	define(
		//nolint:promlinter // a deprecated name kept for its users: covers the literal below, every line of it
		opts{
			name: "a",
			help: func() string { report("metric-name"); return "" }(),
		},
		func() float64 { report("metric-name"); return 0 }, // want `metricname/metric-name`
	)
	//nolint:promlinter // the whole statement below
	define(opts{},
		func() float64 { report("metric-name"); return 0 })
	define(opts{}, //nolint:promlinter // after code: this line only
		func() float64 { report("metric-name"); return 0 }) // want `metricname/metric-name`
}
