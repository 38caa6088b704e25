package metricname

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/VictoriaMetrics/metrics"

	"github.com/o11ylint/o11ylint/analyzers/internal/apis"
)

var (
	legacyNameRE = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	otelNameRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_./-]{0,254}$`)
)

var nameSeeds = []string{
	"", "a", "http_requests_total", "requestsTotal", "job:rate5m", "1abc", "a-b", "_x", ":x",
	"http.server.request.duration", "x_ms", "x_milliseconds", "x_kilobytes_total", "日本",
	"\xff", "a\x00b", "Checkout.Duration", strings.Repeat("a", 256),
}

// FuzzPromName checks the Prometheus name checks against the grammar's
// regular expression and that they never panic.
func FuzzPromName(f *testing.F) {
	for _, s := range nameSeeds {
		f.Add(s, uint8(apis.Counter))
	}
	f.Fuzz(func(t *testing.T, name string, kind uint8) {
		k := apis.MetricKind(int(kind) % (int(apis.UpDownCounter) + 1))
		if got, want := validLegacyMetricName(name), legacyNameRE.MatchString(name); got != want {
			t.Fatalf("validLegacyMetricName(%q) = %v, want %v", name, got, want)
		}
		legacy := promNameProblems(name, k, legacyScheme, false, nil)
		if (name == "" || !legacyNameRE.MatchString(name)) != (len(legacy) == 1 && (name == "" || strings.Contains(legacy[0], "characters outside"))) {
			t.Fatalf("promNameProblems(%q, legacy) = %q: validity disagrees with the grammar", name, legacy)
		}
		u := promNameProblems(name, k, utf8Scheme, false, nil)
		if name != "" && !utf8.ValidString(name) && (len(u) != 1 || !strings.Contains(u[0], "UTF-8")) {
			t.Fatalf("promNameProblems(%q, utf8) = %q: want the UTF-8 problem", name, u)
		}
		if legacyNameRE.MatchString(name) {
			if s := snakeCase(name); hasCamelCase(s) {
				t.Fatalf("snakeCase(%q) = %q is still camelCase", name, s)
			}
		}
		for _, p := range labelNameProblems(name, "m", k, legacyScheme) {
			if p == "" {
				t.Fatal("empty problem")
			}
		}
		_ = normaliseLabel(name)
	})
}

// FuzzOTelName checks the OTel instrument name syntax against the API's ABNF.
func FuzzOTelName(f *testing.F) {
	for _, s := range nameSeeds {
		f.Add(s, "s")
	}
	f.Fuzz(func(t *testing.T, name, unit string) {
		why := otelNameError(name)
		if (why == "") != otelNameRE.MatchString(name) {
			t.Fatalf("otelNameError(%q) = %q, ABNF match = %v", name, why, otelNameRE.MatchString(name))
		}
		if why == "" {
			_ = otelConventionProblems(name, unit)
		}
	})
}

// vmAccepts reports whether VictoriaMetrics/metrics accepts name: the
// library panics on an invalid one.
func vmAccepts(name string) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	metrics.NewSet().GetOrCreateCounter(name)
	return true
}

// FuzzVMName checks parseVMName against the library itself: it must accept
// exactly what VictoriaMetrics/metrics accepts, and the labels it returns
// must rebuild the name.
func FuzzVMName(f *testing.F) {
	for _, s := range []string{
		``, `a`, `a{}`, `a{b="c"}`, `a{b="c", d="e"}`, `a{b="c\"d"}`, `a{b="c\\"}`, `a{b="c"`, `a{b=c}`,
		`a{b="c",}`, `a.b{c.d="e"}`, `1a`, `a{="x"}`, `a{b="c"d="e"}`, `{a="b"}`, `a{b="}"}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ident, labels, err := parseVMName(s)
		if got, want := err == nil, vmAccepts(s); got != want {
			t.Fatalf("parseVMName(%q) err = %v, library accepts = %v", s, err, want)
		}
		if err != nil {
			return
		}
		if !validVMIdent(ident) {
			t.Fatalf("parseVMName(%q) ident %q is invalid", s, ident)
		}
		for _, l := range labels {
			if !validVMIdent(l.Name) || !strings.Contains(s, l.Name+`="`+l.Value+`"`) {
				t.Fatalf("parseVMName(%q) label %+v not in the input", s, l)
			}
		}
	})
}

