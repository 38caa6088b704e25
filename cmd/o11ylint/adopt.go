package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/o11ylint/o11ylint/internal/adopt"
	"github.com/o11ylint/o11ylint/internal/sarif"
)

// adoptFlags are the command line flags for adopting o11ylint on an
// existing codebase; they are the front end's, not the analysis driver's.
type adoptFlags struct {
	newFromRev, newFromMergeBase, baseline, writeBaseline string
	json, sarif, fix                                      bool
}

func (f *adoptFlags) any() bool {
	return f.newFromRev != "" || f.newFromMergeBase != "" || f.baseline != "" || f.writeBaseline != ""
}

// splitAdoptFlags takes the adoption flags (-new-from-rev,
// -new-from-merge-base, -baseline, -write-baseline, in -f=v or -f v form)
// and the output format flags out of args.
func splitAdoptFlags(args []string) (*adoptFlags, []string, error) {
	f := &adoptFlags{}
	vals := map[string]*string{
		"new-from-rev":        &f.newFromRev,
		"new-from-merge-base": &f.newFromMergeBase,
		"baseline":            &f.baseline,
		"write-baseline":      &f.writeBaseline,
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		if !strings.HasPrefix(a, "-") {
			rest = append(rest, a)
			continue
		}
		name := strings.TrimLeft(a, "-")
		val, hasVal := "", false
		if j := strings.IndexByte(name, '='); j >= 0 {
			name, val, hasVal = name[:j], name[j+1:], true
		}
		switch name {
		case "json":
			f.json = !hasVal || val == "true"
		case "sarif":
			f.sarif = !hasVal || val == "true"
			continue
		case "fix":
			f.fix = !hasVal || val == "true"
		}
		p, ok := vals[name]
		if !ok {
			rest = append(rest, a)
			continue
		}
		if !hasVal {
			if i+1 >= len(args) {
				return nil, nil, fmt.Errorf("flag -%s needs a value", name)
			}
			i++
			val = args[i]
		}
		if val == "" {
			return nil, nil, fmt.Errorf("flag -%s needs a value", name)
		}
		*p = val
	}
	return f, rest, nil
}

// runAdopt runs the analysis with engine e, keeps the findings the
// adoption flags ask for (all of them when none is set), and prints them in
// the format asked for: text on stderr (with contextLines of source around
// each position when >= 0), -json, or -sarif. It returns the exit code as
// the driver does: 3 when findings are left in text mode, 0 when none or
// when -json or -sarif output was written, 1 on errors (including packages
// that could not be analyzed).
func runAdopt(f *adoptFlags, e engine, contextLines int) int {
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "o11ylint:", err)
		return 1
	}
	if f.fix && f.any() {
		return fail(errors.New("-fix cannot be combined with -new-from-rev, -new-from-merge-base, -baseline or -write-baseline"))
	}
	if f.newFromRev != "" && f.newFromMergeBase != "" {
		return fail(errors.New("-new-from-rev and -new-from-merge-base cannot be combined"))
	}
	if f.writeBaseline != "" && (f.baseline != "" || f.newFromRev != "" || f.newFromMergeBase != "") {
		return fail(errors.New("-write-baseline records every finding and cannot be combined with -baseline, -new-from-rev or -new-from-merge-base"))
	}
	wd, err := os.Getwd()
	if err != nil {
		return fail(err)
	}
	// Check the revision and the baseline before the (long) analysis.
	var lines *adopt.LineFilter
	switch {
	case f.newFromRev != "":
		lines, err = adopt.NewFromRev(wd, f.newFromRev)
	case f.newFromMergeBase != "":
		lines, err = adopt.NewFromMergeBase(wd, f.newFromMergeBase)
	}
	if err != nil {
		return fail(err)
	}
	var base *adopt.Baseline
	if f.baseline != "" {
		if base, err = adopt.ReadBaseline(f.baseline); err != nil {
			return fail(err)
		}
	}
	findings, errs, failed, err := runEngine(e)
	if err != nil {
		return fail(err)
	}
	if f.writeBaseline != "" {
		if len(errs) > 0 || failed {
			adopt.RenderText(os.Stderr, nil, errs)
			return fail(errors.New("analysis failed: baseline not written"))
		}
		if err := adopt.WriteBaseline(f.writeBaseline, findings); err != nil {
			return fail(err)
		}
		fmt.Fprintf(os.Stderr, "o11ylint: recorded %d findings in %s\n", len(findings), f.writeBaseline)
		return 0
	}
	if lines != nil {
		findings = lines.Filter(findings)
	}
	if base != nil {
		var fixed int
		findings, fixed = base.Filter(findings)
		if fixed > 0 {
			fmt.Fprintf(os.Stderr, "o11ylint: %d baseline findings no longer occur; rewrite %s with -write-baseline to drop them\n", fixed, f.baseline)
		}
	}
	if err := render(f, findings, errs, contextLines); err != nil {
		return fail(err)
	}
	switch {
	case len(errs) > 0 || failed:
		return 1
	case len(findings) > 0 && !f.json && !f.sarif:
		// As the driver does: -json and -sarif exit 0 once written.
		return 3
	}
	return 0
}

// An engine says how to run the analysis: through go vet (vet, the
// default) or by running this binary's in-process driver (-engine=load)
// with load as its arguments.
type engine struct {
	vet  *vetOptions
	load []string
}

// runEngine runs the analysis and returns its findings and analyzer
// errors; failed reports packages that could not be analyzed (build
// errors, already printed on stderr). It is the one place that knows how:
// go vet -vettool=<this binary> -json for the vet engine, or this binary
// with -engine=load -json.
func runEngine(e engine) (findings []adopt.Finding, errs []adopt.AnalyzerError, failed bool, err error) {
	if e.vet != nil {
		return runVetEngine(e.vet)
	}
	self, err := os.Executable()
	if err != nil {
		return nil, nil, false, err
	}
	var out bytes.Buffer
	cmd := exec.Command(self, append([]string{"-engine=" + engineLoad, "-json"}, withoutJSON(e.load)...)...)
	cmd.Stdout = &out
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		// With -json the driver exits 0 with findings, 1 on load errors.
		if !errors.As(err, &exit) || (exit.ExitCode() != 3 && out.Len() == 0) {
			return nil, nil, false, fmt.Errorf("analysis failed: %v", err)
		}
	}
	findings, errs, err = adopt.ParseJSON(out.Bytes())
	return findings, errs, false, err
}

func withoutJSON(args []string) []string {
	var rest []string
	for _, a := range args {
		if a == "-json" || a == "--json" || a == "-json=true" || a == "--json=true" {
			continue
		}
		rest = append(rest, a)
	}
	return rest
}

// render prints findings in the format f asks for.
func render(f *adoptFlags, findings []adopt.Finding, errs []adopt.AnalyzerError, contextLines int) error {
	switch {
	case f.sarif:
		var buf bytes.Buffer
		// One result per finding, not one per package variant.
		if err := adopt.RenderJSON(&buf, adopt.Dedup(findings), errs); err != nil {
			return err
		}
		log, err := sarif.Convert(buf.Bytes(), sourceRoot(), version())
		if err != nil {
			return err
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(log)
	case f.json:
		return adopt.RenderJSON(os.Stdout, findings, errs)
	}
	adopt.RenderTextContext(os.Stderr, findings, errs, contextLines)
	return nil
}
