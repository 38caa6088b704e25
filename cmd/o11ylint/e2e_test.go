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
// boundary, in each driver: standalone, go vet -vettool, -json and -fix.
// Both drivers must report the same findings (positions and messages), and
// those must be the ones listed in testdata/e2e/want.txt.

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

func TestStandaloneAndVetAgree(t *testing.T) {
	dir := fixture(t)
	out, code := run(t, dir, nil, bin, "./...")
	if code != 3 {
		t.Errorf("o11ylint ./... exited %d, want 3 (findings)\n%s", code, out)
	}
	standalone := findings(t, dir, out)

	vout, vcode := run(t, dir, nil, "go", "vet", "-vettool="+bin, "./...")
	if vcode == 0 {
		t.Errorf("go vet -vettool exited 0, want non-zero (findings)\n%s", vout)
	}
	vet := findings(t, dir, vout)

	if !slices.Equal(standalone, vet) {
		t.Errorf("standalone and go vet -vettool disagree\nstandalone:\n  %s\ngo vet:\n  %s",
			strings.Join(standalone, "\n  "), strings.Join(vet, "\n  "))
	}
	if w := want(t); !slices.Equal(standalone, w) {
		t.Errorf("findings differ from testdata/e2e/want.txt\ngot:\n  %s\nwant:\n  %s",
			strings.Join(standalone, "\n  "), strings.Join(w, "\n  "))
	}
}

func TestJSON(t *testing.T) {
	dir := fixture(t)
	out, _ := run(t, dir, nil, bin, "-json", "./...")
	// -json prints one JSON object: package -> analyzer -> diagnostics.
	start := strings.Index(out, "{")
	if start < 0 {
		t.Fatalf("no JSON in output:\n%s", out)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.NewDecoder(strings.NewReader(out[start:])).Decode(&tree); err != nil {
		t.Fatalf("decoding -json output: %v\n%s", err, out)
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
		t.Errorf("-json findings differ from want.txt\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(w, "\n  "))
	}
}

// TestFix applies the suggested fixes with -fix and compares every file that
// has a golden copy under testdata/e2e.golden; files without one must not change.
func TestFix(t *testing.T) {
	dir := fixture(t)
	run(t, dir, nil, bin, "-fix", "./...")
	checkGolden(t, dir)
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
	out, code = run(t, ".", nil, bin, "version")
	if code != 0 || !strings.HasPrefix(out, "o11ylint ") {
		t.Errorf("version = %q (exit %d)", out, code)
	}
}

// TestSARIF checks that -sarif reports the findings of want.txt as SARIF
// results with repository-relative paths.
func TestSARIF(t *testing.T) {
	dir := fixture(t)
	out, code := run(t, dir, nil, bin, "-sarif", "./...")
	if code != 0 {
		t.Fatalf("-sarif exited %d\n%s", code, out)
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
		t.Errorf("SARIF %s results differ from want.txt\ngot:\n  %s\nwant:\n  %s", log.Version, strings.Join(got, "\n  "), strings.Join(w, "\n  "))
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
	out, code := run(t, dir, nil, bin, "./...")
	if strings.Contains(out, "panic") || code != 1 {
		t.Errorf("o11ylint on a module with a type error exited %d (want 1)\n%s", code, out)
	}
	if !strings.Contains(out, "undefined: undefinedThing") || !strings.Contains(out, "analysis skipped due to errors in package") {
		t.Errorf("the type error and the skipped analysis should be reported:\n%s", out)
	}

	out, code = run(t, dir, nil, bin, "./cgo", "./tags", "./generic", "./empty", "./gen")
	if strings.Contains(out, "panic") || (code != 0 && code != 3) {
		t.Fatalf("o11ylint exited %d\n%s", code, out)
	}
	got := findings(t, dir, out)
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
	if !slices.Equal(got, w) {
		t.Errorf("findings differ from testdata/badinput/want.txt\ngot:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(w, "\n  "))
	}
}
