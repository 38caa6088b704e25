package main_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The end-to-end tests build the o11ylint binary and run it on the module in
// testdata/e2e, whose findings depend on facts that cross a package
// boundary, in each driver: standalone (its default vet engine, which runs
// go vet -vettool=o11ylint, and -engine=load, x/tools' in-process driver),
// go vet -vettool itself, -json, -sarif and -fix. All must report the same
// findings (positions and messages), and those must be the ones listed in
// testdata/e2e/want.txt.

var bin string // the o11ylint binary built by TestMain

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "o11ylint-e2e")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "o11ylint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		os.Stderr.Write(out)
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture returns a fresh copy of testdata/e2e with its dependencies downloaded.
func fixture(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	dst := filepath.Join(t.TempDir(), "e2e")
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	run(t, dst, nil, "go", "mod", "download")
	return dst
}

// run runs a command in dir and returns its combined output and exit code.
func run(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return string(out), exit.ExitCode()
	}
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out), 0
}

var findingRe = regexp.MustCompile(`^(.*\.go):(\d+):(\d+): (.*)$`)

// findings extracts "file:line:col: message" lines, with file made relative
// to the module root dir, sorted.
func findings(t *testing.T, dir, out string) []string {
	t.Helper()
	var fs []string
	for _, line := range strings.Split(out, "\n") {
		m := findingRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		file := m[1]
		if filepath.IsAbs(file) {
			rel, err := filepath.Rel(dir, file)
			if err != nil {
				t.Fatal(err)
			}
			file = rel
		}
		file = strings.TrimPrefix(filepath.ToSlash(file), "./")
		fs = append(fs, file+":"+m[2]+":"+m[3]+": "+m[4])
	}
	slices.Sort(fs)
	return fs
}

// wantPrimary returns want without the related-position lines (whose
// message starts with a tab in the text output), for the structured outputs
// (-json, SARIF) that carry related positions inside each finding.
func wantPrimary(t *testing.T) []string {
	var ws []string
	for _, w := range want(t) {
		if !strings.Contains(w, ": \t") {
			ws = append(ws, w)
		}
	}
	return ws
}

func want(t *testing.T) []string {
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "e2e", "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var ws []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			ws = append(ws, l)
		}
	}
	slices.Sort(ws)
	return ws
}

// engines are the standalone command's engine flags: the default (go vet
// per package) and the in-process loader.
var engines = [][]string{nil, {"-engine=load"}}

func TestStandaloneAndVetAgree(t *testing.T) {
	dir := fixture(t)
	vout, vcode := run(t, dir, nil, "go", "vet", "-vettool="+bin, "./...")
	if vcode == 0 {
		t.Errorf("go vet -vettool exited 0, want non-zero (findings)\n%s", vout)
	}
	vet := findings(t, dir, vout)
	if w := want(t); !slices.Equal(vet, w) {
		t.Errorf("go vet -vettool findings differ from testdata/e2e/want.txt\ngot:\n  %s\nwant:\n  %s",
			strings.Join(vet, "\n  "), strings.Join(w, "\n  "))
	}

	for _, engine := range engines {
		out, code := run(t, dir, nil, bin, append(engine, "./...")...)
		if code != 3 {
			t.Errorf("o11ylint %v ./... exited %d, want 3 (findings)\n%s", engine, code, out)
		}
		if standalone := findings(t, dir, out); !slices.Equal(standalone, vet) {
			t.Errorf("o11ylint %v and go vet -vettool disagree\nstandalone:\n  %s\ngo vet:\n  %s",
				engine, strings.Join(standalone, "\n  "), strings.Join(vet, "\n  "))
		}
	}
}

// TestFlagsPassThrough checks that analyzer flags reach the analyzers in
// both engines: -NAME runs that analyzer alone, -NAME.FLAG configures it,
// and -c=N prints source lines.
func TestFlagsPassThrough(t *testing.T) {
	dir := fixture(t)
	for _, engine := range engines {
		out, _ := run(t, dir, nil, bin, append(engine, "-goleak", "./...")...)
		got := findings(t, dir, out)
		if len(got) != 3 || !strings.HasPrefix(got[0], "app/chan.go:") {
			t.Errorf("o11ylint %v -goleak: findings\n  %s\nwant only goleak's (app/chan.go)", engine, strings.Join(got, "\n  "))
		}
		out, _ = run(t, dir, nil, bin, append(engine, "-metricname", "-metricname.disable=metric-name", "-c", "0", "./...")...)
		got = findings(t, dir, out)
		if len(got) != 2 || !strings.Contains(got[1], `label "path"`) || !strings.Contains(out, "\n17\t") {
			t.Errorf("o11ylint %v -metricname -metricname.disable=metric-name -c 0: findings\n  %s\nwant only the label and its line 17:\n%s", engine, strings.Join(got, "\n  "), out)
		}
	}
	out, code := run(t, dir, nil, bin, "-cpuprofile=cpu.out", "./...")
	if code != 2 || !strings.Contains(out, "-engine=load") {
		t.Errorf("-cpuprofile under the vet engine: exit %d, want 2 and a pointer to -engine=load:\n%s", code, out)
	}
	out, code = run(t, dir, nil, bin, "-engine=nope", "./...")
	if code != 2 || !strings.Contains(out, "want vet") {
		t.Errorf("-engine=nope: exit %d, want 2:\n%s", code, out)
	}
}

