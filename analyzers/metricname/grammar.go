package metricname

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

// This file holds the pure name grammar: no go/types, no SSA. Each check
// returns the problems of one name as finished messages (without position).

// A nameScheme is the validation scheme of Prometheus metric and label names.
type nameScheme int

const (
	legacyScheme nameScheme = iota // [a-zA-Z_:][a-zA-Z0-9_:]*, every Prometheus version
	utf8Scheme                     // any valid UTF-8 (Prometheus 3)
)

// validLegacyMetricName reports whether s matches [a-zA-Z_:][a-zA-Z0-9_:]*.
func validLegacyMetricName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c == ':' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9' {
			continue
		}
		return false
	}
	return true
}

// validLegacyLabelName reports whether s matches [a-zA-Z_][a-zA-Z0-9_]*.
func validLegacyLabelName(s string) bool {
	return s != "" && !strings.Contains(s, ":") && validLegacyMetricName(s)
}

// validVMIdent reports whether s matches VictoriaMetrics/metrics' identifier
// grammar, [a-zA-Z_:.][a-zA-Z0-9_:.]*.
func validVMIdent(s string) bool {
	return validLegacyMetricName(strings.ReplaceAll(s, ".", "_"))
}

// hasCamelCase reports whether s has a lower-case letter followed by an
// upper-case one, promlint's camelCase test.
func hasCamelCase(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if 'a' <= s[i] && s[i] <= 'z' && 'A' <= s[i+1] && s[i+1] <= 'Z' {
			return true
		}
	}
	return false
}

