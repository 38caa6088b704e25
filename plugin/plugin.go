// Package plugin registers o11ylint's analyzers as golangci-lint v2 module
// plugins (github.com/golangci/plugin-module-register).
//
// Every analyzer of the suite (suite.Analyzers) is registered as its own
// plugin, under its name in lower case: goleak, ctxcancel, metricname,
// spanname, sa1012, sa1029. One plugin per analyzer, rather than one
// "o11ylint" plugin running the whole suite, because golangci-lint names a
// finding after the plugin that produced it: with one plugin per analyzer
// the linter name in golangci-lint's output, in its SARIF rule ids, in its
// enable/disable lists and in //nolint:NAME directives is the analyzer's own
// name, exactly as in o11ylint's CLI, go vet and editor diagnostics.
//
// Settings are the analyzer's flags: the key is the flag name without the
// analyzer prefix (the CLI's -metricname.scheme=utf8 is `scheme: utf8`
// under the metricname plugin) and the value a string, boolean, number or
// list of those (a list is joined with commas, as the CLI takes it).
// Unknown keys and invalid values are errors. There is no second
// description of the configuration: the analyzer's flag set is the only one.
//
// Suppression: o11ylint's analyzers apply //nolint:NAME[/RULE] and
// //lint:ignore NAME reason themselves, so a suppressed finding never reaches
// golangci-lint; golangci-lint's own //nolint processing applies on top
// (it lower-cases names, so //nolint:sa1012 is golangci-lint's and
// //nolint:SA1012 both's). A directive that only o11ylint used looks unused
// to golangci-lint's nolintlint; contrib/golangci/.golangci.yml excludes
// those reports, and docs/editors.md has the details.
//
// Flag values are process-wide, as in every analysis driver (an analyzer
// reads its configuration from variables bound to its flag set). New
// therefore puts every flag of its analyzer back to its default before it
// applies the settings, so the configuration is exactly what the latest
// New was given; golangci-lint calls New once per configured linter, and as
// no two plugins share an analyzer no setting can leak from one linter to
// another.
package plugin

import (
	"flag"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/o11ylint/o11ylint/suite"
)

func init() {
	for _, a := range suite.Analyzers() {
		register.Plugin(Name(a), func(conf any) (register.LinterPlugin, error) {
			p, err := New(a, conf)
			if err != nil {
				return nil, err
			}
			return p, nil
		})
	}
}

// Name returns the golangci-lint linter name of analyzer a: its name in
// lower case (golangci-lint lower-cases linter names in configuration and
// //nolint directives).
func Name(a *analysis.Analyzer) string { return strings.ToLower(a.Name) }

// Settings are one linter's settings as decoded from .golangci.yml:
// analyzer flag name -> value.
type Settings map[string]any

// Plugin is one analyzer as a golangci-lint linter.
type Plugin struct {
	analyzer *analysis.Analyzer
}

// BuildAnalyzers returns the plugin's analyzer.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	return []*analysis.Analyzer{p.analyzer}, nil
}

// GetLoadMode returns register.LoadModeTypesInfo: the analyzers need types
// and build SSA.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

var flagsMu sync.Mutex // New may in principle be called concurrently

// New returns the plugin for analyzer a configured with conf, the raw
// settings golangci-lint decoded from .golangci.yml (nil for none).
func New(a *analysis.Analyzer, conf any) (*Plugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", Name(a), err)
	}
	values, err := FlagValues(a, s)
	if err != nil {
		return nil, err
	}
	flagsMu.Lock()
	defer flagsMu.Unlock()
	var errs []string
	a.Flags.VisitAll(func(f *flag.Flag) {
		if v, ok := values[f.Name]; ok {
			if err := a.Flags.Set(f.Name, v); err != nil {
				errs = append(errs, fmt.Sprintf("%s: setting %s: invalid value %q: %v", Name(a), f.Name, v, err))
			}
			return
		}
		// Back to the default, unless it is there already (Set of a
		// default is not a no-op for every flag.Value, e.g. lists).
		if f.Value.String() != f.DefValue {
			if err := a.Flags.Set(f.Name, f.DefValue); err != nil {
				errs = append(errs, fmt.Sprintf("%s: resetting %s: %v", Name(a), f.Name, err))
			}
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return &Plugin{analyzer: a}, nil
}

// FlagValues converts settings into flag values of analyzer a, keyed by
// flag name. Keys match flag names case-insensitively (golangci-lint's
// configuration loader lower-cases keys).
func FlagValues(a *analysis.Analyzer, s Settings) (map[string]string, error) {
	byLower := make(map[string]string)
	var names []string
	a.Flags.VisitAll(func(f *flag.Flag) {
		byLower[strings.ToLower(f.Name)] = f.Name
		names = append(names, f.Name)
	})
	values := make(map[string]string)
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		name, ok := byLower[strings.ToLower(k)]
		if !ok {
			if len(names) == 0 {
				return nil, fmt.Errorf("%s: unknown setting %q: the analyzer has no settings", Name(a), k)
			}
			return nil, fmt.Errorf("%s: unknown setting %q: known settings are %s (see o11ylint help %s)", Name(a), k, strings.Join(names, ", "), a.Name)
		}
		v, err := flagValue(s[k])
		if err != nil {
			return nil, fmt.Errorf("%s: setting %s: %v", Name(a), k, err)
		}
		values[name] = v
	}
	return values, nil
}

// flagValue renders a decoded YAML/JSON value as a command-line flag value.
func flagValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case bool:
		return strconv.FormatBool(v), nil
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case []any:
		parts := make([]string, len(v))
		for i, e := range v {
			if _, ok := e.([]any); ok {
				return "", fmt.Errorf("a list inside a list is not a flag value")
			}
			s, err := flagValue(e)
			if err != nil {
				return "", err
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	case nil:
		return "", fmt.Errorf("no value")
	default:
		return "", fmt.Errorf("a %T is not a flag value: use a string, boolean, number or list", v)
	}
}
