// Package testkit runs analysistest on fixture modules that compile against
// the real libraries (client_golang, OpenTelemetry, VictoriaMetrics/metrics,
// opentracing-go, errgroup) at the versions pinned by o11ylint's go.mod.
//
// A fixture module is a directory testdata/src with its own go.mod and
// go.sum; analysistest treats a directory holding a go.mod as a module root
// and loads it with GOPROXY=off, so the dependencies must already be in the
// module cache. Run downloads them first (once per directory and process),
// so `go test ./...` works on a fresh machine. See CONTRIBUTING.md.
package testkit

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"
)

var downloads sync.Map // dir -> *sync.Once

// Dir returns the fixture module of the calling test's package: testdata/src.
func Dir(t testing.TB) string {
	t.Helper()
	return filepath.Join(analysistest.TestData(), "src")
}

// Download makes sure the fixture module's dependencies are in the module cache.
func Download(t testing.TB, dir string) {
	t.Helper()
	once, _ := downloads.LoadOrStore(dir, new(sync.Once))
	var err error
	var out []byte
	once.(*sync.Once).Do(func() {
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		out, err = cmd.CombinedOutput()
	})
	if err != nil {
		t.Fatalf("go mod download in %s: %v\n%s", dir, err, out)
	}
}

// Run downloads the fixture module's dependencies and runs analysistest.Run
// on the packages matching patterns (relative to testdata/src, e.g. "./...").
func Run(t *testing.T, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	t.Helper()
	dir := Dir(t)
	Download(t, dir)
	return analysistest.Run(t, dir, a, patterns...)
}

// RunWithSuggestedFixes is Run that also checks SuggestedFixes against the
// .golden files beside the fixtures.
func RunWithSuggestedFixes(t *testing.T, a *analysis.Analyzer, patterns ...string) []*analysistest.Result {
	t.Helper()
	dir := Dir(t)
	Download(t, dir)
	return analysistest.RunWithSuggestedFixes(t, dir, a, patterns...)
}
