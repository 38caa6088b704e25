// Package docgen renders each analyzer's package documentation (its doc.go,
// the user's manual) as docs/<analyzer>.md, so that the pages that
// Analyzer.URL and the SARIF help URIs point at say exactly what `go doc`
// says. Every rule is a "# rule-name" heading in doc.go, which becomes the
// "#rule-name" anchor of the page.
//
// Regenerate with `go run ./internal/docgen/gen` from the repository root;
// TestDocsUpToDate fails when a page is stale.
package docgen

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"path/filepath"
)

// Analyzers are the analyzer packages that get a page, relative to the
// repository root.
var Analyzers = []string{"goleak", "ctxcancel", "metricname", "spanname", "sa1029"}

// Page renders the package documentation of analyzers/<name> under root.
func Page(root, name string) ([]byte, error) {
	dir := filepath.Join(root, "analyzers", name)
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "doc.go"), nil, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return nil, err
	}
	files := []*ast.File{f}
	dpkg, err := doc.NewFromFiles(fset, files, "github.com/o11ylint/o11ylint/analyzers/"+name)
	if err != nil {
		return nil, err
	}
	p := dpkg.Parser()
	d := p.Parse(dpkg.Doc)
	// No explicit heading IDs: GitHub derives "#abandoned-send" from the
	// heading text itself and would show {#...} literally.
	pr := &comment.Printer{
		HeadingLevel: 2,
		HeadingID:    func(*comment.Heading) string { return "" },
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "<!-- Generated from analyzers/%s/doc.go by `go run ./internal/docgen/gen`. DO NOT EDIT. -->\n\n", name)
	fmt.Fprintf(&buf, "# %s\n\n", name)
	buf.Write(pr.Markdown(d))
	fmt.Fprintf(&buf, suffix, name)
	return buf.Bytes(), nil
}

// suffix is the part of every page that is the same for all analyzers.
const suffix = `
## Suppressing findings

` + "```go" + `
//nolint:%[1]s // reason
//nolint:%[1]s/RULE // one rule only
//lint:ignore %[1]s reason
` + "```" + `

A directive covers its own line, the next line when it stands alone on its line (every line of a
statement or expression that starts there in the directive's column, as golangci-lint reads it), and a
whole declaration when it is in the declaration's doc comment. Generated files are skipped unless
` + "`-%[1]s.generated`" + ` is set.

## malformed-directive

A suppression directive that names %[1]s but cannot be applied is reported rather than silently
ignored: ` + "`//nolint: %[1]s`" + ` (a space after the colon), ` + "`//lint:ignore %[1]s`" + ` without a reason,
an empty name in a ` + "`//nolint:`" + ` list. Fix the directive.

## Running only this analyzer

` + "```sh" + `
o11ylint -%[1]s ./...
go vet -vettool=$(which o11ylint) -%[1]s ./...
` + "```" + `
`
