package sarif_test

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	// The OASIS SARIF 2.1.0 (errata01) schema ships inside go-sarif; the
	// blank import pins the module in go.mod so the test can read it.
	_ "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif"
	"github.com/xeipuuv/gojsonschema"

	"github.com/o11ylint/o11ylint/internal/sarif"
)

// schema returns the SARIF 2.1.0 JSON schema text from the go-sarif module.
func schema(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/owenrumney/go-sarif/v3/pkg/report/v210/sarif").Output()
	if err != nil {
		t.Fatalf("locating go-sarif: %v", err)
	}
	file := filepath.Join(strings.TrimSpace(string(out)), "schema.go")
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if vs.Names[0].Name == "schema" {
				s, err := strconv.Unquote(vs.Values[0].(*ast.BasicLit).Value)
				if err != nil {
					t.Fatal(err)
				}
				return s
			}
		}
	}
	t.Fatal("no schema constant in go-sarif")
	return ""
}

// driverJSON builds the driver's -json output for one finding in file.
func driverJSON(file string, line, col int) []byte {
	posn := fmt.Sprintf("%s:%d:%d", file, line, col)
	tree := map[string]map[string]any{
		"example.com/p": {
			"goleak": []map[string]any{{
				"category": "abandoned-send",
				"posn":     posn,
				"end":      fmt.Sprintf("%s:%d:%d", file, line, col+2),
				"message":  "goroutine blocks forever on send to ch",
				"related":  []map[string]any{{"posn": fmt.Sprintf("%s:%d:1", file, line), "end": fmt.Sprintf("%s:%d:1", file, line), "message": "goroutine started here"}},
				"suggested_fixes": []map[string]any{{
					"message": "make ch buffered",
					"edits":   []map[string]any{{"filename": file, "start": 3, "end": 5, "new": "xy"}},
				}},
			}},
			"ctxcancel": map[string]any{"error": "internal error: something broke"},
		},
	}
	data, _ := json.Marshal(tree)
	return data
}

func TestSchemaValid(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "pkg", "a.go")
	os.MkdirAll(filepath.Dir(file), 0o755)
	os.WriteFile(file, []byte("package a\n\tx := \"é😀\" + ch\n"), 0o644)
	log, err := sarif.Convert(driverJSON(file, 2, 17), root, "v0.0.0-test")
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(log)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewStringLoader(schema(t)), gojsonschema.NewBytesLoader(data))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("schema: %s", e)
	}

	run := log.Runs[0]
	if len(run.Results) != 1 {
		t.Fatalf("got %d results, want 1", len(run.Results))
	}
	r := run.Results[0]
	if r.RuleID != "goleak/abandoned-send" || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
		t.Errorf("rule id %q at index %d, want goleak/abandoned-send", r.RuleID, r.RuleIndex)
	}
	loc := r.Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "pkg/a.go" || loc.ArtifactLocation.URIBaseID != "%SRCROOT%" {
		t.Errorf("artifact = %+v, want pkg/a.go relative to %%SRCROOT%%", loc.ArtifactLocation)
	}
	// Byte column 17 of "\tx := \"é😀\" + ch" is the space before ch: 16
	// bytes precede it, 7 ASCII, é (2 bytes, 1 unit), 😀 (4 bytes, 2 units)
	// and 3 ASCII, so 13 UTF-16 units precede it: column 14.
	if want := 7 + 1 + 2 + 3 + 1; loc.Region.StartColumn != want {
		t.Errorf("start column = %d UTF-16 units, want %d", loc.Region.StartColumn, want)
	}
	if len(r.RelatedLocations) != 1 || len(r.Fixes) != 1 {
		t.Errorf("related = %d, fixes = %d; want 1 and 1", len(r.RelatedLocations), len(r.Fixes))
	}
	if inv := run.Invocations[0]; inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
		t.Errorf("the analyzer error should be a notification of an unsuccessful run: %+v", inv)
	}
}

func TestUTF16Len(t *testing.T) {
	for s, want := range map[string]int{"": 0, "abc": 3, "é": 1, "😀": 2, "a😀é": 4} {
		if got := sarif.UTF16Len(s); got != want {
			t.Errorf("UTF16Len(%q) = %d, want %d", s, got, want)
		}
	}
}