func TestJSON(t *testing.T) {
	dir := fixture(t)
	for _, engine := range engines {
		testJSON(t, dir, engine)
	}
}

func testJSON(t *testing.T, dir string, engine []string) {
	out, code := run(t, dir, nil, bin, append(engine, "-json", "./...")...)
	if code != 0 {
		t.Errorf("o11ylint %v -json exited %d, want 0", engine, code)
	}
	// -json prints one JSON object: package -> analyzer -> diagnostics.
	start := strings.Index(out, "{")
	if start < 0 {
		t.Fatalf("no JSON in output:\n%s", out)
	}
	dec := json.NewDecoder(strings.NewReader(out[start:]))
	var tree map[string]map[string]json.RawMessage
	if err := dec.Decode(&tree); err != nil {
		t.Fatalf("decoding -json output: %v\n%s", err, out)
	}
	if dec.More() {
		t.Errorf("o11ylint %v -json printed more than one JSON object:\n%s", engine, out)
	}
	var got []string
	for _, byAnalyzer := range tree {
		for _, raw := range byAnalyzer {
			var diags []struct {
				Posn    string `json:"posn"`
				Message string `json:"message"`
			}
			if err := json.Unmarshal(raw, &diags); err != nil {
				continue // an analyzer error, {"error": ...}
			}
			for _, d := range diags {
				got = append(got, d.Posn+": "+d.Message)
			}
		}
	}
	got = findings(t, dir, strings.Join(got, "\n"))
	if w := wantPrimary(t); !slices.Equal(got, w) {
		t.Errorf("o11ylint %v -json findings differ from want.txt\ngot:\n  %s\nwant:\n  %s", engine, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
	}
}

// TestFix applies the suggested fixes with -fix, in each engine, and
// compares every file that has a golden copy under testdata/e2e.golden;
// files without one must not change.
func TestFix(t *testing.T) {
	for _, engine := range engines {
		dir := fixture(t)
		if out, code := run(t, dir, nil, bin, append(engine, "-fix", "./...")...); code != 0 {
			t.Errorf("o11ylint %v -fix exited %d\n%s", engine, code, out)
		}
		checkGolden(t, dir)
	}
}

// TestDiff prints the fixes as a diff and changes nothing.
func TestDiff(t *testing.T) {
	dir := fixture(t)
	out, code := run(t, dir, nil, bin, "-diff", "./...")
	if code != 1 || !strings.Contains(out, "+\tdefer close(ch)") || !strings.Contains(out, "+\treturn helper.Call(ctx, work)") {
		t.Errorf("-diff: exit %d, want 1 (as go fix -diff: the diff is not empty) and the fixes:\n%s", code, out)
	}
	orig := filepath.Join("..", "..", "testdata", "e2e")
	for _, name := range []string{"app/chan.go", "app/ctx.go"} {
		a, _ := os.ReadFile(filepath.Join(orig, name))
		b, _ := os.ReadFile(filepath.Join(dir, name))
		if !bytes.Equal(a, b) {
			t.Errorf("-diff changed %s", name)
		}
	}
}

// TestGoFix applies the same fixes through go fix -fixtool.
func TestGoFix(t *testing.T) {
	dir := fixture(t)
	if out, code := run(t, dir, nil, "go", "fix", "-fixtool="+bin, "./..."); code != 0 {
		t.Fatalf("go fix -fixtool exited %d\n%s", code, out)
	}
	checkGolden(t, dir)
}

func checkGolden(t *testing.T, dir string) {
	t.Helper()
	orig := filepath.Join("..", "..", "testdata", "e2e")
	golden := filepath.Join("..", "..", "testdata", "e2e.golden")
	err := filepath.WalkDir(orig, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") {
			return err
		}
		rel, _ := filepath.Rel(orig, path)
		expected, err := os.ReadFile(filepath.Join(golden, rel))
		if os.IsNotExist(err) {
			expected, err = os.ReadFile(path)
		}
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			return err
		}
		if !bytes.Equal(got, expected) {
			t.Errorf("%s after fixing:\n%s\nwant:\n%s", rel, got, expected)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestVersionHandshake(t *testing.T) {
	out, code := run(t, ".", nil, bin, "-V=full")
	if code != 0 || !strings.Contains(out, "buildID=") {
		t.Errorf("-V=full = %q (exit %d), want the build-ID handshake go vet relies on", out, code)
	}
	out, code = run(t, ".", nil, bin, "-flags")
	var flags []struct{ Name string }
	if err := json.Unmarshal([]byte(out), &flags); code != 0 || err != nil || !slices.ContainsFunc(flags, func(f struct{ Name string }) bool { return f.Name == "goleak.disable" }) {
		t.Errorf("-flags = %q (exit %d, %v), want the JSON flag list go vet asks for", out, code, err)
	}
	out, code = run(t, ".", nil, bin, "version")
	if code != 0 || !strings.HasPrefix(out, "o11ylint ") {
		t.Errorf("version = %q (exit %d)", out, code)
	}
}

// TestSARIF checks that -sarif reports the findings of want.txt as SARIF
// results with repository-relative paths.
func TestSARIF(t *testing.T) {
	dir := fixture(t)
	for _, engine := range engines {
		testSARIF(t, dir, engine)
	}
}

func testSARIF(t *testing.T, dir string, engine []string) {
	out, code := run(t, dir, nil, bin, append(engine, "-sarif", "./...")...)
	if code != 0 {
		t.Fatalf("o11ylint %v -sarif exited %d\n%s", engine, code, out)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
	start := strings.Index(out, "{")
	if start < 0 {
		t.Fatalf("no SARIF in output:\n%s", out)
	}
	if err := json.NewDecoder(strings.NewReader(out[start:])).Decode(&log); err != nil {
		t.Fatalf("decoding SARIF: %v\n%s", err, out)
	}
	var got []string
	for _, r := range log.Runs[0].Results {
		l := r.Locations[0].PhysicalLocation
		// The fixture copy is not in a git repository, so paths are
		// relative to the directory o11ylint ran in.
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", l.ArtifactLocation.URI, l.Region.StartLine, l.Region.StartColumn, r.Message.Text))
	}
	slices.Sort(got)
	if w := wantPrimary(t); log.Version != "2.1.0" || !slices.Equal(got, w) {
		t.Errorf("o11ylint %v: SARIF %s results differ from want.txt\ngot:\n  %s\nwant:\n  %s", engine, log.Version, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
	}
}

// TestBadInput runs o11ylint on testdata/badinput: a package with type
// errors, cgo, build tags (one file excluded that does not even parse),
// generics, an empty package and a generated file. Nothing may panic; the
// type errors are reported and only that package is skipped; the other
// packages' findings are those of testdata/badinput/want.txt (generated
// files are skipped by default).
func TestBadInput(t *testing.T) {
	src, _ := filepath.Abs(filepath.Join("..", "..", "testdata", "badinput"))
	dir := filepath.Join(t.TempDir(), "badinput")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(src, "want.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var w []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			w = append(w, l)
		}
	}
	slices.Sort(w)
	for _, engine := range engines {
		out, code := run(t, dir, nil, bin, append(engine, "./...")...)
		if strings.Contains(out, "panic") || code != 1 {
			t.Errorf("o11ylint %v on a module with a type error exited %d (want 1)\n%s", engine, code, out)
		}
		if !strings.Contains(out, "undefined: undefinedThing") || !strings.Contains(out, "analysis skipped due to errors in package") {
			t.Errorf("o11ylint %v: the type error and the skipped analysis should be reported:\n%s", engine, out)
		}
		// The packages that type-check are analyzed all the same.
		got := slices.DeleteFunc(findings(t, dir, out), func(f string) bool { return strings.HasPrefix(f, "typeerr/") })
		if !slices.Equal(got, w) {
			t.Errorf("o11ylint %v ./...: findings differ from testdata/badinput/want.txt\ngot:\n  %s\nwant:\n  %s", engine, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
		}

		out, code = run(t, dir, nil, bin, append(engine, "./cgo", "./tags", "./generic", "./empty", "./gen")...)
		if strings.Contains(out, "panic") || (code != 0 && code != 3) {
			t.Fatalf("o11ylint %v exited %d\n%s", engine, code, out)
		}
		if got := findings(t, dir, out); !slices.Equal(got, w) {
			t.Errorf("o11ylint %v: findings differ from testdata/badinput/want.txt\ngot:\n  %s\nwant:\n  %s", engine, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
		}
	}
}
