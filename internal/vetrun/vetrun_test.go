package vetrun_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/o11ylint/o11ylint/internal/vetrun"
)

func TestParse(t *testing.T) {
	const out = `# example.com/m/a
{}
# example.com/m/b
{
	"example.com/m/b": {
		"goleak": [
			{
				"posn": "/m/b/b.go:9:2",
				"end": "/m/b/b.go:9:4",
				"category": "never-closed-range",
				"message": "goroutine ranges over ch",
				"related": [{"posn": "/m/b/b.go:13:1", "message": "returns here"}]
			}
		],
		"metricname": {"error": "boom"}
	}
}
b/c.go:3:1: syntax error: unexpected }
`
	res, err := vetrun.Parse(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("got %d findings, want 1: %+v", len(res.Findings), res.Findings)
	}
	f := res.Findings[0]
	if f.Package != "example.com/m/b" || f.Analyzer != "goleak" || f.Category != "never-closed-range" ||
		f.Posn != "/m/b/b.go:9:2" || f.End != "/m/b/b.go:9:4" || len(f.Related) != 1 || f.Related[0].Posn != "/m/b/b.go:13:1" {
		t.Errorf("finding = %+v", f)
	}
	if len(res.Errors) != 1 || res.Errors[0].Analyzer != "metricname" || res.Errors[0].Err != "boom" {
		t.Errorf("errors = %+v", res.Errors)
	}
	if len(res.Other) != 1 || !strings.Contains(res.Other[0], "syntax error") {
		t.Errorf("other = %q", res.Other)
	}
}

// TestE2E runs the engine on testdata/e2e and compares its findings with
// want.txt (the findings of every driver).
func TestE2E(t *testing.T) {
	if testing.Short() {
		t.Skip("builds o11ylint and runs go vet")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	tool := filepath.Join(t.TempDir(), "o11ylint")
	build := exec.Command("go", "build", "-o", tool, "./cmd/o11ylint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(root, "testdata", "e2e")
	res, err := vetrun.Run(context.Background(), dir, tool, []string{"./..."})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Other) > 0 || len(res.Errors) > 0 {
		t.Fatalf("unexpected errors: %q %+v", res.Other, res.Errors)
	}
	var got []string
	for _, f := range res.Findings {
		rel, _ := filepath.Rel(dir, f.Posn)
		got = append(got, rel+": "+f.Message)
	}
	slices.Sort(got)
	data, err := os.ReadFile(filepath.Join(dir, "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") && !strings.Contains(l, ": \t") {
			want = append(want, l)
		}
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings differ from want.txt\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}