// snakeCase rewrites a camelCase name in snake_case.
func snakeCase(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			if i > 0 && (('a' <= s[i-1] && s[i-1] <= 'z') || ('0' <= s[i-1] && s[i-1] <= '9')) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// units maps unit words to their base unit: client_golang's promlint table.
var units = map[string]string{
	"amperes": "amperes", "bytes": "bytes", "celsius": "celsius", "grams": "grams",
	"joules": "joules", "kelvin": "kelvin", "meters": "meters", "metres": "metres",
	"seconds": "seconds", "volts": "volts",
	"minutes": "seconds", "hours": "seconds", "days": "seconds", "weeks": "seconds",
	"kelvins": "kelvin", "fahrenheit": "celsius", "rankine": "celsius",
	"inches": "meters", "yards": "meters", "miles": "meters",
	"bits": "bytes", "calories": "joules", "pounds": "grams", "ounces": "grams",
}

// unitPrefixes are the SI and binary prefixes promlint strips before the
// unit lookup.
var unitPrefixes = []string{
	"pico", "nano", "micro", "milli", "centi", "deci", "deca", "hecto", "kilo",
	"kibi", "mega", "mebi", "giga", "gibi", "tera", "tebi", "peta", "pebi",
}

// unitAbbreviations are the abbreviations promlint discourages.
var unitAbbreviations = []string{"s", "ms", "us", "ns", "sec", "b", "kb", "mb", "gb", "tb", "pb", "m", "h", "d"}

// unitWord returns the word of name that states its unit: the last one,
// before a _total suffix (request_duration_seconds, cpu_seconds_total). A
// unit word elsewhere names what is counted, not a measure
// (days_processed_total counts day tables), and is not a unit.
func unitWord(name string) string {
	n := strings.TrimSuffix(name, "_total")
	return n[strings.LastIndexByte(n, '_')+1:]
}

// nonBaseUnit returns the unit word of name (see unitWord) when it is not a
// base unit, and its base unit, with promlint's unit and prefix tables.
func nonBaseUnit(name string) (unit, base string, ok bool) {
	s := unitWord(name)
	if b, found := units[s]; found {
		return s, b, s != b
	}
	for _, p := range unitPrefixes {
		if rest, cut := strings.CutPrefix(s, p); cut {
			if b, found := units[rest]; found {
				return s, b, s != b
			}
		}
	}
	return "", "", false
}

// unitAbbreviation returns the abbreviated unit that is name's unit word.
func unitAbbreviation(name string) (string, bool) {
	if !strings.Contains(name, "_") {
		return "", false
	}
	w := strings.ToLower(unitWord(name))
	for _, s := range unitAbbreviations {
		if w == s {
			return s, true
		}
	}
	return "", false
}

// typeWord is the word promlint looks for in a name of each kind.
func typeWord(k apis.MetricKind) string {
	switch k {
	case apis.Counter:
		return "counter"
	case apis.Gauge:
		return "gauge"
	case apis.Histogram:
		return "histogram"
	case apis.Summary:
		return "summary"
	}
	return ""
}

// typeWordAt returns the index of "_"+w as a whole word of the lower-case
// name n ("_histogram_" inside, or "_histogram" at the end), or -1.
func typeWordAt(n, w string) int {
	if i := strings.Index(n, "_"+w+"_"); i >= 0 {
		return i
	}
	if strings.HasSuffix(n, "_"+w) {
		return len(n) - len(w) - 1
	}
	return -1
}

// promNameProblems returns the naming problems of a Prometheus-style metric
// name of kind k. vm selects VictoriaMetrics/metrics' identifier grammar
// instead of the scheme's. taken (may be nil) reports whether the package
// defines another metric of a given full name: the type in a name is then
// not a problem when the name without it is taken, because the word is what
// tells the two apart (a histogram beside a summary of the same measurement,
// query_duration_histogram_seconds beside query_duration_seconds).
func promNameProblems(name string, k apis.MetricKind, scheme nameScheme, vm bool, taken func(string) bool) []string {
	var ps []string
	add := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	if name == "" {
		return []string{"metric name is empty: the registry rejects it (BuildFQName gives \"\" when Name is empty, whatever Namespace and Subsystem are): set Name"}
	}
	switch {
	case vm:
		if !validVMIdent(name) {
			add("metric name %q is not a valid VictoriaMetrics/metrics identifier, [a-zA-Z_:.][a-zA-Z0-9_:.]*: the constructor panics; use letters, digits and underscores", name)
			return ps
		}
	case scheme == utf8Scheme:
		if !utf8.ValidString(name) {
			add("metric name %q is not valid UTF-8: the registry rejects it", name)
			return ps
		}
	default:
		if !validLegacyMetricName(name) {
			add("metric name %q has characters outside [a-zA-Z0-9_:]: Prometheus servers before 3.0 and the classic exposition format reject it; use underscores (or -metricname.scheme=utf8 if every consumer speaks UTF-8)", name)
			return ps
		}
	}
	if strings.Contains(name, ":") {
		add("metric name %q contains ':', which is reserved for recording rules: use '_'", name)
	}
	if hasCamelCase(name) {
		add("metric name %q is camelCase: Prometheus names are snake_case, %q", name, snakeCase(name))
	}
	total := strings.HasSuffix(name, "_total")
	switch {
	case k == apis.Counter && !total:
		add("counter %q does not end in _total: name it %q", name, name+"_total")
	case k != apis.Counter && k != apis.Untyped && k != apis.KindUnknown && total:
		add("%s %q ends in _total, which is reserved for counters: drop the suffix, or make it a counter", k, name)
	}
	if k == apis.Histogram || k == apis.Summary {
		for _, suf := range []string{"_bucket", "_count", "_sum"} {
			if strings.HasSuffix(name, suf) {
				add("%s %q ends in %s: client_golang appends _bucket, _count and _sum to a %s's name, so it exposes %s%s; drop the suffix", k, name, suf, k, name, suf)
			}
		}
	}
	if k != apis.Untyped && k != apis.KindUnknown {
		if k != apis.Histogram && k != apis.Summary && strings.HasSuffix(name, "_bucket") {
			add("%s %q ends in _bucket, which histograms use for their bucket series: rename it", k, name)
		}
		if k != apis.Histogram && k != apis.Summary {
			for _, suf := range []string{"_count", "_sum"} {
				if strings.HasSuffix(name, suf) {
					add("%s %q ends in %s, which histograms and summaries use for their own series: rename it", k, name, suf)
				}
			}
		}
		if w := typeWord(k); w != "" {
			n := strings.ToLower(name)
			if i := typeWordAt(n, w); i >= 0 && (taken == nil || !taken(name[:i]+name[i+len(w)+1:])) {
				add("%s %q has its type in its name: drop %q, the type is metadata", k, name, w)
			}
		}
	}
	if u, base, ok := nonBaseUnit(name); ok {
		add("metric name %q uses the unit %q: use the base unit %q and scale the value", name, u, base)
	}
	if a, ok := unitAbbreviation(name); ok {
		add("metric name %q abbreviates a unit (%q): spell it out in base units, e.g. _seconds or _bytes", name, a)
	}
	return ps
}

// labelNameProblems returns the syntax problems of a Prometheus label name
// of a metric of kind k.
func labelNameProblems(label, metric string, k apis.MetricKind, scheme nameScheme) []string {
	var ps []string
	add := func(format string, args ...any) { ps = append(ps, fmt.Sprintf(format, args...)) }
	of := ""
	if metric != "" {
		of = fmt.Sprintf(" of %q", metric)
	}
	switch {
	case label == "":
		add("label name%s is empty: the registry rejects it", of)
		return ps
	case scheme == legacyScheme && !validLegacyLabelName(label):
		add("label name %q%s has characters outside [a-zA-Z0-9_]: the registry rejects it under the legacy scheme; use underscores", label, of)
		return ps
	case scheme == utf8Scheme && !utf8.ValidString(label):
		add("label name %q%s is not valid UTF-8: the registry rejects it", label, of)
		return ps
	}
	if strings.HasPrefix(label, "__") {
		add("label name %q%s starts with __, which is reserved for Prometheus' internal labels: rename it", label, of)
	}
	if hasCamelCase(label) {
		add("label name %q%s is camelCase: Prometheus labels are snake_case, %q", label, of, snakeCase(label))
	}
	if label == "le" && k == apis.Histogram {
		add("histogram %q has a label \"le\": client_golang panics when it is constructed (le holds the bucket bounds); rename the label", metric)
	}
	if label == "quantile" && k == apis.Summary {
		add("summary %q has a label \"quantile\": client_golang panics when it is constructed (quantile holds the objectives); rename the label", metric)
	}
	if label == "le" && k != apis.Histogram && k != apis.KindUnknown && k != apis.Untyped {
		add("label name \"le\"%s is reserved for histogram buckets: rename it", of)
	}
	if label == "quantile" && k != apis.Summary && k != apis.KindUnknown && k != apis.Untyped {
		add("label name \"quantile\"%s is reserved for summary quantiles: rename it", of)
	}
	return ps
}

// otelNameError returns why name breaks the OTel metrics API's instrument
// name syntax, ALPHA 0*254 ("_" / "." / "-" / "/" / ALPHA / DIGIT), or "".
func otelNameError(name string) string {
	if name == "" {
		return "is empty"
	}
	if len(name) > 255 {
		return fmt.Sprintf("is %d characters long, the limit is 255", len(name))
	}
	if c := name[0]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
		return "does not start with a letter"
	}
	for i := 1; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("_.-/", c) >= 0) {
			r, _ := utf8.DecodeRuneInString(name[i:])
			return fmt.Sprintf("has the character %q, allowed are letters, digits and _ . - /", r)
		}
	}
	return ""
}

