package lsp

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// ParseArgs parses the arguments of `o11ylint lsp`, which configure the
// analyzers exactly as the standalone CLI's flags do:
//
//	-NAME                 run only the analyzers named so (-NAME=false: all but those)
//	-NAME.FLAG=value      an analyzer flag, e.g. -metricname.scheme=utf8
//	-debounce=250ms       delay between the last open/save of a package and its analysis
//	-engine=vet           vet: run `go vet -vettool=<this binary>` (the default; the go
//	                      command caches dependencies' facts); inprocess: load and
//	                      type-check everything from source in the server on every run
//
// Analyzer flags are the analyzers' own flag sets, so the values land where
// the CLI's do. It returns the options with Analyzers set.
func ParseArgs(args []string, all []*analysis.Analyzer, stderr io.Writer) (Options, error) {
	fs := flag.NewFlagSet("o11ylint lsp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: o11ylint lsp [flags]\n\nA language server over stdio: o11ylint's findings as editor diagnostics.\nSee docs/editors.md.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	opts := Options{}
	fs.DurationVar(&opts.Debounce, "debounce", DefaultDebounce, "delay between the last open or save of a package's file and its analysis")
	engine := fs.String("engine", "vet", "how a package is analyzed: vet (go vet -vettool=this binary, which caches dependencies' facts in the go build cache) or inprocess (type-check all dependencies from source on every run)")
	enabled := make(map[*analysis.Analyzer]*triState)
	for _, a := range all {
		t := new(triState)
		enabled[a] = t
		fs.Var(t, a.Name, "enable only the "+a.Name+" analyzer (or -"+a.Name+"=false: all but it)")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	if err := fs.Parse(args); err != nil {
		return opts, err
	}
	switch *engine {
	case "vet":
		exe, err := os.Executable()
		if err != nil {
			return opts, fmt.Errorf("-engine=vet: %v", err)
		}
		opts.VetTool = exe
	case "inprocess":
	default:
		return opts, fmt.Errorf("-engine=%s: want vet or inprocess", *engine)
	}
	// The analyzer flags given, to pass on to go vet (Options.VetArgs).
	fs.Visit(func(f *flag.Flag) {
		if f.Name != "debounce" && f.Name != "engine" {
			opts.VetArgs = append(opts.VetArgs, "-"+f.Name+"="+f.Value.String())
		}
	})
	if fs.NArg() > 0 {
		return opts, fmt.Errorf("o11ylint lsp takes no arguments, only flags: %s", strings.Join(fs.Args(), " "))
	}
	anyTrue := false
	for _, t := range enabled {
		anyTrue = anyTrue || t.set && t.on
	}
	for _, a := range all {
		t := enabled[a]
		if anyTrue && !(t.set && t.on) || t.set && !t.on {
			continue
		}
		opts.Analyzers = append(opts.Analyzers, a)
	}
	if len(opts.Analyzers) == 0 {
		return opts, fmt.Errorf("no analyzer enabled")
	}
	return opts, nil
}

// triState is a boolean flag that remembers whether it was set.
type triState struct{ set, on bool }

func (t *triState) String() string {
	if t == nil || !t.set {
		return ""
	}
	return strconv.FormatBool(t.on)
}

func (t *triState) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	t.set, t.on = true, v
	return nil
}

func (t *triState) IsBoolFlag() bool { return true }
