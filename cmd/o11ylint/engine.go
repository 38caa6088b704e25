package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/o11ylint/o11ylint/internal/adopt"
	"github.com/o11ylint/o11ylint/internal/vetrun"
	"github.com/o11ylint/o11ylint/suite"
)

// The standalone CLI has two engines, chosen with -engine:
//
//   - vet (the default): the front end runs
//     `go vet -vettool=<this binary> -json <analyzer flags> -- <patterns>`, so
//     that the go command runs this binary once per package (the unitchecker
//     protocol, answered by multichecker.Main) with the compiler's export
//     data of its dependencies and their facts, in parallel, and caches the
//     results: no process holds more than one package's syntax and types.
//     -fix and -diff run `go fix -fixtool=<this binary>` the same way.
//   - load: x/tools' multichecker in this process, which loads every
//     package and every dependency from source and keeps them all in
//     memory (the driver of o11ylint before the vet engine).
//
// Both report the same findings: facts travel between packages through
// go vet's vetx files as they do in memory.
const (
	engineVet  = "vet"
	engineLoad = "load"
)

// invokedByGo reports whether args are those of the go command running this
// binary as a vet or fix tool: the -V=full and -flags handshakes, or flags
// and one vet.cfg file.
func invokedByGo(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if strings.HasPrefix(a, "-") && (name == "flags" || name == "V" && strings.Contains(a, "=")) {
			return true
		}
	}
	return false
}

// splitEngineFlag takes -engine=NAME (or -engine NAME) out of args.
func splitEngineFlag(args []string) (string, []string, error) {
	engine := engineVet
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, val, hasVal := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "engine" {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return "", nil, errors.New("flag -engine needs a value: vet or load")
			}
			i++
			val = args[i]
		}
		if val != engineVet && val != engineLoad {
			return "", nil, fmt.Errorf("-engine=%s: want vet (go vet's per-package engine, the default) or load (load everything in this process)", val)
		}
		engine = val
	}
	return engine, rest, nil
}

// runMultichecker runs x/tools' multichecker on args: the load engine, the
// go vet tool protocol, help and usage. It does not return.
func runMultichecker(args []string) {
	os.Args = append([]string{os.Args[0]}, args...)
	multichecker.Main(suite.Analyzers()...)
	os.Exit(0)
}

// vetOptions are the standalone command line as the vet engine sees it.
type vetOptions struct {
	toolFlags  []string // analyzer flags, for go vet to pass to each run of the tool
	buildFlags []string // -tags
	patterns   []string
	json       bool
	fix, diff  bool
	context    int  // -c
	tests      bool // -test
	loadOnly   []string
}

// parseVetArgs parses the standalone command line with the flags the load
// engine's driver (multichecker) defines, so that the same command lines
// are valid, and the analyzers' own flag values, so that an invalid value
// is an error here (exit 2) rather than in every run of the tool.
func parseVetArgs(args []string) (*vetOptions, error) {
	o := &vetOptions{context: -1, tests: true}
	fs := flag.NewFlagSet("o11ylint", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: o11ylint [-engine=vet|load] [flags] packages\n\n"+
			"Run 'o11ylint help' for the analyzers, 'o11ylint help NAME' for one analyzer's flags.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	for _, a := range suite.Analyzers() {
		fs.Var(&passValue{name: a.Name, boolean: true, out: &o.toolFlags}, a.Name, fmt.Sprintf("enable %q analysis", a.Name))
		a.Flags.VisitAll(func(f *flag.Flag) {
			name := a.Name + "." + f.Name
			fs.Var(&passValue{Value: f.Value, name: name, boolean: isBoolFlag(f.Value), out: &o.toolFlags}, name, f.Usage)
		})
	}
	fs.BoolVar(&o.json, "json", false, "emit JSON output")
	fs.IntVar(&o.context, "c", -1, "display offending line with this many lines of context")
	fs.BoolVar(&o.fix, "fix", false, "apply all suggested fixes (go fix -fixtool=this binary)")
	fs.BoolVar(&o.diff, "diff", false, "print the fixes as a unified diff instead of applying them (go fix -diff)")
	fs.BoolVar(&o.tests, "test", true, "report findings in test files too (go vet always analyzes them; -test=false drops findings in _test.go files)")
	fs.Var(&passValue{name: "tags", out: &o.buildFlags}, "tags", "build tags, passed to go vet")
	for _, name := range []string{"debug", "cpuprofile", "memprofile", "trace"} {
		fs.Var(&passValue{name: name, out: &o.loadOnly}, name, "with -engine=load only: the in-process driver's "+name+" flag")
	}
	for _, name := range []string{"source", "v", "all"} {
		var ignored passValue
		ignored.boolean = true
		ignored.out = new([]string)
		fs.Var(&ignored, name, "no effect (deprecated)")
	}
	if err := fs.Parse(args); err != nil {
		// The flag package has printed the error and the usage.
		return nil, errFlagsPrinted{err}
	}
	o.patterns = fs.Args()
	if len(o.loadOnly) > 0 {
		name, _, _ := strings.Cut(o.loadOnly[0], "=")
		return nil, fmt.Errorf("%s is a flag of the in-process driver: add -engine=load", name)
	}
	if !o.tests && (o.fix || o.diff) {
		return nil, errors.New("-test=false cannot be combined with -fix or -diff under the vet engine, which analyzes and fixes test files too; add -engine=load")
	}
	return o, nil
}