// unitWords maps UCUM units used with metric.WithUnit to the words that
// spell them out in a name.
var unitWords = map[string][]string{
	"s":    {"s", "sec", "secs", "second", "seconds"},
	"ms":   {"ms", "millis", "millisecond", "milliseconds"},
	"us":   {"us", "micros", "microsecond", "microseconds"},
	"ns":   {"ns", "nanos", "nanosecond", "nanoseconds"},
	"min":  {"min", "mins", "minute", "minutes"},
	"h":    {"h", "hour", "hours"},
	"d":    {"d", "day", "days"},
	"By":   {"by", "byte", "bytes"},
	"KiBy": {"kib", "kibibytes", "kibiby"},
	"MiBy": {"mib", "mebibytes", "mebiby"},
	"GiBy": {"gib", "gibibytes", "gibiby"},
	"KBy":  {"kb", "kilobytes", "kby"},
	"MBy":  {"mb", "megabytes", "mby"},
	"GBy":  {"gb", "gigabytes", "gby"},
	"bit":  {"bit", "bits"},
	"%":    {"percent", "pct"},
	"Cel":  {"celsius"},
	"Hz":   {"hz", "hertz"},
	"W":    {"watt", "watts"},
	"J":    {"joule", "joules"},
}

// otelConventionProblems returns the semantic-convention problems of an
// instrument name that has valid syntax. unit is the metric.WithUnit
// argument, or "" when none is given (or it is not a constant).
func otelConventionProblems(name, unit string) []string {
	var ps []string
	if strings.ToLower(name) != name {
		ps = append(ps, fmt.Sprintf("instrument name %q has upper-case letters: OpenTelemetry names are lower case, dot-separated, %q", name, otelSuggest(name)))
	}
	if strings.HasSuffix(name, "_total") || strings.HasSuffix(name, ".total") {
		ps = append(ps, fmt.Sprintf("instrument name %q ends in total: drop it, exporters to Prometheus add _total to counters themselves", name))
	}
	if unit != "" {
		last := name[strings.LastIndexAny(name, "._-/")+1:]
		for _, w := range unitWords[unit] {
			if strings.ToLower(last) == w {
				ps = append(ps, fmt.Sprintf("instrument name %q repeats its unit %q (metric.WithUnit): drop %q from the name, exporters append the unit where their format wants it", name, unit, last))
				break
			}
		}
	}
	return ps
}

