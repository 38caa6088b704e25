package docgen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/o11ylint/o11ylint/suite"
)

// TestDocsUpToDate checks that docs/<analyzer>.md is the rendering of the
// analyzer's package documentation. Run `go run ./internal/docgen/gen` after
// changing a doc.go.
func TestDocsUpToDate(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, name := range Analyzers {
		if _, err := os.Stat(filepath.Join(root, "analyzers", name, "doc.go")); err != nil {
			t.Logf("%s: no doc.go yet", name)
			continue
		}
		want, err := Page(root, name)
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(root, "docs", name+".md"))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/%s.md is not up to date with analyzers/%s/doc.go: run `go run ./internal/docgen/gen`", name, name)
		}
	}
}

// TestEveryRuleDocumented checks that every rule of the catalogue has its
// section (and so its anchor) in the analyzer's page.
func TestEveryRuleDocumented(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, r := range suite.Rules {
		if r.Name == "" {
			continue // staticcheck's passes are documented by staticcheck
		}
		if _, err := os.Stat(filepath.Join(root, "analyzers", r.Analyzer, "doc.go")); err != nil {
			continue
		}
		page, err := Page(root, r.Analyzer)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(page, []byte("\n## "+r.Name+"\n")) {
			t.Errorf("analyzers/%s/doc.go has no \"# %s\" section: the rule's help URI %s leads nowhere", r.Analyzer, r.Name, r.HelpURI())
		}
	}
}
