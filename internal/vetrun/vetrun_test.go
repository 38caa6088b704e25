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

// TestRunBuildError runs the engine on testdata/badinput, where one package
// does not type-check: the others are analyzed, and the failed one is named
// with its error.
func TestRunBuildError(t *testing.T) {
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
	res, err := vetrun.Run(context.Background(), filepath.Join(root, "testdata", "badinput"), tool, []string{"./typeerr", "./cgo"})
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode == 0 || !slices.Equal(res.Failed, []string{"example.com/badinput/typeerr"}) {
		t.Errorf("exit %d, failed %q: want non-zero and the typeerr package", res.ExitCode, res.Failed)
	}
	if !slices.ContainsFunc(res.Other, func(l string) bool { return strings.Contains(l, "undefined: undefinedThing") }) {
		t.Errorf("other = %q, want the type error", res.Other)
	}
	if len(res.Findings) != 1 || res.Findings[0].Package != "example.com/badinput/cgo" {
		t.Errorf("findings = %+v, want cgo's one", res.Findings)
	}
}

// TestCacheReanalyzesOnlyTheChange checks what the engine relies on: a
// second go vet run answers every package from cmd/go's cache, and after a
// change to one file of the leaf package helper only helper is analyzed
// again (its facts are unchanged, so its dependent app stays cached). The
// tool runs are counted from go vet -x, which prints each run's vet.cfg.
func TestCacheReanalyzesOnlyTheChange(t *testing.T) {
	if testing.Short() {
		t.Skip("builds o11ylint and runs go vet")
	}
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	tmp := t.TempDir()
	tool := filepath.Join(tmp, "o11ylint")
	build := exec.Command("go", "build", "-o", tool, "./cmd/o11ylint")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(tmp, "e2e")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "testdata", "e2e"))); err != nil {
		t.Fatal(err)
	}
	// A flag value of this run only, so that earlier runs' cache entries
	// cannot answer the first run.
	nonce := "-metricname.labels=nonce" + filepath.Base(tmp)
	analyzed := func() []string {
		cmd := exec.Command("go", "vet", "-x", "-vettool="+tool, nonce, "./...")
		cmd.Dir = dir
		out, _ := cmd.CombinedOutput()
		var pkgs []string
		for _, l := range strings.Split(string(out), "\n") {
			if p, ok := strings.CutPrefix(strings.TrimSpace(l), `"ImportPath": "`); ok {
				pkgs = append(pkgs, strings.TrimSuffix(p, `",`))
			}
		}
		return pkgs
	}
	if first := analyzed(); !slices.Contains(first, "example.com/e2e/app") || !slices.Contains(first, "example.com/e2e/helper") {
		t.Fatalf("first run analyzed %q, want app and helper among them", first)
	}
	if second := analyzed(); len(second) != 0 {
		t.Errorf("second run analyzed %q, want nothing (all cached)", second)
	}
	f, err := os.OpenFile(filepath.Join(dir, "helper", "helper.go"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\n// touched\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if third := analyzed(); !slices.Equal(third, []string{"example.com/e2e/helper"}) {
		t.Errorf("after touching helper/helper.go the run analyzed %q, want only example.com/e2e/helper", third)
	}
}
