package suite_test

import (
	"strings"
	"testing"

	"github.com/o11ylint/o11ylint/suite"
)

// TestSuite checks the analyzer list against the rule catalogue: unique
// names, a Doc and a URL for every analyzer, a catalogue entry for every
// analyzer and an analyzer for every catalogue entry.
func TestSuite(t *testing.T) {
	names := make(map[string]bool)
	for _, a := range suite.Analyzers() {
		if names[a.Name] {
			t.Errorf("analyzer %s is listed twice", a.Name)
		}
		names[a.Name] = true
		if strings.TrimSpace(a.Doc) == "" {
			t.Errorf("analyzer %s has no Doc", a.Name)
		}
		if a.URL == "" && !strings.HasPrefix(a.Name, "SA") {
			t.Errorf("analyzer %s has no URL", a.Name)
		}
		if a.Flags.Lookup("generated") == nil {
			t.Errorf("analyzer %s has no -generated flag", a.Name)
		}
	}
	for _, want := range []string{"goleak", "ctxcancel", "metricname", "spanname", "SA1012", "SA1029"} {
		if !names[want] {
			t.Errorf("the suite lacks %s", want)
		}
	}
	inCatalogue := make(map[string]bool)
	for _, r := range suite.Rules {
		inCatalogue[r.Analyzer] = true
		if !names[r.Analyzer] {
			t.Errorf("rule %s belongs to no analyzer of the suite", r.ID())
		}
	}
	for name := range names {
		if !inCatalogue[name] {
			t.Errorf("analyzer %s has no rule in suite.Rules", name)
		}
	}
}

// TestDisable checks that every analyzer's -disable flag accepts exactly the
// rules of the catalogue: each of them, and no unknown name.
func TestDisable(t *testing.T) {
	for _, a := range suite.Analyzers() {
		f := a.Flags.Lookup("disable")
		if f == nil {
			t.Errorf("analyzer %s has no -disable flag", a.Name)
			continue
		}
		for _, r := range suite.Rules {
			if r.Analyzer != a.Name || r.Name == "" {
				continue
			}
			if err := f.Value.Set(r.Name); err != nil {
				t.Errorf("-%s.disable=%s: %v", a.Name, r.Name, err)
			}
		}
		err := f.Value.Set("no-such-rule")
		if err == nil || !strings.Contains(err.Error(), `unknown rule "no-such-rule"`) {
			t.Errorf("-%s.disable=no-such-rule: got %v, want an unknown rule error", a.Name, err)
		}
		if err := f.Value.Set(""); err != nil {
			t.Errorf("-%s.disable=: %v", a.Name, err)
		}
	}
}
