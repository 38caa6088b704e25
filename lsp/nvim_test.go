package lsp

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/o11ylint/o11ylint/suite"
)

// serveEnv makes the test binary itself a language server on stdio (the
// same Serve as `o11ylint lsp`), so that a real editor can start it without
// depending on how cmd/o11ylint dispatches its subcommands.
const serveEnv = "O11YLINT_LSP_TEST_SERVE"

// vetToolEnv makes the test binary a go vet -vettool running the suite,
// for the vet engine's tests.
const vetToolEnv = "O11YLINT_LSP_TEST_VETTOOL"

func TestMain(m *testing.M) {
	if os.Getenv(vetToolEnv) == "1" {
		unitchecker.Main(suite.Analyzers()...)
	}
	if os.Getenv(serveEnv) == "1" {
		// The default engine of `o11ylint lsp`: go vet, with this binary
		// as the vettool (vetToolEnv routes it to unitchecker there).
		self, _ := os.Executable()
		err := Serve(context.Background(), stdio{}, Options{
			Analyzers: suite.Analyzers(), Debounce: 50 * time.Millisecond, Log: os.Stderr,
			Env: append(testEnv(), vetToolEnv+"=1"), VetTool: self,
		})
		if err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { os.Stdin.Close(); return os.Stdout.Close() }

// TestNeovim runs a real client: headless Neovim with the configuration of
// contrib/nvim/o11ylint.lua opens a file with an SA1012 finding, receives
// the diagnostic, lists the code actions, applies the preferred fix and
// saves, after which the diagnostic must be gone. Skipped when nvim is not
// installed (Debian: apt-get install neovim).
func TestNeovim(t *testing.T) {
	nvim, err := exec.LookPath("nvim")
	if err != nil {
		t.Skip("nvim not installed: apt-get install neovim to run this test")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	dir := fixture(t)
	home := t.TempDir()
	outFile := filepath.Join(t.TempDir(), "out.json")
	config, _ := filepath.Abs(filepath.Join("..", "contrib", "nvim", "o11ylint.lua"))
	driver, _ := filepath.Abs(filepath.Join("testdata", "nvim", "driver.lua"))
	cmdJSON, _ := json.Marshal([]string{self, "-test.run=^$"})

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, nvim, "--headless", "-i", "NONE", "-n", "-u", config, "-c", "luafile "+driver, filepath.Join("a", "a.go"))
	cmd.Dir = dir
	cmd.Env = append(testEnv(),
		serveEnv+"=1",
		"O11YLINT_LSP_CMD="+string(cmdJSON),
		"O11YLINT_NVIM_OUT="+outFile,
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, "config"), "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_STATE_HOME="+filepath.Join(home, "state"), "XDG_CACHE_HOME="+filepath.Join(home, "cache"),
	)
	start := time.Now()
	output, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("nvim: %v\n%s", err, output)
	}
	data, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatalf("nvim wrote no result: %v\n%s", err, output)
	}
	t.Logf("nvim session took %v: %s", time.Since(start).Round(time.Millisecond), data)
	var out struct {
		GotDiagnostics bool `json:"got_diagnostics"`
		Clients        int
		Diagnostics    []struct {
			Lnum, Col, Severity int
			Message, Source     string
			Code                any
		}
		Actions   []string
		Cleared   bool
		FixedLine string `json:"fixed_line"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	if !out.GotDiagnostics || out.Clients != 1 {
		t.Fatalf("no diagnostics in Neovim (clients attached: %d)\n%s", out.Clients, output)
	}
	if len(out.Diagnostics) != 1 {
		t.Fatalf("Neovim has %d diagnostics, want 1 (the suppressed one must stay hidden): %+v", len(out.Diagnostics), out.Diagnostics)
	}
	d := out.Diagnostics[0]
	if d.Lnum != 9 || d.Col != 5 || d.Source != "o11ylint" || d.Code != "SA1012" || d.Severity != 2 || !strings.Contains(d.Message, "nil Context") {
		t.Errorf("diagnostic in Neovim: %+v", d)
	}
	if len(out.Actions) < 2 || out.Actions[len(out.Actions)-1] != "suppress with //nolint:SA1012" {
		t.Errorf("code actions in Neovim: %q", out.Actions)
	}
	if !out.Cleared || !strings.Contains(out.FixedLine, "use(context.TODO())") {
		t.Errorf("after applying the fix and :write: cleared=%v, line %q", out.Cleared, out.FixedLine)
	}
}
