package plugin_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/plugin"
	"github.com/o11ylint/o11ylint/suite"
)

// Every analyzer of the suite is a plugin of its own, under its lower-case
// name, building exactly that analyzer with types info.
func TestEveryAnalyzerRegistered(t *testing.T) {
	for _, a := range suite.Analyzers() {
		newPlugin, err := register.GetPlugin(strings.ToLower(a.Name))
		if err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		p, err := newPlugin(nil)
		if err != nil {
			t.Fatalf("%s: new plugin without settings: %v", a.Name, err)
		}
		as, err := p.BuildAnalyzers()
		if err != nil || len(as) != 1 || as[0] != a {
			t.Errorf("%s: BuildAnalyzers() = %v, %v; want the suite's analyzer", a.Name, as, err)
		}
		if p.GetLoadMode() != register.LoadModeTypesInfo {
			t.Errorf("%s: load mode %q", a.Name, p.GetLoadMode())
		}
	}
}

// testAnalyzer has one flag of each common shape.
func testAnalyzer() (*analysis.Analyzer, *string, *bool, *int) {
	a := &analysis.Analyzer{Name: "Demo", Doc: "demo", Run: func(*analysis.Pass) (any, error) { return nil, nil }}
	scheme := a.Flags.String("scheme", "legacy", "")
	gen := a.Flags.Bool("generated", false, "")
	n := a.Flags.Int("max", 3, "")
	a.Flags.String("labels", "", "")
	return a, scheme, gen, n
}

func TestSettingsSetFlags(t *testing.T) {
	a, scheme, gen, n := testAnalyzer()
	// As golangci-lint hands them over: YAML decoded into maps, keys lower-cased.
	conf := map[string]any{"scheme": "utf8", "generated": true, "max": 7, "labels": []any{"tenant", "customer"}}
	if _, err := plugin.New(a, conf); err != nil {
		t.Fatal(err)
	}
	if *scheme != "utf8" || !*gen || *n != 7 || a.Flags.Lookup("labels").Value.String() != "tenant,customer" {
		t.Errorf("flags after settings: scheme=%q generated=%v max=%d labels=%q", *scheme, *gen, *n, a.Flags.Lookup("labels").Value)
	}
	// A later configuration without settings puts every flag back to its default.
	if _, err := plugin.New(a, nil); err != nil {
		t.Fatal(err)
	}
	if *scheme != "legacy" || *gen || *n != 3 || a.Flags.Lookup("labels").Value.String() != "" {
		t.Errorf("flags after reset: scheme=%q generated=%v max=%d labels=%q", *scheme, *gen, *n, a.Flags.Lookup("labels").Value)
	}
}

func TestSettingsErrors(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"schema": "utf8"}, `demo: unknown setting "schema": known settings are generated, labels, max, scheme`},
		{map[string]any{"max": "many"}, `demo: setting max: invalid value "many"`},
		{map[string]any{"scheme": map[string]any{"a": 1}}, `demo: setting scheme: a map[string]interface {} is not a flag value`},
		{map[string]any{"labels": []any{[]any{"a"}}}, `demo: setting labels: a list inside a list`},
		{"scheme", `demo: decoding settings`},
	} {
		a, _, _, _ := testAnalyzer()
		_, err := plugin.New(a, tc.conf)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("New(%v) error = %v, want it to contain %q", tc.conf, err, tc.want)
		}
	}
}

// The suite's third-party passes carry o11ylint's -NAME.generated flag,
// which the plugin exposes as the setting "generated".
func TestSuiteFlagsReachable(t *testing.T) {
	for _, a := range suite.Analyzers() {
		if a.Flags.Lookup("generated") == nil {
			continue
		}
		newPlugin, _ := register.GetPlugin(plugin.Name(a))
		if _, err := newPlugin(map[string]any{"generated": true}); err != nil {
			t.Fatalf("%s: %v", a.Name, err)
		}
		if got := a.Flags.Lookup("generated").Value.(flag.Getter).Get(); got != true {
			t.Errorf("%s: generated = %v after settings", a.Name, got)
		}
		if _, err := newPlugin(nil); err != nil {
			t.Fatal(err)
		}
		if got := a.Flags.Lookup("generated").Value.(flag.Getter).Get(); got != false {
			t.Errorf("%s: generated = %v after reset", a.Name, got)
		}
	}
}
