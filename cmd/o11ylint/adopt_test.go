package main_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const adoptOld = `package m

import (
	"context"
	"time"
)

func Old(ctx context.Context) {
	ctx, _ = context.WithTimeout(ctx, time.Second)
	_ = ctx
}

func OldLeak(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
`

const adoptNew = `
func NewLeak(ctx context.Context) (int, error) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
`

var gitEnv = []string{
	"GIT_AUTHOR_NAME=o11ylint test", "GIT_AUTHOR_EMAIL=test@example.com",
	"GIT_COMMITTER_NAME=o11ylint test", "GIT_COMMITTER_EMAIL=test@example.com",
	"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
}

// TestAdopt commits a module with findings, records a baseline, then adds a
// leaking function and inserts lines above the old findings: -new-from-rev
// and -baseline must each report exactly the new function's finding.
func TestAdopt(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	git := func(args ...string) {
		t.Helper()
		if out, code := run(t, dir, gitEnv, "git", args...); code != 0 {
			t.Fatalf("git %v: %s", args, out)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("a.go", adoptOld)
	// A test file: findings in a.go come twice from the in-process driver
	// (-engine=load), once for the package and once for its test variant,
	// and count once; go vet analyzes only the test variant.
	write("a_test.go", "package m\n\nimport \"testing\"\n\nfunc TestNothing(t *testing.T) {}\n")
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "init")

	out, code := run(t, dir, nil, bin, "./...")
	if old := findings(t, dir, out); code != 3 || len(old) != 5 {
		t.Fatalf("first run: exit %d, want 3 and two findings with three related lines:\n%s", code, out)
	}
	if out, code := run(t, dir, nil, bin, "-write-baseline=base.json", "./..."); code != 0 {
		t.Fatalf("-write-baseline: exit %d:\n%s", code, out)
	}

	write("a.go", strings.Replace(adoptOld, "func Old(", "// inserted\n// lines\nfunc Old(", 1)+adoptNew)
	want := []string{
		"a.go:28:2: \tgoroutine started here",
		"a.go:28:17: goroutine blocks forever on send to ch when the select at line 29 takes case <-ctx.Done() once the function returns at line 33 without receiving: make ch buffered for every sender, make(chan int, 1)",
		"a.go:32:7: \tthis case leaves the send unreceived",
		"a.go:33:3: \treturns here without receiving from ch",
	}
	slices.Sort(want)
	for _, args := range [][]string{
		{"-new-from-rev=HEAD", "./..."},
		{"-new-from-rev", "HEAD", "./..."},
		{"-new-from-merge-base=HEAD", "./..."},
		{"-baseline=base.json", "./..."},
		{"-engine=load", "-baseline=base.json", "./..."},
		{"-baseline=base.json", "-engine", "load", "./..."},
	} {
		out, code := run(t, dir, nil, bin, args...)
		if got := findings(t, dir, out); code != 3 || !slices.Equal(got, want) {
			t.Errorf("%v: exit %d, want 3; findings\n%s\nwant\n%s\noutput:\n%s", args, code, strings.Join(got, "\n"), strings.Join(want, "\n"), out)
		}
	}

	// -json keeps the driver's tree shape with only the new finding: once,
	// under the package go vet analyzed (its test variant, named by its
	// import path); the in-process driver reports it for the package and
	// for its test variant.
	out, code = run(t, dir, nil, bin, "-baseline=base.json", "-json", "./...")
	if code != 0 || strings.Count(out, `"category": "abandoned-send"`) != 1 || strings.Count(out, `"category"`) != 1 ||
		!strings.Contains(out, `"example.com/m"`) {
		t.Errorf("-baseline -json: exit %d, want 0 (as the driver's -json) and the new finding once:\n%s", code, out)
	}
	out, code = run(t, dir, nil, bin, "-engine=load", "-baseline=base.json", "-json", "./...")
	if code != 0 || strings.Count(out, `"category": "abandoned-send"`) != 2 || strings.Count(out, `"category"`) != 2 ||
		!strings.Contains(out, `"example.com/m"`) || !strings.Contains(out, `"example.com/m [example.com/m.test]"`) {
		t.Errorf("-engine=load -baseline -json: exit %d, want 0 (as the driver's -json) and the new finding in the package and its test variant:\n%s", code, out)
	}
	out, code = run(t, dir, nil, bin, "-new-from-rev=HEAD", "-sarif", "./...")
	if code != 0 || strings.Count(out, `"ruleId"`) != 1 || !strings.Contains(out, `"goleak/abandoned-send"`) {
		t.Errorf("-new-from-rev -sarif: exit %d, want 0 and one result:\n%s", code, out)
	}

	// Fixing an old finding is reported, so the baseline can shrink.
	write("a.go", strings.Replace(adoptOld, "ctx, _ = context.WithTimeout(ctx, time.Second)\n\t_ = ctx", "_ = time.Second", 1))
	out, code = run(t, dir, nil, bin, "-baseline=base.json", "./...")
	if code != 0 || !strings.Contains(out, "1 baseline findings no longer occur") {
		t.Errorf("-baseline after a fix: exit %d, want 0 and one fixed entry:\n%s", code, out)
	}

	write("bad.json", "{")
	write("old.json", `{"o11ylint_baseline": 99, "findings": []}`)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-new-from-rev=no-such-rev", "./..."}, `unknown git revision "no-such-rev"`},
		{[]string{"-new-from-merge-base=no-such-rev", "./..."}, `unknown git revision "no-such-rev"`},
		{[]string{"-baseline=missing.json", "./..."}, "missing.json"},
		{[]string{"-baseline=bad.json", "./..."}, "baseline bad.json is malformed"},
		{[]string{"-baseline=old.json", "./..."}, "baseline old.json is malformed"},
		{[]string{"-baseline=base.json", "-fix", "./..."}, "-fix and -diff cannot be combined"},
		{[]string{"-engine=load", "-baseline=base.json", "-fix", "./..."}, "-fix cannot be combined"},
		{[]string{"-baseline", "./..."}, ""},
	} {
		out, code := run(t, dir, nil, bin, c.args...)
		if code != 1 || !strings.Contains(out, c.msg) {
			t.Errorf("%v: exit %d, want 1 and %q:\n%s", c.args, code, c.msg, out)
		}
	}

	// Outside a git work tree.
	nogit := t.TempDir()
	write2 := filepath.Join(nogit, "go.mod")
	if err := os.WriteFile(write2, []byte("module example.com/n\n\ngo 1.26\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	out, code = run(t, nogit, []string{"GIT_CEILING_DIRECTORIES=" + filepath.Dir(nogit)}, bin, "-new-from-rev=HEAD", "./...")
	if code != 1 || !strings.Contains(out, "needs a git work tree") {
		t.Errorf("-new-from-rev outside git: exit %d, want 1 and an error:\n%s", code, out)
	}
}

// TestDisable checks that -NAME.disable drops exactly that rule, standalone
// and under go vet, and that an unknown rule is an error.
func TestDisable(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/m\n\ngo 1.26\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.go"), []byte(adoptOld), 0o666); err != nil {
		t.Fatal(err)
	}
	leak := "a.go:15:17: goroutine blocks forever on send to ch when the select at line 16 takes case <-ctx.Done() once the function returns at line 20 without receiving: make ch buffered for every sender, make(chan int, 1)"
	cancel := "a.go:9:2: the cancel function returned by context.WithTimeout is discarded, so the context (and its timer) lives until the parent is done: assign it and defer cancel()"
	for _, args := range [][]string{
		{bin, "-goleak.disable=abandoned-send", "./..."},
		{bin, "-engine=load", "-goleak.disable=abandoned-send", "./..."},
		{"go", "vet", "-vettool=" + bin, "-goleak.disable=abandoned-send,double-lock", "./..."},
	} {
		out, code := run(t, dir, nil, args[0], args[1:]...)
		got := findings(t, dir, out)
		if code == 0 || !slices.Equal(got, []string{cancel}) {
			t.Errorf("%v: exit %d, findings\n%s\nwant only\n%s", args, code, strings.Join(got, "\n"), cancel)
		}
	}
	out, _ := run(t, dir, nil, bin, "-ctxcancel.disable=cancel-not-called", "./...")
	if got := findings(t, dir, out); len(got) != 4 || got[0] != leak {
		t.Errorf("-ctxcancel.disable: findings\n%s\nwant the leak and its related lines", strings.Join(got, "\n"))
	}
	for _, engine := range engines {
		out, code := run(t, dir, nil, bin, append(engine, "-goleak.disable=no-such-rule", "./...")...)
		if code != 2 || !strings.Contains(out, `unknown rule "no-such-rule": valid rules are abandoned-send`) {
			t.Errorf("%v -goleak.disable=no-such-rule: exit %d, want 2 (a flag error) and an unknown rule error:\n%s", engine, code, out)
		}
	}
}

// TestTestFiles checks findings in test files: both engines report those
// of the package's test files and of its external test package, and
// -test=false leaves them out.
func TestTestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/m\n\ngo 1.26\n")
	write("a.go", adoptOld)
	write("a_test.go", "package m\n\nimport (\n\t\"context\"\n\t\"testing\"\n\t\"time\"\n)\n\nfunc TestIn(t *testing.T) {\n\tctx, _ := context.WithTimeout(context.Background(), time.Second)\n\t_ = ctx\n}\n")
	write("x_test.go", "package m_test\n\nimport (\n\t\"context\"\n\t\"testing\"\n\t\"time\"\n)\n\nfunc TestOut(t *testing.T) {\n\tctx, _ := context.WithTimeout(context.Background(), time.Second)\n\t_ = ctx\n}\n")
	cancel := func(file string) string {
		return file + ":10:2: the cancel function returned by context.WithTimeout is discarded, so the context (and its timer) lives until the parent is done: assign it and defer cancel()"
	}
	for _, engine := range engines {
		out, code := run(t, dir, nil, bin, append(engine, "-ctxcancel", "./...")...)
		got := findings(t, dir, out)
		want := []string{"a.go:9:2: the cancel function returned by context.WithTimeout is discarded, so the context (and its timer) lives until the parent is done: assign it and defer cancel()", cancel("a_test.go"), cancel("x_test.go")}
		if code != 3 || !slices.Equal(got, want) {
			t.Errorf("o11ylint %v -ctxcancel: exit %d, findings\n  %s\nwant\n  %s", engine, code, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
		}
		out, _ = run(t, dir, nil, bin, append(engine, "-ctxcancel", "-test=false", "./...")...)
		if got := findings(t, dir, out); !slices.Equal(got, want[:1]) {
			t.Errorf("o11ylint %v -ctxcancel -test=false: findings\n  %s\nwant\n  %s", engine, strings.Join(got, "\n  "), want[0])
		}
	}
}