// FuzzVMFormat checks that parseVMFormat never panics and, when it maps the
// verbs, maps each argument exactly once, in order.
func FuzzVMFormat(f *testing.F) {
	for _, s := range []string{
		`a{b=%q}`, `a{b="%s"}`, `a_%s{b="%d",c="x"}`, `%s`, `a{b="%s-%d"}`, `a{%s="x"}`, `a{b=%[1]q}`,
		`a{b="%*d"}`, `100%%{b="%s"}`, `a{b=%q, c=%q}`, `a{b="%`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, format string) {
		verbs, ok := parseVMFormat(format)
		if !ok {
			return
		}
		for i, v := range verbs {
			if v.Arg != i {
				t.Fatalf("parseVMFormat(%q) = %+v: argument %d out of order", format, verbs, i)
			}
		}
	})
}

func TestPromNameProblems(t *testing.T) {
	for _, tc := range []struct {
		name string
		kind apis.MetricKind
		want []string // substrings, in order
	}{
		{"http_requests_total", apis.Counter, nil},
		{"http_requests", apis.Counter, []string{"does not end in _total"}},
		{"queue_total", apis.Gauge, []string{"reserved for counters"}},
		{"queue_total", apis.Untyped, nil},
		{"queue_total", apis.KindUnknown, nil},
		{"latency_ms", apis.Histogram, []string{`abbreviates a unit ("ms")`}},
		{"size_kilobytes", apis.Gauge, []string{`uses the unit "kilobytes": use the base unit "bytes"`}},
		{"rpc_duration_seconds", apis.Summary, nil},
		{"rpc_duration_seconds_count", apis.Summary, []string{"exposes rpc_duration_seconds_count_count"}},
		{"x_bucket", apis.Summary, []string{"exposes x_bucket_bucket"}},
		{"x_sum", apis.Histogram, []string{"exposes x_sum_sum"}},
		{"open_files_count", apis.Gauge, []string{"ends in _count, which histograms"}},
		{"days_processed_total", apis.Counter, nil},
		{"retention_days", apis.Gauge, []string{`uses the unit "days": use the base unit "seconds"`}},
		{"cpu_minutes_total", apis.Counter, []string{`uses the unit "minutes"`}},
		{"ms_spent_total", apis.Counter, nil},
		{"dns_lookup_ms_total", apis.Counter, []string{`abbreviates a unit ("ms")`}},
		{"requestCount_total", apis.Counter, []string{"camelCase"}},
		{"a:b", apis.Gauge, []string{"reserved for recording rules"}},
		{"a.b", apis.Gauge, []string{"characters outside"}},
		{"", apis.Gauge, []string{"empty"}},
	} {
		got := promNameProblems(tc.name, tc.kind, legacyScheme, false, nil)
		if len(got) != len(tc.want) {
			t.Errorf("promNameProblems(%q, %v) = %q, want %d problems", tc.name, tc.kind, got, len(tc.want))
			continue
		}
		for i := range got {
			if !strings.Contains(got[i], tc.want[i]) {
				t.Errorf("promNameProblems(%q, %v)[%d] = %q, want it to contain %q", tc.name, tc.kind, i, got[i], tc.want[i])
			}
		}
	}
	if got := promNameProblems("a.b", apis.Gauge, utf8Scheme, false, nil); len(got) != 0 {
		t.Errorf("utf8 scheme: %q", got)
	}
}

func TestBuildFQName(t *testing.T) {
	for _, tc := range [][4]string{
		{"ns", "sub", "name", "ns_sub_name"},
		{"", "sub", "name", "sub_name"},
		{"ns", "", "name", "ns_name"},
		{"ns", "sub", "", ""},
		{"", "", "name", "name"},
	} {
		if got := buildFQName(tc[0], tc[1], tc[2]); got != tc[3] {
			t.Errorf("buildFQName(%q, %q, %q) = %q, want %q", tc[0], tc[1], tc[2], got, tc[3])
		}
	}
}

func TestNormaliseLabel(t *testing.T) {
	for in, want := range map[string]string{
		"userID": "user_id", "user.id": "user_id", "user-id": "user_id", "UserId": "user_id",
		"HTTPStatus": "http_status", "trace_id": "trace_id", "traceID": "trace_id", "code": "code",
	} {
		if got := normaliseLabel(in); got != want {
			t.Errorf("normaliseLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseVMFormat(t *testing.T) {
	verbs, ok := parseVMFormat(`req_%s_total{path=%q,code="%d"}`)
	want := []vmVerb{{0, ""}, {1, "path"}, {2, "code"}}
	if !ok || len(verbs) != len(want) {
		t.Fatalf("parseVMFormat = %+v, %v", verbs, ok)
	}
	for i := range want {
		if verbs[i] != want[i] {
			t.Errorf("verb %d = %+v, want %+v", i, verbs[i], want[i])
		}
	}
}