// errFlagsPrinted is a command line error that the flag package printed.
type errFlagsPrinted struct{ error }

func (e errFlagsPrinted) Unwrap() error { return e.error }

// passValue is a flag whose values are recorded as -name=value arguments
// for go vet, after the analyzer's own flag (if any) has accepted them.
type passValue struct {
	flag.Value // the analyzer's flag, or nil
	name       string
	boolean    bool
	out        *[]string
}

func (p *passValue) Set(s string) error {
	if p.Value != nil {
		if err := p.Value.Set(s); err != nil {
			return err
		}
	} else if p.boolean {
		if _, err := strconv.ParseBool(s); err != nil {
			return err
		}
	}
	*p.out = append(*p.out, "-"+p.name+"="+s)
	return nil
}

func (p *passValue) String() string {
	if p == nil || p.Value == nil {
		return ""
	}
	return p.Value.String()
}

func (p *passValue) IsBoolFlag() bool { return p.boolean }

func isBoolFlag(v flag.Value) bool {
	b, ok := v.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// runVet is the front end of the vet engine.
func runVet(f *adoptFlags, args []string) int {
	o, err := parseVetArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		if !errors.As(err, new(errFlagsPrinted)) {
			fmt.Fprintln(os.Stderr, "o11ylint:", err)
		}
		return 2
	}
	if len(o.patterns) == 0 || o.patterns[0] == "help" {
		runMultichecker(args) // usage, or the analyzers' documentation
	}
	if o.fix || o.diff {
		if f.any() {
			fmt.Fprintln(os.Stderr, "o11ylint: -fix and -diff cannot be combined with -new-from-rev, -new-from-merge-base, -baseline or -write-baseline")
			return 1
		}
		return runFix(o)
	}
	return runAdopt(f, engine{vet: o}, o.context)
}

// runFix applies (or with -diff prints) the suggested fixes through
// `go fix -fixtool=<this binary>`, which analyzes per package as go vet
// does. Its exit status is go fix's: with -diff, 1 when the diff is not
// empty.
func runFix(o *vetOptions) int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		return 1
	}
	args := []string{"fix"}
	if o.diff {
		args = append(args, "-diff")
	}
	args = append(args, "-fixtool="+self)
	args = append(args, o.buildFlags...)
	args = append(args, o.toolFlags...)
	args = append(args, "--")
	args = append(args, o.patterns...)
	cmd := exec.Command("go", args...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		return 1
	}
	return 0
}

// runVetEngine runs go vet -vettool=<this binary> -json and returns its
// findings sorted by position. Whatever go vet printed on standard error
// (build errors) is copied to ours; failed reports that some packages could
// not be analyzed.
func runVetEngine(o *vetOptions) (findings []adopt.Finding, errs []adopt.AnalyzerError, failed bool, err error) {
	self, err := os.Executable()
	if err != nil {
		return nil, nil, false, err
	}
	args := append(append(append([]string{}, o.buildFlags...), o.toolFlags...), "--")
	args = append(args, o.patterns...)
	res, err := vetrun.Run(context.Background(), "", self, args)
	if err != nil {
		return nil, nil, false, fmt.Errorf("go vet: %v", err)
	}
	os.Stderr.WriteString(res.Stderr)
	for _, pkg := range res.Failed {
		fmt.Fprintf(os.Stderr, "o11ylint: %s: analysis skipped due to errors in package\n", pkg)
	}
	failed = res.ExitCode != 0
	for _, f := range res.Findings {
		if !o.tests && strings.HasSuffix(adopt.Finding{Posn: f.Posn}.File(), "_test.go") {
			continue
		}
		findings = append(findings, adopt.Finding{
			Package:        f.Package,
			Analyzer:       f.Analyzer,
			Category:       f.Category,
			Posn:           f.Posn,
			End:            f.End,
			Message:        f.Message,
			Related:        rawJSON(f.Related),
			SuggestedFixes: rawJSON(f.SuggestedFixes),
		})
	}
	sort.SliceStable(findings, func(i, j int) bool {
		a, b := findings[i], findings[j]
		af, al, ac := adopt.SplitPosn(a.Posn)
		bf, bl, bc := adopt.SplitPosn(b.Posn)
		switch {
		case af != bf:
			return af < bf
		case al != bl:
			return al < bl
		case ac != bc:
			return ac < bc
		case a.Analyzer != b.Analyzer:
			return a.Analyzer < b.Analyzer
		}
		return a.Message < b.Message
	})
	for _, e := range res.Errors {
		errs = append(errs, adopt.AnalyzerError{Package: e.Package, Analyzer: e.Analyzer, Error: e.Err})
	}
	return findings, errs, failed, nil
}

// rawJSON returns v as JSON, nil for an empty slice.
func rawJSON[T any](v []T) json.RawMessage {
	if len(v) == 0 {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	return data
}