// otelSuggest lower-cases a camelCase instrument name the OTel way.
func otelSuggest(name string) string {
	return strings.ReplaceAll(snakeCase(name), "_", ".")
}

// A vmLabel is one label of a VictoriaMetrics/metrics name.
type vmLabel struct {
	Name, Value string
}

// parseVMName splits a VictoriaMetrics/metrics name, `ident{k="v",...}`,
// with the library's own grammar (validateMetric): identifiers
// [a-zA-Z_:.][a-zA-Z0-9_:.]*, quoted values with backslash escapes, commas
// optionally followed by spaces. It returns an error where the library would
// panic.
func parseVMName(s string) (ident string, labels []vmLabel, err error) {
	if s == "" {
		return "", nil, fmt.Errorf("is empty")
	}
	n := strings.IndexByte(s, '{')
	if n < 0 {
		if !validVMIdent(s) {
			return s, nil, fmt.Errorf("has an invalid name %q", s)
		}
		return s, nil, nil
	}
	ident, s = s[:n], s[n+1:]
	if !validVMIdent(ident) {
		return ident, nil, fmt.Errorf("has an invalid name %q", ident)
	}
	if s == "" || s[len(s)-1] != '}' {
		return ident, nil, fmt.Errorf("lacks the closing }")
	}
	s = s[:len(s)-1]
	for s != "" {
		eq := strings.IndexByte(s, '=')
		if eq < 0 {
			return ident, labels, fmt.Errorf("lacks = after %q", s)
		}
		name := s[:eq]
		s = s[eq+1:]
		if !validVMIdent(name) {
			return ident, labels, fmt.Errorf("has an invalid label name %q", name)
		}
		if s == "" || s[0] != '"' {
			return ident, labels, fmt.Errorf("lacks the opening quote of the value of %q", name)
		}
		end := closingQuote(s[1:])
		if end < 0 {
			return ident, labels, fmt.Errorf("lacks the closing quote of the value of %q", name)
		}
		labels = append(labels, vmLabel{name, s[1 : 1+end]})
		s = s[end+2:]
		if s == "" {
			break
		}
		if s[0] != ',' {
			return ident, labels, fmt.Errorf("lacks , after the value of %q", name)
		}
		s = strings.TrimLeft(s[1:], " ")
		if s == "" {
			return ident, labels, fmt.Errorf("has a trailing ,")
		}
	}
	return ident, labels, nil
}

// closingQuote returns the index of the first '"' in s not escaped by an
// odd number of backslashes, or -1.
func closingQuote(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] != '"' {
			continue
		}
		j := i
		for j > 0 && s[j-1] == '\\' {
			j--
		}
		if (i-j)%2 == 0 {
			return i
		}
	}
	return -1
}

// A vmVerb is a formatting verb in a fmt.Sprintf format of a
// VictoriaMetrics/metrics name: the argument it consumes and where it lands.
type vmVerb struct {
	Arg   int    // index of the argument among the variadic ones
	Label string // the label whose value it formats, or "" when it formats the name itself
}

// parseVMFormat finds the verbs of a fmt.Sprintf format that builds a
// VictoriaMetrics/metrics name, and which label (or the name) each one
// formats. It gives up (ok false) on explicit argument indexes, '*' widths
// and verbs inside label names, where the mapping is not plain.
func parseVMFormat(format string) (verbs []vmVerb, ok bool) {
	// Replace every verb by a marker byte that cannot occur in a valid
	// name, parse the result as a name, then map markers back.
	const mark = '\x00'
	if strings.IndexByte(format, mark) >= 0 {
		return nil, false
	}
	var b strings.Builder
	arg := 0
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			b.WriteByte('%')
			continue
		}
		for i < len(format) && strings.IndexByte("+-# 0123456789.", format[i]) >= 0 {
			i++
		}
		if i >= len(format) || format[i] == '[' || format[i] == '*' {
			return nil, false
		}
		b.WriteByte(mark)
		arg++
	}
	if arg == 0 {
		return nil, true
	}
	s := b.String()
	ident := s
	rest := ""
	if n := strings.IndexByte(s, '{'); n >= 0 {
		ident, rest = s[:n], s[n:]
	}
	next := 0
	for range strings.Count(ident, string(mark)) {
		verbs = append(verbs, vmVerb{Arg: next, Label: ""})
		next++
	}
	if rest == "" {
		return verbs, true
	}
	// Walk the labels: name="value" pairs; markers may only be in values.
	r := rest[1:]
	if !strings.HasSuffix(r, "}") {
		return nil, false
	}
	r = r[:len(r)-1]
	for r != "" {
		eq := strings.IndexByte(r, '=')
		if eq < 0 || strings.IndexByte(r[:eq], mark) >= 0 {
			return nil, false
		}
		name := strings.TrimSpace(r[:eq])
		r = r[eq+1:]
		if r == "" || r[0] != '"' {
			// %q supplies its own quotes: the value is a single marker.
			if r != "" && r[0] == mark {
				verbs = append(verbs, vmVerb{Arg: next, Label: name})
				next++
				r = r[1:]
			} else {
				return nil, false
			}
		} else {
			end := closingQuote(r[1:])
			if end < 0 {
				return nil, false
			}
			for range strings.Count(r[1:1+end], string(mark)) {
				verbs = append(verbs, vmVerb{Arg: next, Label: name})
				next++
			}
			r = r[end+2:]
		}
		if r == "" {
			break
		}
		if r[0] != ',' {
			return nil, false
		}
		r = strings.TrimLeft(r[1:], " ")
	}
	if next != arg {
		return nil, false
	}
	return verbs, true
}
